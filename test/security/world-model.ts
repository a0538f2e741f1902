// An independent model of who may read what in a generated world: the brief's table ("Ownership and
// confidentiality") and the no-write-down rule of the issue 9 contract, written without the kernel's
// policy so that the hub and this model can disagree. Nothing here imports from subgraphs/.

export type Level = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED';
export const LEVELS: readonly Level[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

export type AlertStatus = 'DRAFT' | 'ISSUED' | 'ESCALATED_TO_SECRETARY_GENERAL' | 'ESCALATED_TO_SECURITY_COUNCIL' | 'CLOSED' | 'SUPERSEDED';
export type RiskLevel = 'LOW' | 'MODERATE' | 'HIGH' | 'VERY_HIGH';

/** Who owns a record and whom the owner shares it with, as the owner wrote it. */
export interface Sharing {
  ownerOrg: string;
  classification: Level;
  sharedWith: string[];
  sharedWithUsers: string[];
}

/** A reader of the hub: anonymous (no org, no sub) or a member of an organisation. */
export interface Reader {
  name: string;
  org: string | null;
  sub: string | null;
  roles: ('viewer' | 'editor' | 'admin')[];
}

export const ANONYMOUS: Reader = { name: 'anonymous', org: null, sub: null, roles: [] };

export const isAmber = (level: Level): boolean => level === 'AMBER' || level === 'AMBER_STRICT';

/** The brief's table, and nothing else: may `reader` read a record shared as `sharing`? */
export function tableAllows(reader: Reader, sharing: Sharing): boolean {
  if (sharing.classification === 'CLEAR') return true;
  if (reader.org === null) return false;
  if (reader.org === sharing.ownerOrg) return true;
  if (sharing.classification === 'GREEN') return true;
  if (isAmber(sharing.classification)) return sharing.sharedWith.includes(reader.org);
  return reader.sub !== null && sharing.sharedWithUsers.includes(reader.sub);
}

/**
 * The contract's no-write-down rule: the fields of `derived` (owned by the writer's organisation)
 * that would let someone read it who cannot read `source`. Empty when the derivation is allowed.
 */
export function writeDownProblems(source: Sharing, derived: Sharing): string[] {
  const { classification: c, ownerOrg: d, sharedWith: w, sharedWithUsers: u } = derived;
  switch (source.classification) {
    case 'CLEAR':
      return [];
    case 'GREEN':
      return c === 'CLEAR' ? ['classification'] : [];
    case 'AMBER':
    case 'AMBER_STRICT': {
      const circle = new Set([source.ownerOrg, ...source.sharedWith]);
      // An AMBER_STRICT source also keeps what derives from it at AMBER_STRICT or above: the brief's
      // "may not be classified lower", as the hub already documents and the contract leaves as it is.
      if (c === 'AMBER' && source.classification === 'AMBER_STRICT')
        return ['classification', ...([d, ...w].every((org) => circle.has(org)) ? [] : ['sharedWith'])];
      if (isAmber(c)) return [d, ...w].every((org) => circle.has(org)) ? [] : ['sharedWith'];
      if (c === 'RED') return [...(circle.has(d) ? [] : ['classification']), ...(u.length === 0 ? [] : ['sharedWithUsers'])];
      return ['classification'];
    }
    case 'RED': {
      if (c !== 'RED' || d !== source.ownerOrg) return ['classification'];
      return u.every((user) => source.sharedWithUsers.includes(user)) ? [] : ['sharedWithUsers'];
    }
  }
}

interface RecordBase {
  key: string;
  id: string;
  sharing: Sharing;
  /** Creation order within the world. */
  order: number;
  version: number;
}

export interface SituationModel extends RecordBase {
  kind: 'situation';
}

export interface SourceModel extends RecordBase {
  kind: 'source';
}

export interface AssessmentModel extends RecordBase {
  kind: 'assessment';
  situation: string;
  /** Everything the record was ever derived from (keys); for an assessment only its situation. */
  floor: Set<string>;
  overallLevel: RiskLevel;
  assessedOn: string;
}

export interface IncidentModel extends RecordBase {
  kind: 'incident';
  /** What it cites now. */
  situation: string | null;
  source: string | null;
  floor: Set<string>;
  fatalities: number;
  /** The organisation's own id, for an imported incident (what a later import matches on). */
  externalId: string | null;
  occurredOn: string;
  notes: string;
}

export interface HistoryEntry {
  toStatus: AlertStatus;
  changedBy: string;
  changedByOrg: string;
  note: string | null;
}

export interface AcknowledgementModel {
  org: string;
  sub: string;
  note: string;
}

export interface AlertModel extends RecordBase {
  kind: 'alert';
  status: AlertStatus;
  recipientOrgs: string[];
  situation: string | null;
  /** The assessments and incidents it cites (keys); each, and all each derives from, is in its floor. */
  citedAssessments: string[];
  citedIncidents: string[];
  floor: Set<string>;
  supersedes: string | null;
  supersededBy: string | null;
  history: HistoryEntry[];
  acknowledgements: AcknowledgementModel[];
}

export type RecordModel = SituationModel | SourceModel | AssessmentModel | IncidentModel | AlertModel;

/**
 * What an alert's readers are once sent: an AMBER or AMBER_STRICT alert is also read by its
 * recipient organisations (the contract counts them in W at every write, draft included).
 */
export function alertSharing(alert: { sharing: Sharing; recipientOrgs: string[] }): Sharing {
  const { sharing } = alert;
  if (!isAmber(sharing.classification)) return sharing;
  return { ...sharing, sharedWith: [...new Set([...sharing.sharedWith, ...alert.recipientOrgs])].filter((org) => org !== sharing.ownerOrg) };
}

/** Who may see a text that appears in answers: a field of one record, a history note, an acknowledgement's note. */
export type TextOwner =
  | { kind: 'field'; world: number; keys: string[] }
  | { kind: 'acknowledgement'; world: number; alert: string }
  | { kind: 'refused'; world: number; op: number };

export type Verdict =
  { accept: true } | { accept: false; code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT'; fields: string[]; reason: string };

const ACKNOWLEDGEABLE: readonly AlertStatus[] = ['ISSUED', 'ESCALATED_TO_SECRETARY_GENERAL', 'ESCALATED_TO_SECURITY_COUNCIL', 'CLOSED'];
const CORRECTABLE: readonly AlertStatus[] = ['ISSUED', 'ESCALATED_TO_SECRETARY_GENERAL', 'ESCALATED_TO_SECURITY_COUNCIL'];

/** The import-wide sharing options of `importIncidents`; both omitted or both given. */
export interface ImportSharing {
  classification: Level;
  sharedWith: string[];
}

/** One row of an imported file, as the model sees it. */
export interface ImportRow {
  externalId: string;
  /** The situation the row names (a key), null for an empty cell, 'absent' when the row has no situation at all (no column, no key). */
  situation: string | null | 'absent';
  occurredOn: string;
  notes: string;
  fatalities: number;
}

/** What the model expects of one imported row, and the incident as it would be stored. */
export type ImportPrediction =
  | {
      status: 'created' | 'updated' | 'unchanged';
      target: string | null;
      sharing: Sharing;
      situation: string | null;
      floor: Set<string>;
      reason: string;
    }
  | {
      status: 'rejected';
      why: 'unknown-situation' | 'hidden-incident' | 'write-down';
      fields: string[];
      target: string | null;
      sharing: Sharing;
      situation: string | null;
      floor: Set<string>;
      reason: string;
    };

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** One generated world: its records as the hub stores them, and who may read each. */
export class WorldModel {
  readonly records = new Map<string, RecordModel>();
  private counter = 0;

  constructor(
    readonly index: number,
    readonly country: string,
    readonly orgs: string[],
    readonly readers: Reader[],
  ) {}

  nextOrder(): number {
    return this.counter++;
  }

  get(key: string): RecordModel {
    const record = this.records.get(key);
    if (!record) throw new Error(`world ${this.index} has no record ${key}`);
    return record;
  }

  all<K extends RecordModel['kind']>(kind: K): Extract<RecordModel, { kind: K }>[] {
    return [...this.records.values()].filter((r): r is Extract<RecordModel, { kind: K }> => r.kind === kind).sort((a, b) => a.order - b.order);
  }

  /**
   * The whole rule for one reader and one record: the table for the record's own sharing; for a
   * draft, the owner organisation only; for a derived record, also every source it was ever derived
   * from as that source is shared now; for a superseded alert, also its correction.
   */
  readable(reader: Reader, key: string): boolean {
    const record = this.get(key);
    switch (record.kind) {
      case 'situation':
      case 'source':
        return tableAllows(reader, record.sharing);
      case 'assessment':
      case 'incident':
        return tableAllows(reader, record.sharing) && [...record.floor].every((source) => this.readable(reader, source));
      case 'alert': {
        const own = record.status === 'DRAFT' ? reader.org === record.sharing.ownerOrg : tableAllows(reader, alertSharing(record));
        if (!own || ![...record.floor].every((source) => this.readable(reader, source))) return false;
        return record.supersededBy === null || this.readable(reader, record.supersededBy);
      }
    }
  }

  /** Why `reader` may not read `key`, in words, for counterexamples; null when they may. */
  whyHidden(reader: Reader, key: string): string | null {
    const record = this.get(key);
    if (record.kind === 'alert' && record.status === 'DRAFT' && reader.org !== record.sharing.ownerOrg)
      return `a draft, read by ${record.sharing.ownerOrg} only`;
    const own = record.kind === 'alert' ? alertSharing(record) : record.sharing;
    if (!(record.kind === 'alert' && record.status === 'DRAFT') && !tableAllows(reader, own)) return 'the table for its own sharing';
    if ('floor' in record) {
      const hidden = [...record.floor].filter((source) => !this.readable(reader, source));
      if (hidden.length)
        return `derived from ${hidden.map((h) => `${h} (${this.get(h).sharing.classification}/${this.get(h).sharing.ownerOrg}[${this.get(h).sharing.sharedWith.join(',')}]${this.citesNow(record, h) ? '' : ', no longer cited'})`).join(', ')}, hidden from the reader`;
    }
    if (record.kind === 'alert' && record.supersededBy && !this.readable(reader, record.supersededBy))
      return `superseded by ${record.supersededBy}, which the reader may not read`;
    return null;
  }

  private citesNow(record: AssessmentModel | IncidentModel | AlertModel, key: string): boolean {
    return (
      record.situation === key ||
      (record.kind === 'incident' && record.source === key) ||
      (record.kind === 'alert' && [...record.citedAssessments, ...record.citedIncidents].includes(key))
    );
  }

  /**
   * A cited incident came to derive from more (a correction citing a situation): the alerts citing
   * it derive from that too, as the hub's alerts subgraph is told after the correction.
   */
  followIncident(incident: string): void {
    for (const alert of this.all('alert'))
      if (alert.citedIncidents.includes(incident)) for (const source of this.alertFloor(null, [incident])) alert.floor.add(source);
  }

  readableOf<K extends RecordModel['kind']>(reader: Reader, kind: K): Extract<RecordModel, { kind: K }>[] {
    return this.all(kind).filter((r) => this.readable(reader, r.key));
  }

  mayReadText(reader: Reader, owner: TextOwner): boolean {
    switch (owner.kind) {
      case 'field':
        return owner.keys.some((key) => this.readable(reader, key));
      case 'acknowledgement':
        return reader.org !== null && this.readable(reader, owner.alert);
      case 'refused':
        return false;
    }
  }

  /** The sources' current sharing against a new version of a record derived from them. */
  floorProblems(floor: Iterable<string>, derived: Sharing): string[] {
    const fields = new Set<string>();
    for (const key of floor) {
      const source = this.get(key);
      for (const field of writeDownProblems(source.sharing, derived)) fields.add(field);
    }
    return [...fields];
  }

  /**
   * A new record (or version) deriving from `cited` (what it cites now; the writer must be able to
   * read each, or it reads as unknown) and from `floor` (everything it was ever derived from).
   */
  judgeDerivation(writer: Reader, cited: { key: string; field: string }[], floor: Iterable<string>, derived: Sharing): Verdict {
    const unknown = cited.filter((c) => !this.readable(writer, c.key));
    if (unknown.length > 0)
      return {
        accept: false,
        code: 'BAD_USER_INPUT',
        fields: unknown.map((c) => c.field),
        reason: `cites ${unknown.map((c) => c.key).join(', ')}, which the writer may not read`,
      };
    const fields = this.floorProblems(floor, derived);
    if (fields.length > 0) return { accept: false, code: 'BAD_USER_INPUT', fields, reason: `write-down from ${[...floor].join(', ')}` };
    return { accept: true };
  }

  /** A change to a stored record by an editor of its owner: refused as unknown when the editor can no longer read it. */
  judgeTarget(writer: Reader, key: string): Verdict | null {
    return this.readable(writer, key) ? null : { accept: false, code: 'NOT_FOUND', fields: [], reason: `${key} is not readable by the writer` };
  }

  /**
   * What an alert citing `situation` and the assessments and incidents of `evidence` derives from:
   * each cited record and everything each of those was ever derived from.
   */
  alertFloor(situation: string | null, evidence: string[]): Set<string> {
    const floor = new Set<string>(situation ? [situation] : []);
    for (const key of evidence) {
      floor.add(key);
      const cited = this.get(key);
      if ('floor' in cited) for (const source of cited.floor) floor.add(source);
    }
    return floor;
  }

  judgeAlertDraft(
    writer: Reader,
    situation: string | null,
    alert: { sharing: Sharing; recipientOrgs: string[]; citedAssessments?: string[]; citedIncidents?: string[] },
  ): Verdict {
    const assessments = alert.citedAssessments ?? [];
    const incidents = alert.citedIncidents ?? [];
    return this.judgeDerivation(
      writer,
      [
        ...(situation ? [{ key: situation, field: 'situationId' }] : []),
        ...assessments.map((key) => ({ key, field: 'citedAssessmentIds' })),
        ...incidents.map((key) => ({ key, field: 'citedIncidentIds' })),
      ],
      this.alertFloor(situation, [...assessments, ...incidents]),
      alertSharing(alert),
    );
  }

  judgeAlertEdit(writer: Reader, key: string, next: { situation: string | null; sharing: Sharing; recipientOrgs: string[] }): Verdict {
    const alert = this.get(key) as AlertModel;
    const target = this.judgeTarget(writer, key);
    if (target) return target;
    if (alert.status !== 'DRAFT') return { accept: false, code: 'CONFLICT', fields: [], reason: `${key} is ${alert.status}` };
    const cited = next.situation && next.situation !== alert.situation ? [{ key: next.situation, field: 'situationId' }] : [];
    return this.judgeDerivation(writer, cited, [...alert.floor, ...(next.situation ? [next.situation] : [])], alertSharing(next));
  }

  judgeIssue(writer: Reader, key: string): Verdict {
    const alert = this.get(key) as AlertModel;
    const target = this.judgeTarget(writer, key);
    if (target) return target;
    if (alert.status !== 'DRAFT') return { accept: false, code: 'CONFLICT', fields: [], reason: `${key} is ${alert.status}` };
    return this.judgeDerivation(writer, [], alert.floor, alertSharing(alert));
  }

  judgeCorrection(writer: Reader, key: string, next: { situation: string | null; sharing: Sharing; recipientOrgs: string[] }): Verdict {
    const alert = this.get(key) as AlertModel;
    const target = this.judgeTarget(writer, key);
    if (target) return target;
    if (!CORRECTABLE.includes(alert.status)) return { accept: false, code: 'CONFLICT', fields: [], reason: `${key} is ${alert.status}` };
    const cited = next.situation && next.situation !== alert.situation ? [{ key: next.situation, field: 'situationId' }] : [];
    return this.judgeDerivation(writer, cited, [...alert.floor, ...(next.situation ? [next.situation] : [])], alertSharing(next));
  }

  judgeAcknowledgement(reader: Reader, key: string): Verdict {
    const alert = this.get(key) as AlertModel;
    if (reader.org === null) return { accept: false, code: 'FORBIDDEN', fields: [], reason: 'anonymous' };
    if (!this.readable(reader, key))
      return { accept: false, code: 'NOT_FOUND', fields: [], reason: `${key} is not readable by the acknowledging reader` };
    if (!alert.recipientOrgs.includes(reader.org))
      return { accept: false, code: 'FORBIDDEN', fields: [], reason: `${reader.org} is not a recipient of ${key}` };
    if (!ACKNOWLEDGEABLE.includes(alert.status)) return { accept: false, code: 'CONFLICT', fields: [], reason: `${key} is ${alert.status}` };
    return { accept: true };
  }

  /** The organisation's imported incident stored under `externalId`, if any. */
  importedIncident(org: string, externalId: string): IncidentModel | null {
    return this.all('incident').find((i) => i.sharing.ownerOrg === org && i.externalId === externalId) ?? null;
  }

  /**
   * One row of an import by `importer` (an editor; its organisation owns what the import stores),
   * matched on the organisation's own id. A row naming a situation the importer may not read, or
   * matching a stored incident the importer may no longer read, is rejected as naming an unknown
   * situation. Otherwise the incident as it would be stored (the import's sharing, or for a stored
   * one its own; the row's situation, or for a stored one its own when the row has none) is held to
   * no write-down against its situation and everything the stored incident was derived from before;
   * a stored incident whose values the row repeats is unchanged, and checked against nothing.
   */
  judgeImportRow(importer: Reader, row: ImportRow, options: ImportSharing | null): ImportPrediction {
    const org = importer.org!;
    const stored = this.importedIncident(org, row.externalId);
    // The incident as the row would store it: the import's sharing (a stored one keeps its own when
    // the import gives none), the row's situation (a stored one keeps its own when the row has none).
    const sharing: Sharing = stored
      ? { ...stored.sharing, ...(options ? { classification: options.classification, sharedWith: options.sharedWith } : {}) }
      : // An import that gives no sharing applies the organisation's sharing defaults, as a report does.
        // No world changes them, so they are what domain.md says: the OSCE High Commissioner works in
        // confidence (RED), every other organisation shares with the community (GREEN).
        {
          ownerOrg: org,
          classification: options?.classification ?? (org === 'OSCE' ? 'RED' : 'GREEN'),
          sharedWith: options?.sharedWith ?? [],
          sharedWithUsers: [],
        };
    const situation = row.situation === 'absent' ? (stored?.situation ?? null) : row.situation;
    const floor = new Set([...(stored?.floor ?? []), ...(situation ? [situation] : [])]);
    const after = { target: stored?.key ?? null, sharing, situation, floor };
    const named = row.situation === 'absent' ? null : row.situation;
    if (named && !this.readable(importer, named))
      return {
        status: 'rejected',
        why: 'unknown-situation',
        fields: ['situationId'],
        ...after,
        reason: `names ${named}, which the importer may not read`,
      };
    if (stored && !this.readable(importer, stored.key)) {
      const cited = named ?? stored.situation ?? [...stored.floor].find((k) => this.get(k).kind === 'situation') ?? null;
      return {
        status: 'rejected',
        why: 'hidden-incident',
        fields: [cited ? 'situationId' : 'externalId'],
        ...after,
        reason: `${stored.key} is stored, but hidden from the importer as ${this.whyHidden(importer, stored.key)}`,
      };
    }
    const shared = `${sharing.classification} [${sharing.sharedWith}] users [${sharing.sharedWithUsers}]`;
    if (stored) {
      const changed =
        sharing.classification !== stored.sharing.classification ||
        !sameList(sharing.sharedWith, stored.sharing.sharedWith) ||
        situation !== stored.situation ||
        row.occurredOn !== stored.occurredOn ||
        row.notes !== stored.notes ||
        row.fatalities !== stored.fatalities;
      if (!changed)
        return {
          status: 'unchanged',
          target: stored.key,
          sharing: stored.sharing,
          situation: stored.situation,
          floor: stored.floor,
          reason: `repeats ${stored.key}`,
        };
    }
    const fields = this.floorProblems(floor, sharing);
    if (fields.length > 0)
      return {
        status: 'rejected',
        why: 'write-down',
        fields,
        ...after,
        reason: `write-down: ${shared} from ${[...floor].map((k) => this.describe(k)).join(', ')}`,
      };
    return { status: stored ? 'updated' : 'created', ...after, reason: `${shared}${floor.size ? ` derived from ${[...floor].join(', ')}` : ''}` };
  }

  /** The latest assessment of a situation the reader may read, by assessment date. */
  latestReadableAssessment(reader: Reader, situation: string): AssessmentModel | null {
    const readable = this.readableOf(reader, 'assessment').filter((a) => a.situation === situation);
    return readable.sort((a, b) => a.assessedOn.localeCompare(b.assessedOn) || a.order - b.order).pop() ?? null;
  }

  describe(key: string): string {
    const r = this.get(key);
    const s = r.kind === 'alert' ? alertSharing(r) : r.sharing;
    const parts = [`${key} (${r.kind} ${r.id}, ${s.classification} owned by ${s.ownerOrg}`];
    if (s.sharedWith.length) parts.push(`shared with [${s.sharedWith.join(', ')}]`);
    if (s.sharedWithUsers.length) parts.push(`users [${s.sharedWithUsers.join(', ')}]`);
    if (r.kind === 'alert') parts.push(`status ${r.status}`, ...(r.supersededBy ? [`superseded by ${r.supersededBy}`] : []));
    if ('floor' in r && r.floor.size)
      parts.push(
        `derived from ${[...r.floor].map((f) => `${f}=${this.get(f).sharing.classification}/${this.get(f).sharing.ownerOrg}[${this.get(f).sharing.sharedWith.join(',')}]`).join(' ')}`,
      );
    return `${parts.join(', ')})`;
  }
}
