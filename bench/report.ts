// The bench's report: its figures as JSON, the same as Markdown tables (per data size: every query
// on every path, round by round, with the ratios within each round, CPU per process, the SQL and
// its server time, the audit trail's growth), the issue's targets judged against them, and the
// files under bench/results/ (one pair per run, latest.md the newest).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { moduleEntries } from '../platform/manifest';
import type { AuditGrowth } from './audit';
import type { BenchConfig } from './config';
import { deliverySection, type DeliveryResult } from './delivery';
import type { StatementTime } from './floor';
import type { LatencySummary } from './latency';
import type { PathName, RunResult } from './measure';

export interface CapturedQuery {
  /** SQL statements per subgraph for one request, as captured on the wire. */
  perSubgraph: Record<string, number>;
  /** Each of them timed alone. */
  times: StatementTime[];
}

export interface RoundResult {
  round: number;
  /** Operation name → path → the load run. */
  runs: Record<string, Partial<Record<PathName, RunResult>>>;
}

export interface StepResult {
  situationsStored: number;
  situationsVisible: number;
  /** Seconds spent inserting the situations added for this step. */
  insertSeconds: number;
  statements: Record<string, CapturedQuery>;
  audit: AuditGrowth;
  /** Operation name → path → requests sent one at a time (first round). */
  sequential: Record<string, Partial<Record<PathName, LatencySummary>>>;
  rounds: RoundResult[];
}

export interface TargetResult {
  target: string;
  status: 'met' | 'not met' | 'not evaluated' | 'reported';
  figures: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  environment: {
    /** What the server reports, e.g. "PostgreSQL 15.20". */
    databaseVersion: string;
    node: string;
    cpus: number;
    cpuModel: string;
    commit: string;
    /** os.loadavg() (1, 5, 15 minutes) as the bench started and as it finished. */
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  settings: BenchConfig & { viewer: string };
  queries: { name: string; operationName: string; owner: string | null }[];
  dataSet: Record<string, number>;
  steps: StepResult[];
  /** Alert delivery (delivery.ts), measured once after the steps. */
  delivery?: DeliveryResult;
  targets: TargetResult[];
}

const DASHBOARD = 'BenchDashboard';
const SITUATION_COUNTS = 'BenchSituationCounts';
const DASHBOARD_SIZE = 1000;
const SITUATION_COUNTS_SIZE = 10_000;
const CPU_TARGET_MS = 20;
const FLOOR_RATIO_TARGET = 0.6;
const STOCK_RATIO_TARGET = 1.5;
const SEQUENTIAL_P95_TARGET_MS = 30;
const SITUATION_COUNTS_TARGET_MS = 15;
const DIRECT_RATIO_TARGET = 0.85;
const AUDIT_SHARE_TARGET = 0.1;
const PATH_LABELS: Record<PathName, string> = {
  floor: 'raw-SQL floor',
  direct: 'direct subgraph',
  ours: 'our gateway',
  stock: 'stock @apollo/gateway',
};
const PROCESS_ORDER = ['gateway', 'stock gateway', ...moduleEntries().map((entry) => entry.name), 'postgres', 'bench (SQL replay)'];

const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const ratio = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const thousands = (value: number) => value.toLocaleString('en-GB');

export function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const runsOf = (step: StepResult, operation: string, path: PathName): RunResult[] =>
  step.rounds.map((round) => round.runs[operation]?.[path]).filter((run): run is RunResult => run !== undefined);

/** `a` over `b` throughput in each round where both ran. */
function roundRatios(step: StepResult, operation: string, a: PathName, b: PathName): number[] {
  return step.rounds
    .map((round) => {
      const top = round.runs[operation]?.[a];
      const bottom = round.runs[operation]?.[b];
      return top && bottom ? top.requestsPerSecond / bottom.requestsPerSecond : Number.NaN;
    })
    .filter(Number.isFinite);
}

const serverMs = (captured: CapturedQuery | undefined) => (captured ? captured.times.reduce((sum, t) => sum + t.ms, 0) : Number.NaN);
const auditStatements = (captured: CapturedQuery) => captured.times.filter((t) => /audit/i.test(t.text));

function statementsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0);
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  return `${parts.map(([name, n]) => `${name} ${n}`).join(', ')} (${total})`;
}

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys({ ...a, ...b }).every((name) => (a[name] ?? 0) === (b[name] ?? 0));

