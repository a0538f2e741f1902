// Bulk import of a partner's incidents (and the sources they cite) from an HXL-tagged CSV or a
// JSON-lines stream. Rows are matched on the partner's own external id, so importing a file again
// changes nothing; each batch is one transaction, and a batch the database refuses is redone row
// by row, so a bad row is rolled back alone and never takes the good ones with it.
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { In, type DataSource, type EntityManager, type EntityTarget, type SelectQueryBuilder } from 'typeorm';
import { checkNoWriteDown } from '../../kernel/policy/no-write-down';
import { citedRecord, floorsOfMany, raiseFloors, type CitedRecord } from '../../kernel/policy/record-floor';
import { AuditAction, AuditEvent } from '../../kernel/audit/audit-event.entity';
import { badInput } from '../../../platform/errors';
import { logger } from '../../../platform/logger';
import { Classification, ownership } from '../../kernel/policy/ownership';
import { COUNTRIES } from '../../kernel/reference/countries';
import { partnerCode } from '../../kernel/write/validation';
import { DatePrecision, GeoPrecision, Incident } from '../entities/incident.entity';
import { Situation } from '../entities/situation.entity';
import { Source, SourceType } from '../entities/source.entity';
import type { RawRow } from './incident-fields';
import { INCIDENT_VALUE_FIELDS } from '../rules/incident.content';
import { checkIncidentRow, type FieldProblem, type IncidentDraft } from './incident-row';
import { incidentValueProblems } from '../rules/incident.rules';
import { readHxlCsv } from './hxl-reader';
import { readJsonLines } from './jsonl-reader';

export type ImportFormat = 'hxl' | 'jsonl';
export type RowStatus = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What happened to one row; the CLI writes these as JSON lines to --report. */
export interface RowOutcome {
  line: number;
  externalId: string | null;
  status: RowStatus;
  /** The hub's id of the incident the row created, updated or left unchanged. */
  id?: string;
  errors?: FieldProblem[];
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Columns (HXL) or keys (JSON lines) the import did not read. */
  ignored: string[];
  /** Why the import stopped before the end of the input, if it did. */
  stoppedEarly: string | null;
  seconds: number;
}

export interface ImportOptions {
  /** The importing organisation: owner and creator of every incident and source it adds. */
  org: string;
  /** Given: applied to created and updated incidents. Omitted: AMBER for created ones, and
   * incidents already stored keep theirs (so a re-import never widens or narrows access by default). */
  classification?: Classification;
  /** As classification: given, applied to every row; omitted, [] for created incidents only. */
  sharedWith?: string[];
  format: ImportFormat;
  /** Rows per transaction. */
  batchSize?: number;
  /** Called for every row once its batch is committed, in file order; awaited (back-pressure). */
  onRow?: (outcome: RowOutcome) => void | Promise<void>;
  /** Called after every batch with the counts so far. */
  onProgress?: (summary: ImportSummary) => void;
  /**
   * Narrows which situations a row may name. A row naming a situation outside it is rejected
   * exactly as one naming a situation that does not exist, so the import reveals nothing. The
   * CLI passes none; an authenticated mutation must pass the access policy's "may see" here
   * (kernel/access-policy restrictToVisible).
   */
  situationScope?: (query: SelectQueryBuilder<Situation>, alias: string) => SelectQueryBuilder<Situation>;
  /**
   * Narrows which of the organisation's stored incidents the import may change. A stored incident
   * outside it (one derived from a situation the caller may no longer read) is not changed, and its
   * row is rejected as one naming an unknown situation. A mutation passes the access policy here too.
   */
  incidentScope?: (query: SelectQueryBuilder<Incident>, alias: string) => SelectQueryBuilder<Incident>;
  /** Aborting stops reading; the rows already read are still written, then the import returns. */
  signal?: AbortSignal;
  /** Who the audit trail names for every incident and source the import creates or changes
   * (their organisation is `org`). A mutation passes the viewer's `sub` and operation name. */
  audit?: { actorSub: string | null; operationName: string | null };
}

