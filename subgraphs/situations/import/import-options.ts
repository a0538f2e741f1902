// What an import is asked to do and what it reports: the options a caller passes to
// importIncidents, their validation into the settings a run works with, and the per-row outcome
// and summary it returns. No database here: everything is checked before anything is read.
import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../../../platform/errors';
import { Classification } from '../../kernel/policy/ownership';
import { HUB_SHARING_DEFAULTS, sharingOf, type SharingDefaults } from '../../kernel/policy/sharing-defaults';
import { partnerCode } from '../../kernel/write/validation';
import type { Incident } from '../entities/incident.entity';
import type { Situation } from '../entities/situation.entity';
import type { FieldProblem } from './incident-row';

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
  /** What a stored row kept as written but the hub could not read, e.g. "event type 'xyz' not mapped". */
  warnings?: FieldProblem[];
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Columns (HXL) or keys (JSON lines) the import did not read. */
  ignored: string[];
  /** Who the incidents it created are shared with, and where that came from (the import's options, the organisation's defaults). */
  sharing: string;
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
  /**
   * The organisation's sharing defaults (kernel/policy/sharing-defaults.ts), as reportIncident
   * applies them: with classification omitted, created incidents get these instead of AMBER and
   * no one (sharedWith, when given, still wins). The mutation asks the partners subgraph for them;
   * the CLI reads them from the partners database (subgraphs/partners/sharing-defaults-store.ts).
   */
  sharingDefaults?: SharingDefaults;
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
   * (kernel/read/policed-query restrictToVisible).
   */
  situationScope?: (query: SelectQueryBuilder<Situation>, alias: string) => SelectQueryBuilder<Situation>;
  /**
   * Narrows which of the organisation's stored incidents the import may change. A stored incident
   * outside it (one derived from a situation the caller may no longer read) is not changed, and its
   * row is rejected as one naming an unknown situation. A mutation passes the access policy here too.
   */
  incidentScope?: (query: SelectQueryBuilder<Incident>, alias: string) => SelectQueryBuilder<Incident>;
  /**
   * Called once a batch has committed, with the stored incidents it changed who may read (their
   * classification or sharedWith) or moved to another situation: alerts in another subgraph cite
   * incidents, and must follow (kernel/policy/record-floor.ts followInPeer). Without it, as on the
   * command line, which has no way to tell the alerts subgraph, such rows are rejected.
   */
  onReadershipChanged?: (incidentIds: string[]) => void | Promise<void>;
  /** Aborting stops reading; the rows already read are still written, then the import returns. */
  signal?: AbortSignal;
  /** Who the audit trail names for every incident and source the import creates or changes
   * (their organisation is `org`). A mutation passes the viewer's `sub` and operation name. */
  audit?: { actorSub: string | null; operationName: string | null };
}

/** The validated options a run works with. */
export interface Settings {
  org: string;
  audit: { actorSub: string | null; operationName: string | null };
  classification?: Classification;
  sharedWith?: string[];
  /** What a created incident (and a new source) is shared with. */
  created: { classification: Classification; sharedWith: string[] };
  /** Says `created` and where it came from, for the summary. */
  sharing: string;
  batchSize: number;
  /** The latest date a row may carry. */
  today: string;
  /** Whether a stored incident's readership or situation may change (options.onReadershipChanged). */
  followsReadership: boolean;
}

export const DEFAULT_BATCH = 500;
/** What a created incident or source gets when the import names no classification. */
export const DEFAULT_CLASSIFICATION = Classification.AMBER;

// "Not in the future" means after the latest date anywhere on Earth (UTC+14), so a partner's report
// dated its own local today is never refused for being ahead of the server's clock.
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/** Validates the options before anything is read; each failure names the option. */
export function settingsOf(options: ImportOptions): Settings {
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
  if (options.format !== 'hxl' && options.format !== 'jsonl') throw badInput('format must be hxl or jsonl', 'format');
  const shared = sharedWith && [...new Set(sharedWith)].sort();
  const defaults = options.sharingDefaults;
  // The rule every new record follows (kernel/policy/sharing-defaults.ts sharingOf): a classification
  // given comes with the sharedWith given or no one; none given, the defaults fill what is left out.
  // Without the organisation's defaults, the import's own: AMBER, shared with no one.
  const sharing = sharingOf(
    { classification: options.classification, sharedWith: shared },
    options.classification !== undefined ? HUB_SHARING_DEFAULTS : (defaults ?? { classification: DEFAULT_CLASSIFICATION, sharedWith: [] }),
  );
  const created = { classification: sharing.classification, sharedWith: [...sharing.sharedWith].sort() };
  const whom = `${created.classification}, shared with ${created.sharedWith.length > 0 ? created.sharedWith.join(', ') : 'no other organisation'}`;
  const source =
    options.classification !== undefined
      ? "the import's classification and sharedWith"
      : defaults
        ? `${org}'s sharing defaults${shared ? " (sharedWith from the import's options)" : ''}`
        : `the import's default, ${DEFAULT_CLASSIFICATION}${shared ? " (sharedWith from the import's options)" : ''}`;
  return {
    org,
    audit: options.audit ?? { actorSub: null, operationName: 'bulk import' },
    classification: options.classification,
    sharedWith: shared,
    created,
    sharing: `New incidents: ${whom}, taken from ${source}; incidents already stored keep theirs${options.classification !== undefined ? ' unless the import names a classification' : ''}.`,
    batchSize,
    today: latestToday(),
    followsReadership: options.onReadershipChanged !== undefined,
  };
}

export function emptySummary(): ImportSummary {
  return { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, ignored: [], sharing: '', stoppedEarly: null, seconds: 0 };
}
