// The streamed downloads the gateway serves beside /graphql and forwards to a subgraph (README "Bulk
// import and export"): what the two ends must agree on, the path, the query parameters and the
// name under which the audit trail records the download.

/** GET, at the gateway and at the situations subgraph: `?format=HXL|JSONL[&filter=<JSON of IncidentFilter>]`. */
export const EXPORT_INCIDENTS_PATH = '/export/incidents';

/** The formats of the download, as the GraphQL enum ImportFormat names them. */
export const EXPORT_FORMATS = ['HXL', 'JSONL'] as const;
export type ExportDownloadFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The operation name the gateway vouches for with a download: what the audit trail and the request
 * log show, where a GraphQL export shows the client's operation name.
 */
export const EXPORT_INCIDENTS_OPERATION = 'ExportIncidentsDownload';

/** What a download is answered with, by format. */
export const EXPORT_MEDIA_TYPES: Record<ExportDownloadFormat, { contentType: string; extension: string }> = {
  HXL: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  JSONL: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
};

/** The query parameters of a download, checked; a string is the reason they are refused (BAD_USER_INPUT). */
export function exportParameters(query: Record<string, unknown>): { format: ExportDownloadFormat; filter: unknown } | string {
  const { format, filter } = query;
  if (format === undefined) return 'format is required: ?format=HXL or ?format=JSONL';
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) return 'format must be HXL or JSONL, given once';
  if (filter === undefined || filter === '') return { format: format as ExportDownloadFormat, filter: undefined };
  if (typeof filter !== 'string') return 'filter must be given once, as the JSON of an IncidentFilter';
  let parsed: unknown;
  try {
    parsed = JSON.parse(filter);
  } catch {
    return 'filter must be the JSON of an IncidentFilter, e.g. {"from":"2024-01-01","countries":["NGA"]}';
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'filter must be a JSON object (an IncidentFilter)';
  return { format: format as ExportDownloadFormat, filter: parsed };
}

/**
 * GET, at the alerts subgraph only (the gateway's /graphql/stream reads it for each subscriber):
 * `?after=<seq>[&filter=<JSON of AlertEventFilter>]`, answered as text/event-stream, one event per
 * published alert event the viewer may read, `id:` its seq.
 */
export const ALERT_EVENTS_PATH = '/alert-events';

/** What the audit trail and the request log name a subscriber's stream of alert events by, when its subscription has no name. */
export const ALERT_EVENTS_OPERATION = 'AlertEventsStream';