const DEFAULT_BATCH = 500;
const DEFAULT_CLASSIFICATION = Classification.AMBER;
// Caches of known sources and situations are dropped past this size to keep memory bounded.
const CACHE_LIMIT = 10_000;
const CONCURRENCY_RETRIES = 3;
// PostgreSQL plans the per-batch lookups from table statistics that autovacuum refreshes only
// every minute or so; a bulk load makes them stale within seconds, and a lookup that should take
// 1 ms then scans every incident of the organisation. Refresh them after 2,000 new rows, then
// each time the count has grown fourfold: a handful of ANALYZEs however large the file.
const FIRST_ANALYZE = 2_000;

// "Not in the future" means after the latest date anywhere on Earth (UTC+14), so a partner's report
// dated its own local today is never refused for being ahead of the server's clock.
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

const REGION_BY_ISO3: ReadonlyMap<string, string> = new Map(COUNTRIES.map((c) => [c.iso3, c.region]));

/** Columns compared to decide between updated and unchanged. */
const COMPARED = [...INCIDENT_VALUE_FIELDS, 'sourceId', 'classification', 'sharedWith'] as const;
type Compared = (typeof COMPARED)[number];
type StoredValues = Pick<Incident, Compared>;

interface Settings {
  org: string;
  audit: { actorSub: string | null; operationName: string | null };
  classification?: Classification;
  sharedWith?: string[];
  batchSize: number;
  today: string;
}

/** A row read from the file: either a draft to store or the reasons it cannot be. */
interface Pending {
  line: number;
  externalId: string | null;
  draft?: IncidentDraft;
  problems?: FieldProblem[];
}

interface BatchResult {
  outcomes: RowOutcome[];
  /** External ids this batch stored or confirmed, with their line: becomes the run's `seen` on commit. */
  seen: Map<string, number>;
  sources: Map<string, string>;
  situations: Map<string, SituationFacts>;
  /** Situations a row may name (found, and inside situationScope). */
  nameable: Set<string>;
}

interface NewSource {
  id: string;
  name: string;
  type: SourceType;
  region: string;
  /** A row that is stored cites it. */
  used: boolean;
}

/** What the rules for an incident's situation need to know of it. */
type SituationFacts = Pick<Situation, 'id' | 'countryIso3' | 'ownerOrg' | 'classification' | 'sharedWith' | 'sharedWithUsers'>;

function emptyResult(): BatchResult {
  return { outcomes: [], seen: new Map(), sources: new Map(), situations: new Map(), nameable: new Set() };
}

class ConcurrentChange extends Error {}

/** Validates the options before anything is read; each failure names the option. */
function settingsOf(options: ImportOptions): Settings {
  const org = partnerCode(options.org ?? '', 'org');
  if (options.classification !== undefined && !Object.values(Classification).includes(options.classification)) {
    throw badInput(
      `classification must be one of ${Object.values(Classification).join(', ')}, got ${JSON.stringify(options.classification)}`,
      'classification',
    );
  }
  const sharedWith = options.sharedWith?.map((code) => partnerCode(code, 'sharedWith'));
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000)
    throw badInput('batchSize must be a whole number from 1 to 5000', 'batchSize');
  return {
    org,
    audit: options.audit ?? { actorSub: null, operationName: 'bulk import' },
    classification: options.classification,
    sharedWith: sharedWith && [...new Set(sharedWith)].sort(),
    batchSize,
    today: latestToday(),
  };
}

function emptySummary(): ImportSummary {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, ignored: [], stoppedEarly: null, seconds: 0 };
}

/** Columns a created incident is written with; the rest keep their database defaults. */
const INSERTED = [...COMPARED, 'id', 'externalId', 'ownerOrg', 'createdByOrg', 'sharedWithUsers', 'version'] as const;
const AUDITED = [
  'id',
  'subgraph',
  'action',
  'actorSub',
  'actorOrg',
  'operationName',
  'recordType',
  'recordId',
  'recordOwnerOrg',
  'classification',
] as const;
const INSERT_CHUNK = 1000;

/**
 * A plain multi-row INSERT. TypeORM's insert builder spends more time juggling named parameters
 * than PostgreSQL spends storing the rows (about 5 s per 100,000 incidents); the table and column
 * names still come from the entity's metadata, so a renamed column cannot be missed here.
 */
