// Exports incidents, with their sources' names and types, as an HXL-tagged CSV or as JSON lines,
// in exactly the shape the importer reads: exporting, then importing the file into the same
// organisation, changes nothing. Streamed page by page, so memory does not grow with the data.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../../../platform/errors';
import { Incident } from '../entities/incident.entity';
import { Source } from '../entities/source.entity';
import { INCIDENT_FIELDS, type IncidentField } from './incident-fields';

export type ExportFormat = 'hxl' | 'jsonl';

export interface ExportOptions {
  format: ExportFormat;
  /**
   * Chooses the incidents to export by adding conditions to `query` (alias `alias`). The CLI
   * passes "owned by --org". A caller acting for a user must instead pass the access policy's
   * "records this user may see" here, so an export never shows more than a query would.
   */
  scope: (query: SelectQueryBuilder<Incident>, alias: string) => SelectQueryBuilder<Incident>;
  /** As scope, for the sources named beside the incidents; a source outside it is left blank. */
  sourceScope?: (query: SelectQueryBuilder<Source>, alias: string) => SelectQueryBuilder<Source>;
  /** Called with each page of incidents before it is written: where a caller acting for a user
   * records the reads in the audit trail (AuditRecorder.reads, then flush). */
  onPage?: (incidents: Incident[]) => void | Promise<void>;
  /** As onPage, for the sources read to name beside a page's incidents. */
  onSources?: (sources: Source[]) => void | Promise<void>;
  pageSize?: number;
  /** Aborted when the reader has gone (a download whose client disconnected): no further page is read. */
  signal?: AbortSignal;
}

export interface ExportSummary {
  incidents: number;
}

const SOURCE_CACHE_LIMIT = 10_000;

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection). Such text is
// written behind an apostrophe, which the HXL reader removes again (see hxl-reader.ts).
const FORMULA_START = /^'*[=+\-@\t\r]/;

function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? escapeFormula(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

type ExportRecord = Record<IncidentField, unknown>;

function recordOf(incident: Incident, source: Source | undefined): ExportRecord {
  return {
    externalId: incident.externalId,
    situationId: incident.situationId,
    occurredOn: incident.occurredOn,
    datePrecision: incident.datePrecision,
    countryIso3: incident.countryIso3,
    adm1: incident.adm1,
    adm2: incident.adm2,
    place: incident.place,
    latitude: incident.latitude,
    longitude: incident.longitude,
    geoPrecision: incident.geoPrecision,
    eventType: incident.eventType,
    eventTypeCode: incident.eventTypeCode,
    subEventType: incident.subEventType,
    subEventTypeCode: incident.subEventTypeCode,
    actors: incident.actors,
    fatalitiesLow: incident.fatalitiesLow,
    fatalitiesBest: incident.fatalitiesBest,
    fatalitiesHigh: incident.fatalitiesHigh,
    source: source?.name ?? null,
    sourceType: source?.type ?? null,
    sourceCountry: source?.baseCountryIso3 ?? null,
    notes: incident.notes,
    displacedLow: incident.displacedLow,
    displacedBest: incident.displacedBest,
    displacedHigh: incident.displacedHigh,
    groups: incident.groups.map(({ kind, name }) => ({ kind, name })),
  };
}

/** Writes `chunk`, then waits while `output` is full (backpressure); stops when the reader has gone. */
async function write(output: Writable, chunk: string, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  // Writing to a closed stream would fail later and elsewhere; say so here, where the export stops.
  if (output.writableEnded || output.destroyed) throw new Error("the export's output was closed before the export ended");
  if (chunk !== '' && !output.write(chunk)) await once(output, 'drain', { signal });
}

/** Writes the incidents `options.scope` selects to `output`, oldest first. Does not end `output`. */
export async function exportIncidents(db: DataSource, output: Writable, options: ExportOptions): Promise<ExportSummary> {
  if (options.format !== 'hxl' && options.format !== 'jsonl') throw badInput('format must be hxl or jsonl', 'format');
  const pageSize = options.pageSize ?? 1000;
  const incidents = db.getRepository(Incident);
  const sources = db.getRepository(Source);
  const sourceCache = new Map<string, Source | undefined>();

  let actorColumns = 1;
  if (options.format === 'hxl') {
    // Every actor gets its own "#actor+name" column, so the header needs the longest list up front.
    const widest = await options
      .scope(incidents.createQueryBuilder('incident'), 'incident')
      .select('coalesce(max(cardinality(incident.actors)), 0)', 'actors')
      .getRawOne<{ actors: number | string }>();
    actorColumns = Math.max(1, Number(widest?.actors ?? 0));
    const labels: string[] = [];
    const hashtags: string[] = [];
    for (const spec of INCIDENT_FIELDS) {
      const repeat = spec.repeats ? actorColumns : 1;
      for (let n = 1; n <= repeat; n++) {
        labels.push(spec.repeats ? `${spec.label} ${n}` : spec.label);
        hashtags.push(spec.hashtag);
      }
    }
    await write(output, csvLine(labels) + csvLine(hashtags), options.signal);
  }

  let exported = 0;
  let after: { occurredOn: string; id: string } | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const query = options.scope(incidents.createQueryBuilder('incident'), 'incident');
    // Keyset pagination: stable and as cheap for the last page as for the first, unlike OFFSET.
    if (after)
      query.andWhere('(incident.occurred_on, incident.id) > (:exportAfterDate, :exportAfterId)', {
        exportAfterDate: after.occurredOn,
        exportAfterId: after.id,
      });
    const page = await query.orderBy('incident.occurredOn', 'ASC').addOrderBy('incident.id', 'ASC').limit(pageSize).getMany();
    if (page.length === 0) break;
    await options.onPage?.(page);

    const wanted = [...new Set(page.map((i) => i.sourceId).filter((id): id is string => !!id && !sourceCache.has(id)))];
    if (wanted.length > 0) {
      if (sourceCache.size + wanted.length > SOURCE_CACHE_LIMIT) sourceCache.clear();
      let sourceQuery = sources.createQueryBuilder('source').where('source.id IN (:...sourceIds)', { sourceIds: wanted });
      if (options.sourceScope) sourceQuery = options.sourceScope(sourceQuery, 'source');
      const read = await sourceQuery.getMany();
      await options.onSources?.(read);
      const found = new Map(read.map((s) => [s.id, s]));
      for (const id of wanted) sourceCache.set(id, found.get(id));
    }

    let chunk = '';
    for (const incident of page) {
      const record = recordOf(incident, incident.sourceId ? sourceCache.get(incident.sourceId) : undefined);
      if (options.format === 'jsonl') {
        chunk += JSON.stringify(record) + '\n';
        continue;
      }
      // The header was sized before the pages were read; an incident changed since must not lose actors silently.
      if (incident.actors.length > actorColumns) throw new Error(`incident ${incident.id} gained actors during the export; export again`);
      const cells: unknown[] = [];
      for (const spec of INCIDENT_FIELDS) {
        if (!spec.repeats) cells.push(record[spec.field]);
        else for (let n = 0; n < actorColumns; n++) cells.push(incident.actors[n] ?? null);
      }
      chunk += csvLine(cells);
    }
    await write(output, chunk, options.signal);
    exported += page.length;
    const last = page[page.length - 1];
    after = { occurredOn: last.occurredOn, id: last.id };
    if (page.length < pageSize) break;
  }
  return { incidents: exported };
}