function judge(met: boolean | null): TargetResult['status'] {
  return met === null ? 'not evaluated' : met ? 'met' : 'not met';
}

export function judgeTargets(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
  const at = (size: number) => report.steps.find((s) => s.situationsStored === size);
  const missing = (size: number) => `no step at ${thousands(size)} situations (BENCH_SIZES)`;
  const dashboardStep = at(DASHBOARD_SIZE);

  const cpuTarget = `Main dashboard at ${thousands(DASHBOARD_SIZE)} situations: total CPU per request ≤ ${CPU_TARGET_MS} ms (services and PostgreSQL, median of rounds)`;
  const floorTarget = `Main dashboard at ${thousands(DASHBOARD_SIZE)}: throughput ≥ ${FLOOR_RATIO_TARGET} × the raw-SQL floor (median of the rounds' ratios)`;
  const stockTarget = `Main dashboard at ${thousands(DASHBOARD_SIZE)}: throughput ≥ ${STOCK_RATIO_TARGET} × stock @apollo/gateway (median of the rounds' ratios)`;
  const p95Target = `Main dashboard at ${thousands(DASHBOARD_SIZE)}: one request at a time p95 ≤ ${SEQUENTIAL_P95_TARGET_MS} ms (our gateway)`;
  const auditTarget = `Read audit ≤ ${AUDIT_SHARE_TARGET * 100} % of a dashboard request's CPU (at ${thousands(DASHBOARD_SIZE)})`;
  if (!dashboardStep) {
    for (const target of [cpuTarget, floorTarget, stockTarget, p95Target, auditTarget])
      targets.push({ target, status: 'not evaluated', figures: missing(DASHBOARD_SIZE) });
  } else {
    const ours = runsOf(dashboardStep, DASHBOARD, 'ours');
    const cpu = median(ours.map((r) => r.totalCpuMsPerRequest));
    const failed = ours.reduce((sum, r) => sum + r.failed, 0);
    targets.push({
      target: cpuTarget,
      status: judge(Number.isFinite(cpu) ? cpu <= CPU_TARGET_MS : null),
      figures: `${ms(cpu)} ms (rounds: ${ours.map((r) => ms(r.totalCpuMsPerRequest)).join(', ')})${failed ? `; ${failed} failed requests` : ''}`,
    });
    for (const [target, other, goal] of [
      [floorTarget, 'floor', FLOOR_RATIO_TARGET],
      [stockTarget, 'stock', STOCK_RATIO_TARGET],
    ] as const) {
      const ratios = roundRatios(dashboardStep, DASHBOARD, 'ours', other);
      const value = median(ratios);
      targets.push({
        target,
        status: judge(Number.isFinite(value) ? value >= goal : null),
        figures: `${ratio(value)} (rounds: ${ratios.map(ratio).join(', ')}; ${ms(median(ours.map((r) => r.requestsPerSecond)))} / ${ms(median(runsOf(dashboardStep, DASHBOARD, other).map((r) => r.requestsPerSecond)))} req/s)`,
      });
    }
    const sequential = dashboardStep.sequential[DASHBOARD]?.ours;
    targets.push({
      target: p95Target,
      status: judge(sequential ? sequential.p95Ms <= SEQUENTIAL_P95_TARGET_MS : null),
      figures: sequential ? `p95 ${ms(sequential.p95Ms)} ms, p50 ${ms(sequential.p50Ms)} ms over ${sequential.samples} requests` : 'not measured',
    });
    const captured = dashboardStep.statements[DASHBOARD];
    const audit = captured ? auditStatements(captured) : [];
    const auditMs = audit.reduce((sum, t) => sum + t.ms, 0);
    targets.push(
      audit.length === 0
        ? {
            target: auditTarget,
            status: 'not evaluated',
            figures: 'not measured: no statement naming an audit table in the captured SQL of one dashboard request',
          }
        : {
            target: auditTarget,
            status: judge(Number.isFinite(cpu) ? auditMs / cpu <= AUDIT_SHARE_TARGET : null),
            figures:
              `${(Number.isFinite(cpu) ? (100 * auditMs) / cpu : Number.NaN).toFixed(1)} %: ${audit.length} audit statements, ${ms(auditMs)} ms of server time ` +
              `(each replayed alone) of ${ms(cpu)} ms CPU per request; the services' own work to build the trail is not in it`,
          },
    );
  }

  const countsStep = at(SITUATION_COUNTS_SIZE);
  const counts = countsStep?.statements[SITUATION_COUNTS];
  targets.push({
    target: `situationCounts at ${thousands(SITUATION_COUNTS_SIZE)} situations ≤ ${SITUATION_COUNTS_TARGET_MS} ms server time`,
    status: judge(counts ? serverMs(counts) <= SITUATION_COUNTS_TARGET_MS : null),
    figures: counts
      ? `${ms(serverMs(counts))} ms for ${counts.times.length} statements, each replayed alone (median of 7, loopback round trip included)`
      : missing(SITUATION_COUNTS_SIZE),
  });

  const owned = report.queries.filter((q) => q.owner);
  const directRatios = report.steps.flatMap((step) =>
    owned.map((q) => ({
      step,
      q,
      value: median(roundRatios(step, q.operationName, 'ours', 'direct')),
      rounds: roundRatios(step, q.operationName, 'ours', 'direct'),
    })),
  );
  targets.push({
    target: `Single-subgraph queries through our gateway ≥ ${DIRECT_RATIO_TARGET} × direct (every query, every size; median of the rounds' ratios)`,
    status: judge(directRatios.length === 0 ? null : directRatios.every((r) => r.value >= DIRECT_RATIO_TARGET)),
    figures: directRatios.map((r) => `${r.q.operationName} at ${thousands(r.step.situationsStored)}: ${ratio(r.value)}`).join('; '),
  });

  targets.push({
    target: 'Audit table growth per 1,000 dashboard views',
    status: report.steps.length === 0 ? 'not evaluated' : 'reported',
    figures: report.steps
      .map(
        (step) =>
          `at ${thousands(step.situationsStored)}: ` +
          (step.audit.per1000Views
            .filter((t) => t.rows || t.bytes)
            .map((t) => `${t.table} +${thousands(Math.round(t.rows))} rows, +${(t.bytes / 1048576).toFixed(2)} MB`)
            .join(', ') || 'nothing'),
      )
      .join('; '),
  });

  const steps = report.steps;
  targets.push({
    target: 'SQL statements per request independent of data size (main dashboard query)',
    status: judge(
      steps.length < 2
        ? null
        : steps.every((step) => sameCounts(step.statements[DASHBOARD]?.perSubgraph ?? {}, steps[0].statements[DASHBOARD]?.perSubgraph ?? {})),
    ),
    figures: steps
      .map((step) => `${thousands(step.situationsStored)} situations: ${statementsText(step.statements[DASHBOARD]?.perSubgraph ?? {})}`)
      .join('; '),
  });
  const delivery = report.delivery;
  if (delivery) {
    const { steady, outbox } = delivery;
    targets.push({
      target: `alert delivery at ${steady.alertsPerSecond} alerts/s, issueAlert committed → webhook and → SSE client; outbox throughput`,
      status: 'reported',
      figures:
        `webhook p50 ${ms(steady.webhook.p50Ms)} / p95 ${ms(steady.webhook.p95Ms)} ms; SSE p50 ${ms(steady.sse.p50Ms)} / p95 ${ms(steady.sse.p95Ms)} ms; ` +
        `missing ${steady.webhookMissing} / ${steady.sseMissing}; outbox ${outbox.publishedPerSecond.toFixed(0)} events/s published, ` +
        `${outbox.webhookPerSecond.toFixed(0)} delivered by webhook, ${outbox.ssePerSecond.toFixed(0)} by SSE`,
    });
  }
  return targets;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function stepSection(report: BenchReport, step: StepResult): string[] {
  const paths: PathName[] = ['floor', 'direct', 'ours', 'stock'];
  const runRows: string[][] = [];
  const cpuRows: string[][] = [];
  const processes = [
    ...new Set(
      step.rounds.flatMap((round) =>
        Object.values(round.runs).flatMap((runs) => Object.values(runs).flatMap((run) => Object.keys(run!.cpuMsPerRequest))),
      ),
    ),
  ].sort((a, b) => (PROCESS_ORDER.indexOf(a) + 1 || 99) - (PROCESS_ORDER.indexOf(b) + 1 || 99));
  for (const query of report.queries) {
    for (const path of paths) {
      const runs = runsOf(step, query.operationName, path);
      if (runs.length === 0) continue;
      const sequential = step.sequential[query.operationName]?.[path];
      const floorSequential = path === 'floor' ? serverMs(step.statements[query.operationName]) : Number.NaN;
      runRows.push([
        query.name,
        PATH_LABELS[path],
        runs.map((r) => r.requestsPerSecond.toFixed(1)).join(' / '),
        ms(median(runs.map((r) => r.latency.p50Ms))),
        ms(median(runs.map((r) => r.latency.p95Ms))),
        ms(median(runs.map((r) => r.latency.p99Ms))),
        String(runs.reduce((sum, r) => sum + r.failed, 0)),
        sequential ? `${ms(sequential.p50Ms)} / ${ms(sequential.p95Ms)}` : path === 'floor' ? `${ms(floorSequential)} (statements alone)` : '',
        ms(median(runs.map((r) => r.totalCpuMsPerRequest))),
      ]);
      cpuRows.push([
        query.name,
        PATH_LABELS[path],
        ...processes.map((name) => ms(median(runs.map((r) => r.cpuMsPerRequest[name] ?? Number.NaN)))),
        ms(median(runs.map((r) => r.totalCpuMsPerRequest))),
      ]);
    }
  }
  const ratioRows = report.queries.flatMap((query) =>
    step.rounds.map((round) => {
      const runs = round.runs[query.operationName] ?? {};
      const over = (a: PathName, b: PathName) => (runs[a] && runs[b] ? ratio(runs[a]!.requestsPerSecond / runs[b]!.requestsPerSecond) : '');
      return [
        query.name,
        String(round.round),
        over('ours', 'floor'),
        over('ours', 'stock'),
        over('ours', 'direct'),
        over('stock', 'direct'),
        over('direct', 'floor'),
      ];
    }),
  );
  const sqlRows = report.queries.map((query) => {
    const captured = step.statements[query.operationName];
    const slowest = [...(captured?.times ?? [])].sort((a, b) => b.ms - a.ms)[0];
    const audit = captured ? auditStatements(captured) : [];
    return [
      query.name,
      captured ? statementsText(captured.perSubgraph) : 'n/a',
      ms(serverMs(captured)),
      audit.length ? `${audit.length}: ${ms(audit.reduce((sum, t) => sum + t.ms, 0))} ms` : '0',
      slowest ? `${ms(slowest.ms)} ms (${slowest.subgraph}) \`${slowest.text}\`` : '',
    ];
  });
  const auditRows = step.audit.per1000Views.map((t) => [t.table, thousands(Math.round(t.rows)), (t.bytes / 1048576).toFixed(2)]);
  return [
    `## At ${thousands(step.situationsStored)} situations (${thousands(step.situationsVisible)} visible to the reader)`,
    '',
    'Throughput is per round, in the order the rounds ran; latency and CPU are the median of the rounds.',
    '',
    table(
      [
        'query',
        'path',
        'req/s by round',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'failed',
        `one at a time p50 / p95 ms (${report.settings.sequential} requests)`,
        'CPU ms per request',
      ],
      runRows,
    ),
    '',
    '### Ratios of throughput within each round',
    '',
    table(['query', 'round', 'ours / floor', 'ours / stock', 'ours / direct', 'stock / direct', 'direct / floor'], ratioRows),
    '',
    '### CPU milliseconds per request, by process',
    '',
    table(['query', 'path', ...processes, 'total (without the load generator)'], cpuRows),
    '',
    '### SQL per request',
    '',
    table(['query', 'statements per subgraph', 'server time ms (each statement alone)', 'audit statements', 'slowest statement'], sqlRows),
    '',
    `### Audit trail growth per 1,000 dashboard views (${step.audit.views} views counted)`,
    '',
    table(['table', 'rows', 'MB (with indexes)'], auditRows.length ? auditRows : [['(no audit table found)', '', '']]),
    '',
  ];
}

export function renderMarkdown(report: BenchReport): string {
  const env = report.environment;
  const settings = report.settings;
  const loadAverages = report.steps.flatMap((step) =>
    step.rounds.flatMap((round) => Object.values(round.runs).flatMap((runs) => Object.values(runs).map((run) => run!.loadAverage))),
  );
  const busy = Math.max(...loadAverages, env.loadAverageAtStart[0], env.loadAverageAtEnd[0]) > env.cpus;
  const averages = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  return [
    `# Benchmark ${report.startedAt}`,
    '',
    `${env.databaseVersion}, a throwaway database on the server · Node ${env.node} · ${env.cpus} CPUs (${env.cpuModel}) · commit ${env.commit}`,
    '',
    `Each service is its own process (\`node dist/...\`, NODE_ENV=production): the gateway, the four subgraphs, and stock @apollo/gateway over the same subgraphs. ` +
      `Each load run: ${settings.durationS} s, ${settings.connections} connections over loopback (autocannon in its own process; the floor replays with ${settings.connections} \`pg\` connections). ` +
      `${settings.rounds} rounds at each size, each measuring every query on every path once, the order rotating. Reader: ${settings.viewer}.`,
    '',
    `Load average (1 / 5 / 15 min) at the start: ${averages(env.loadAverageAtStart)}; at the end: ${averages(env.loadAverageAtEnd)}; ` +
      `one-minute average as the load runs started: ${Math.min(...loadAverages).toFixed(1)} to ${Math.max(...loadAverages).toFixed(1)} on ${env.cpus} CPUs` +
      (busy ? ': other work was running, so these figures are pessimistic.' : '.'),
    '',
    '## Targets',
    '',
    table(
      ['target', 'result', 'figures'],
      report.targets.map((t) => [t.target, t.status === 'reported' ? 'reported' : `**${t.status}**`, t.figures]),
    ),
    '',
    ...report.steps.flatMap((step) => stepSection(report, step)),
    ...(report.delivery ? deliverySection(report.delivery) : []),
    '## Data set at the end',
    '',
    table(Object.keys(report.dataSet), [Object.values(report.dataSet).map(thousands)]),
    '',
  ].join('\n');
}

/** bench/results/ in the source tree, beside the compiled bench. */
export const RESULTS_DIRECTORY = path.resolve(__dirname, '..', '..', 'bench', 'results');

/** Writes <stamp>.json and <stamp>.md under `directory` and copies the Markdown to latest.md. */
export function writeReport(directory: string, report: BenchReport, markdown: string): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  // ISO 8601 basic format: sortable, and no colons, which some file systems refuse.
  const stamp = report.startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const files = { json: path.join(directory, `${stamp}.json`), markdown: path.join(directory, `${stamp}.md`) };
  writeFileSync(files.json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(files.markdown, markdown);
  copyFileSync(files.markdown, path.join(directory, 'latest.md'));
  return files;
}