async function insertRows<T>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  properties: readonly string[],
  records: Record<string, unknown>[],
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return `"${column.databaseName}"`;
  });
  for (let start = 0; start < records.length; start += INSERT_CHUNK) {
    const params: unknown[] = [];
    const rows = records.slice(start, start + INSERT_CHUNK).map((record) => {
      const placeholders = properties.map((property) => {
        params.push(record[property] ?? null);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(`INSERT INTO ${metadata.tablePath} (${columns.join(', ')}) VALUES ${rows.join(', ')}`, params);
  }
}

class IncidentImport {
  readonly summary = emptySummary();
  /** External ids stored or confirmed by this run, with the line that did it: a later row with the
   * same id and other values is a contradiction within the file, not an update. */
  private readonly seen = new Map<string, number>();
  private readonly sources = new Map<string, string>();
  private readonly situations = new Map<string, SituationFacts>();
  private readonly nameable = new Set<string>();
  private nextAnalyze = FIRST_ANALYZE;

  constructor(
    private readonly db: DataSource,
    private readonly settings: Settings,
    private readonly options: ImportOptions,
  ) {}

  check(row: RawRow): Pending {
    if (row.unreadable) return { line: row.line, externalId: null, problems: [{ field: 'row', message: row.unreadable }] };
    const checked = checkIncidentRow(row, this.settings.today);
    if (!checked.ok) return { line: row.line, externalId: checked.externalId, problems: checked.problems };
    return { line: row.line, externalId: checked.draft.externalId, draft: checked.draft };
  }

  async flush(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    let results: BatchResult[];
    try {
      results = [this.learn(await this.inTransaction(batch))];
    } catch (error) {
      if (!(error instanceof ConcurrentChange)) logger.debug('import batch refused; retrying its rows one by one', { error });
      results = [];
      // Each row's result is committed before the next row is planned, so a later row repeating
      // an id sees what the earlier one stored.
      for (const pending of batch) results.push(this.learn(await this.alone(pending)));
    }
    for (const result of results) {
      for (const outcome of result.outcomes) {
        this.summary.rows += 1;
        this.summary[outcome.status] += 1;
        await this.options.onRow?.(outcome);
      }
    }
    this.options.onProgress?.(this.summary);
    if (this.summary.created >= this.nextAnalyze) {
      this.nextAnalyze = this.summary.created * 4;
      await this.db.query(`ANALYZE ${this.db.getMetadata(Incident).tablePath}`);
    }
  }

  /** Takes what a committed transaction learnt into the run's state. */
  private learn(result: BatchResult): BatchResult {
    for (const [externalId, line] of result.seen) if (!this.seen.has(externalId)) this.seen.set(externalId, line);
    if (this.sources.size + result.sources.size > CACHE_LIMIT) this.sources.clear();
    for (const [name, id] of result.sources) this.sources.set(name, id);
    if (this.situations.size + result.situations.size > CACHE_LIMIT) {
      this.situations.clear();
      this.nameable.clear();
    }
    for (const [id, facts] of result.situations) this.situations.set(id, facts);
    for (const id of result.nameable) this.nameable.add(id);
    return result;
  }

  private async inTransaction(batch: Pending[]): Promise<BatchResult> {
    if (batch.every((p) => !p.draft)) return this.plan(undefined, batch);
    return this.db.transaction((manager) => this.plan(manager, batch));
  }

  /** One row in its own transaction, after its batch failed: only this row is lost if it fails. */
  private async alone(pending: Pending): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inTransaction([pending]);
      } catch (error) {
        if (error instanceof ConcurrentChange && attempt < CONCURRENCY_RETRIES) continue;
        const message =
          error instanceof ConcurrentChange
            ? 'the incident was changed by someone else during the import; import the row again'
            : 'the database refused the row';
        if (!(error instanceof ConcurrentChange))
          logger.error('import row refused by the database', { line: pending.line, externalId: pending.externalId, error });
        const result = emptyResult();
        result.outcomes.push({ line: pending.line, externalId: pending.externalId, status: 'rejected', errors: [{ field: 'row', message }] });
        return result;
      }
    }
  }

  /** Decides and writes every row of the batch inside `manager`'s transaction. */
  private async plan(manager: EntityManager | undefined, batch: Pending[]): Promise<BatchResult> {
    const result = emptyResult();
    const reject = (pending: Pending, errors: FieldProblem[]) =>
      result.outcomes.push({ line: pending.line, externalId: pending.externalId, status: 'rejected', errors });
    const live = batch.filter((p): p is Pending & { draft: IncidentDraft } => p.draft !== undefined);
    const nameable = (id: string | null | undefined) => !id || this.nameable.has(id) || result.nameable.has(id);

    let existing = new Map<string, Incident>();
    let floors = new Map<string, CitedRecord[]>();
    let hidden = new Set<string>();
    if (manager && live.length > 0) {
      existing = await this.findIncidents(manager, live);
      floors = await floorsOfMany(
        manager,
        [...existing.values()].map((incident) => incident.id),
      );
      hidden = await this.outOfScope(manager, [...existing.values()]);
      await this.findSituations(manager, live, existing, result);
      await this.findSources(manager, live, result);
    }
    // Sources the rows name that do not exist yet, with the id each will get. Only those a stored
    // row ends up citing are created, so a rejected row leaves nothing behind.
    const newSources = new Map<string, NewSource>();

    // The state each external id will have once this batch is written, for rows repeating an id.
    const planned = new Map<string, StoredValues & Pick<Incident, 'id' | 'sharedWithUsers'>>();
    const creates: (StoredValues & { id: string; externalId: string })[] = [];
    const updates: { id: string; version: number; changes: Partial<StoredValues>; classification: Classification; situationId: string | null }[] = [];

    for (const pending of batch) {
      if (!pending.draft) {
        reject(pending, pending.problems ?? []);
        continue;
      }
      const { draft, line } = pending;
      const { externalId } = draft;
      if (!nameable(draft.values.situationId)) {
        reject(pending, [
          { field: 'situationId', message: `situationId: no situation ${draft.values.situationId} (it must be the id of a situation in the hub)` },
        ]);
        continue;
      }
      const proposed: Partial<StoredValues> = { ...draft.values };
      let newSource: NewSource | undefined;
      if (draft.source) {
        const { name } = draft.source;
        const found = result.sources.get(name) ?? this.sources.get(name);
        if (found === undefined && !newSources.has(name)) {
          newSources.set(name, {
            id: randomUUID(),
            name,
            type: draft.source.type ?? SourceType.OTHER,
            region: REGION_BY_ISO3.get(draft.values.countryIso3 ?? '') ?? 'Global',
            used: false,
          });
        }
        newSource = found === undefined ? newSources.get(name) : undefined;
        proposed.sourceId = found ?? newSource!.id;
      } else if (draft.source === null) {
        proposed.sourceId = null;
      }
      if (this.settings.classification !== undefined) proposed.classification = this.settings.classification;
      if (this.settings.sharedWith !== undefined) proposed.sharedWith = this.settings.sharedWith;

      const stored = existing.get(externalId);
      if (stored && hidden.has(stored.id)) {
        // Its situation, or one it was derived from, is out of the caller's reach: say no more than for an unknown one.
        // Only an id the row itself sent is quoted back.
        const named = draft.values.situationId ? ` ${draft.values.situationId}` : '';
        reject(pending, [{ field: 'situationId', message: `situationId: no situation${named} (it must be the id of a situation in the hub)` }]);
        continue;
      }
      const current = planned.get(externalId) ?? stored;
      const after = { ...(current ?? this.defaults()), ...proposed } as StoredValues & Pick<Incident, 'sharedWithUsers'>;
      if (!current) {
        const cited = this.citationProblems(after, result);
        if (cited.length > 0) {
          reject(pending, cited);
          continue;
        }
        const record = { ...after, externalId, id: randomUUID() } as StoredValues &
          Pick<Incident, 'sharedWithUsers'> & { id: string; externalId: string };
        if (newSource) newSource.used = true;
        creates.push(record);
        planned.set(externalId, record);
        result.seen.set(externalId, line);
        result.outcomes.push({ line, externalId, status: 'created', id: record.id });
        continue;
      }
      const changes: Partial<StoredValues> = {};
      for (const key of COMPARED) {
        if (key in proposed && !isDeepStrictEqual(current[key] ?? null, proposed[key] ?? null))
          (changes as Record<string, unknown>)[key] = proposed[key];
      }
      const firstLine = result.seen.get(externalId) ?? this.seen.get(externalId);
      if (Object.keys(changes).length === 0) {
        if (firstLine === undefined) result.seen.set(externalId, line);
        result.outcomes.push({ line, externalId, status: 'unchanged', id: current.id });
        continue;
      }
      if (firstLine !== undefined) {
        reject(pending, [
          {
            field: 'externalId',
            message: `externalId ${JSON.stringify(externalId)} is also on line ${firstLine}, with other values; that row is kept. Give each incident its own id.`,
          },
        ]);
        continue;
      }
      // A change is held to the rules as the incident will be stored, with the values the row leaves alone.
      const merged = { ...after, id: current.id };
      const problems = [
        ...incidentValueProblems(merged).map((problem) => ({ ...problem, message: `${problem.message} (with the values already stored)` })),
        ...this.citationProblems(merged, result, floors.get(current.id)),
      ];
      if (problems.length > 0) {
        reject(pending, problems);
        continue;
      }
      if (newSource) newSource.used = true;
      updates.push({
        id: stored!.id,
        version: stored!.version,
        changes,
        classification: merged.classification,
        situationId: merged.situationId ?? null,
      });
      planned.set(externalId, merged);
      result.seen.set(externalId, line);
      result.outcomes.push({ line, externalId, status: 'updated', id: stored!.id });
    }

    const createdSources = manager
      ? await this.createSources(
          manager,
          [...newSources.values()].filter((source) => source.used),
          result,
        )
      : [];
    if (manager && creates.length > 0) {
      await insertRows(
        manager,
        Incident,
        INSERTED,
        creates.map((record) => ({ ...record, version: 1 })),
      );
    }
    if (manager) {
      // Each stored incident keeps the situation it was imported against as its floor (no write-down).
      const floored = [...creates.map((record) => ({ id: record.id, situationId: record.situationId })), ...updates];
      await raiseFloors(
        manager,
        floored.flatMap(({ id, situationId }) => {
          const situation = situationId ? (result.situations.get(situationId) ?? this.situations.get(situationId)) : undefined;
          return situation ? [{ recordId: id, cited: [citedRecord('Situation', situation)] }] : [];
        }),
      );
    }
    for (const update of updates) {
      const done = await manager!
        .createQueryBuilder()
        .update(Incident)
        .set(update.changes)
        .where('id = :id AND version = :version', { id: update.id, version: update.version })
        .updateEntity(false)
        .execute();
      // The version check turns a change made by someone else since the read into a retry, not a lost update.
      if (done.affected !== 1) throw new ConcurrentChange();
    }
    if (manager) {
      const changed = [
        ...createdSources.map((source) => this.auditEvent(manager, AuditAction.CREATE, 'Source', source)),
        ...creates.map((record) => this.auditEvent(manager, AuditAction.CREATE, 'Incident', record)),
        ...updates.map((update) => this.auditEvent(manager, AuditAction.UPDATE, 'Incident', update)),
      ];
      if (changed.length > 0) await insertRows(manager, AuditEvent, AUDITED, changed);
    }
    return result;
  }

  /** The audit trail's entry for a change the import makes, written in the change's own transaction. */
  private auditEvent(
    manager: EntityManager,
    action: AuditAction,
    recordType: string,
    record: { id: string; classification: Classification },
  ): Record<string, unknown> {
    return {
      id: randomUUID(),
      subgraph: manager.connection.getMetadata(Incident).schema,
      action,
      actorSub: this.settings.audit.actorSub,
      actorOrg: this.settings.org,
      operationName: this.settings.audit.operationName,
      recordType,
      recordId: record.id,
      recordOwnerOrg: this.settings.org,
      classification: record.classification,
    };
  }

  private defaults(): Omit<StoredValues, 'countryIso3' | 'occurredOn' | 'eventType'> &
    Pick<Incident, 'ownerOrg' | 'createdByOrg' | 'sharedWithUsers' | 'externalId'> {
    return {
      situationId: null,
      datePrecision: DatePrecision.DAY,
      adm1: null,
      adm2: null,
      place: null,
      latitude: null,
      longitude: null,
      geoPrecision: GeoPrecision.EXACT,
      subEventType: null,
      actors: [],
      fatalitiesLow: null,
      fatalitiesBest: null,
      fatalitiesHigh: null,
      notes: null,
      sourceId: null,
      externalId: null,
      ...ownership({
        ownerOrg: this.settings.org,
        classification: this.settings.classification ?? DEFAULT_CLASSIFICATION,
        sharedWith: this.settings.sharedWith ?? [],
      }),
    };
  }

  /**
   * Loads the situations the batch's incidents will belong to: those the rows name, which must be
   * inside situationScope, and those stored incidents keep when their row does not name one, whose
   * rules still apply to the changed incident.
   */
  private async findSituations(
    manager: EntityManager,
    live: (Pending & { draft: IncidentDraft })[],
    existing: Map<string, Incident>,
    result: BatchResult,
  ): Promise<void> {
    const named = new Set<string>();
    const kept = new Set<string>();
    for (const { draft } of live) {
      if ('situationId' in draft.values) {
        if (draft.values.situationId && !this.nameable.has(draft.values.situationId)) named.add(draft.values.situationId);
      } else {
        const id = existing.get(draft.externalId)?.situationId;
        if (id && !this.situations.has(id)) kept.add(id);
      }
    }
    if (named.size > 0) {
      let query = manager
        .getRepository(Situation)
        .createQueryBuilder('situation')
        .select('situation.id', 'id')
        .where('situation.id IN (:...situationIds)', { situationIds: [...named] });
      if (this.options.situationScope) query = this.options.situationScope(query, 'situation');
      for (const { id } of await query.getRawMany<{ id: string }>()) result.nameable.add(id);
    }
    const wanted = [...result.nameable, ...kept].filter((id) => !this.situations.has(id));
    if (wanted.length === 0) return;
    // Read inside situationScope too: a situation a stored incident keeps but the importer may no
    // longer read is not loaded, so nothing about it can reach a message.
    let factsQuery = manager.getRepository(Situation).createQueryBuilder('situation').where('situation.id IN (:...wanted)', { wanted });
    if (this.options.situationScope) factsQuery = this.options.situationScope(factsQuery, 'situation');
    const facts = await factsQuery.getMany();
    for (const situation of facts) result.situations.set(situation.id, situation);
  }

  /**
   * The rules the mutations apply to an incident's situation, applied to the incident as it will be
   * stored: it lies in the situation's country, and it reaches no reader the situation, or anything
   * the stored incident was derived from before (`floors`), does not (kernel/policy/no-write-down.ts).
   * A situation outside situationScope is not among the facts, so no message can quote it.
   */
  private citationProblems(
    incident: StoredValues & Pick<Incident, 'sharedWithUsers'>,
    result: BatchResult,
    floors: CitedRecord[] = [],
  ): FieldProblem[] {
    const situation = incident.situationId ? (result.situations.get(incident.situationId) ?? this.situations.get(incident.situationId)) : undefined;
    const problems: FieldProblem[] = [];
    if (situation && situation.countryIso3 !== incident.countryIso3) {
      problems.push({ field: 'countryIso3', message: `countryIso3 must be ${situation.countryIso3}, the country of situation ${situation.id}` });
    }
    const derived = {
      ownerOrg: this.settings.org,
      classification: incident.classification,
      sharedWith: incident.sharedWith,
      sharedWithUsers: incident.sharedWithUsers,
    };
    checkNoWriteDown({ add: (field, message) => problems.push({ field: field as FieldProblem['field'], message }) }, derived, [
      ...floors,
      ...(situation ? [citedRecord('Situation', situation)] : []),
    ]);
    return problems;
  }

  /** The stored incidents the caller may not read (incidentScope), which the import leaves alone. */
  private async outOfScope(manager: EntityManager, stored: Incident[]): Promise<Set<string>> {
    if (!this.options.incidentScope || stored.length === 0) return new Set();
    const ids = stored.map((incident) => incident.id);
    const query = this.options.incidentScope(
      manager.getRepository(Incident).createQueryBuilder('incident').select('incident.id', 'id').where('incident.id IN (:...ids)', { ids }),
      'incident',
    );
    const readable = new Set((await query.getRawMany<{ id: string }>()).map((row) => row.id));
    return new Set(ids.filter((id) => !readable.has(id)));
  }

  private async findIncidents(manager: EntityManager, live: Pending[]): Promise<Map<string, Incident>> {
    const ids = [...new Set(live.map((p) => p.draft!.externalId))];
    const found = await manager.getRepository(Incident).find({ where: { ownerOrg: this.settings.org, externalId: In(ids) } });
    return new Map(found.map((incident) => [incident.externalId!, incident]));
  }

  /** The organisation's sources the batch's rows name, found by name. */
  private async findSources(manager: EntityManager, live: (Pending & { draft: IncidentDraft })[], result: BatchResult): Promise<void> {
    const names = [...new Set(live.flatMap(({ draft }) => (draft.source && !this.sources.has(draft.source.name) ? [draft.source.name] : [])))];
    if (names.length === 0) return;
    const found = await manager
      .getRepository(Source)
      .find({ select: { id: true, name: true }, where: { ownerOrg: this.settings.org, name: In(names) } });
    for (const source of found) result.sources.set(source.name, source.id);
  }

  /**
   * Creates the sources stored rows cite that the organisation does not have yet. A new source
   * gets the import's classification: a source's name can itself be sensitive, so it is shared no
   * wider than the incidents citing it. Its type comes from the first row naming it, its region
   * from that row's country; a source already stored keeps its own.
   */
  private async createSources(
    manager: EntityManager,
    sources: NewSource[],
    result: BatchResult,
  ): Promise<{ id: string; classification: Classification }[]> {
    if (sources.length === 0) return [];
    const classification = this.settings.classification ?? DEFAULT_CLASSIFICATION;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Source)
      .values(
        sources.map(({ id, name, type, region }) => ({
          id,
          name,
          type,
          region,
          url: null,
          ...ownership({ ownerOrg: this.settings.org, classification, sharedWith: this.settings.sharedWith ?? [] }),
        })),
      )
      .orIgnore()
      .updateEntity(false)
      .returning(['id'])
      .execute();
    // Another import created one of these sources since the lookup: redo the rows, which will now find it.
    if ((inserted.raw as unknown[]).length !== sources.length) throw new ConcurrentChange();
    for (const source of sources) result.sources.set(source.name, source.id);
    return sources.map(({ id }) => ({ id, classification }));
  }
}

