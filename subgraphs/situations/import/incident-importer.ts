// Bulk import of a partner's incidents (and the sources they cite) from an HXL-tagged CSV or a
// JSON-lines stream. Rows are matched on the partner's own external id, so importing a file again
// changes nothing; each batch is one transaction, and a batch the database refuses is redone row
// by row, so a bad row is rolled back alone and never takes the good ones with it.
//
// This file runs the batches; each batch is looked up (import-lookups.ts), planned without the
// database (import-plan.ts) and written (import-write.ts). The options are in import-options.ts.
import type { Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { logger } from '../../../platform/logger';
import { Incident } from '../entities/incident.entity';
import { emptySummary, settingsOf, type ImportOptions, type ImportSummary, type RowOutcome, type Settings } from './import-options';
import { lookUp, nothingFound, type Found, type LiveRow, type Remembered } from './import-lookups';
import { planBatch, type Known, type Pending, type SituationFacts } from './import-plan';
import { ConcurrentChange, writePlan } from './import-write';
import type { RawRow } from './incident-fields';
import { checkIncidentRow } from './incident-row';
import { readHxlCsv } from './hxl-reader';
import { readJsonLines } from './jsonl-reader';

export type { ImportFormat, ImportOptions, ImportSummary, RowOutcome, RowStatus } from './import-options';

// Caches of known sources and situations are dropped past this size to keep memory bounded.
const CACHE_LIMIT = 10_000;
const CONCURRENCY_RETRIES = 3;
// PostgreSQL plans the per-batch lookups from table statistics that autovacuum refreshes only
// every minute or so; a bulk load makes them stale within seconds, and a lookup that should take
// 1 ms then scans every incident of the organisation. Refresh them after 2,000 new rows, then
// each time the count has grown fourfold: a handful of ANALYZEs however large the file.
const FIRST_ANALYZE = 2_000;

/** What one committed transaction decided and learnt. */
interface BatchResult {
  outcomes: RowOutcome[];
  /** External ids this batch stored or confirmed, with their line: becomes the run's `seen` on commit. */
  seen: Map<string, number>;
  found: Found;
  /** Stored incidents whose readership or situation it changed. */
  followed: string[];
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
    const followed = results.flatMap((result) => result.followed);
    if (followed.length > 0) await this.options.onReadershipChanged?.(followed);
    this.options.onProgress?.(this.summary);
    if (this.summary.created >= this.nextAnalyze) {
      this.nextAnalyze = this.summary.created * 4;
      await this.db.query(`ANALYZE ${this.db.getMetadata(Incident).tablePath}`);
    }
  }

  /** Takes what a committed transaction learnt into the run's state. */
  private learn(result: BatchResult): BatchResult {
    for (const [externalId, line] of result.seen) if (!this.seen.has(externalId)) this.seen.set(externalId, line);
    const { sources, situations, nameable } = result.found;
    if (this.sources.size + sources.size > CACHE_LIMIT) this.sources.clear();
    for (const [name, id] of sources) this.sources.set(name, id);
    if (this.situations.size + situations.size > CACHE_LIMIT) {
      this.situations.clear();
      this.nameable.clear();
    }
    for (const [id, facts] of situations) this.situations.set(id, facts);
    for (const id of nameable) this.nameable.add(id);
    return result;
  }

  private async inTransaction(batch: Pending[]): Promise<BatchResult> {
    if (batch.every((p) => !p.draft)) return this.run(undefined, batch);
    return this.db.transaction((manager) => this.run(manager, batch));
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
        const outcome: RowOutcome = { line: pending.line, externalId: pending.externalId, status: 'rejected', errors: [{ field: 'row', message }] };
        return { outcomes: [outcome], seen: new Map(), found: nothingFound(), followed: [] };
      }
    }
  }

  private remembered(): Remembered {
    return { sources: this.sources, situations: this.situations, nameable: this.nameable };
  }

  /** Looks up, plans and writes every row of the batch inside `manager`'s transaction (none: no row to store). */
  private async run(manager: EntityManager | undefined, batch: Pending[]): Promise<BatchResult> {
    const live = batch.filter((p): p is LiveRow => p.draft !== undefined);
    const found = manager ? await lookUp(manager, this.settings, this.options, this.remembered(), live) : nothingFound();
    const known: Known = {
      existing: found.existing,
      floors: found.floors,
      hidden: found.hidden,
      nameable: (id) => this.nameable.has(id) || found.nameable.has(id),
      situation: (id) => found.situations.get(id) ?? this.situations.get(id),
      source: (name) => found.sources.get(name) ?? this.sources.get(name),
      seenOn: (externalId) => this.seen.get(externalId),
    };
    const plan = planBatch(this.settings, known, batch);
    if (manager) await writePlan(manager, this.settings, plan);
    for (const source of plan.sources) found.sources.set(source.name, source.id);
    return {
      outcomes: plan.outcomes,
      seen: plan.seen,
      found,
      followed: manager ? plan.updates.filter((update) => update.readershipChanged).map((update) => update.id) : [],
    };
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
  const reader = options.format === 'jsonl' ? readJsonLines(input) : readHxlCsv(input);
  const run = new IncidentImport(db, settings, options);
  const finish = () => {
    run.summary.ignored = reader.ignored();
    run.summary.sharing = settings.sharing;
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