/**
 * Imports incidents from `input` (the file's bytes) into the situations database. Resolves with
 * the counts once the input is consumed. Rejects with BAD_USER_INPUT before writing anything when
 * the options are invalid or the file cannot be read as incidents (no HXL hashtag row, a required
 * column missing); a row that fails is reported through `onRow` and never stops the others.
 */
export async function importIncidents(db: DataSource, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const settings = settingsOf(options);
  if (options.format !== 'hxl' && options.format !== 'jsonl') throw badInput('format must be hxl or jsonl', 'format');
  const reader = options.format === 'jsonl' ? readJsonLines(input) : readHxlCsv(input);
  const run = new IncidentImport(db, settings, options);
  const finish = () => {
    run.summary.ignored = reader.ignored();
    run.summary.seconds = (Date.now() - started) / 1000;
    return run.summary;
  };
  let batch: Pending[] = [];
  let read = 0;
  try {
    for await (const row of reader.rows) {
      read += 1;
      batch.push(run.check(row));
      if (batch.length >= settings.batchSize) {
        await run.flush(batch);
        batch = [];
      }
      if (options.signal?.aborted) {
        run.summary.stoppedEarly = 'interrupted';
        break;
      }
    }
  } catch (error) {
    const fileLevel = error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT';
    if (fileLevel && read === 0) throw error;
    if (!fileLevel) logger.error('import input failed', { error });
    run.summary.stoppedEarly = `the input could not be read after row ${read}: ${(error as Error).message}`;
  } finally {
    // Stopped early (interrupted, or the file is unusable): release the file or the upload.
    if (!input.readableEnded) input.destroy();
  }
  await run.flush(batch);
  return finish();
}
