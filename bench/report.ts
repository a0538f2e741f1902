// The bench's report: its figures as JSON, the same as Markdown tables, the issue's targets judged
// against them, and the files under bench/results/ (one pair per run, latest.md the newest).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchConfig } from './config';
import type { LatencySummary } from './latency';
import type { LoadResult } from './load';

export interface PathResult {
  /** SQL statements per subgraph for one request. */
  statements: Record<string, number>;
  sequential: LatencySummary;
  load: LoadResult;
  /** The machine's one-minute load average when the load run started: other work skews the figures. */
  loadAverage: number;
}

export interface QueryResult {
  name: string;
  operationName: string;
  owner: string | null;
  gateway: PathResult;
  direct: PathResult | null;
  /** Gateway throughput divided by direct throughput. */
  gatewayToDirect: number | null;
}

export interface ScalingStep {
  situationsStored: number;
  situationsVisible: number;
  /** Seconds spent inserting the situations added for this step. */
  insertSeconds: number;
  statements: Record<string, number>;
  sequential: LatencySummary;
  load: LoadResult;
  loadAverage: number;
}

export interface TargetResult {
  target: string;
  status: 'met' | 'not met' | 'not evaluated';
  figures: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  environment: {
    database: 'PostgreSQL' | 'PGlite';
    /** What the server reports, e.g. "PostgreSQL 15.20". */
    databaseVersion: string;
    node: string;
    cpus: number;
    cpuModel: string;
    commit: string;
  };
  settings: BenchConfig & { viewer: string };
  dataSet: Record<string, number>;
  scaling: ScalingStep[];
  queries: QueryResult[];
  targets: TargetResult[];
}

const P95_TARGET_MS = 50;
const P95_TARGET_SIZE = 1000;
const RATIO_TARGET = 0.5;

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys({ ...a, ...b }).every((name) => (a[name] ?? 0) === (b[name] ?? 0));
const failed = (load: LoadResult) => load.errors + load.non2xx + load.graphqlErrors;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const thousands = (value: number) => value.toLocaleString('en-GB');

function statementsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0);
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  return `${parts.map(([name, n]) => `${name} ${n}`).join(', ')} (${total})`;
}

export function judgeTargets(report: Omit<BenchReport, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];

  const steps = report.scaling;
  targets.push({
    target: 'SQL statements per request independent of data size (main dashboard query)',
    status: steps.length < 2 ? 'not evaluated' : steps.every((step) => sameCounts(step.statements, steps[0].statements)) ? 'met' : 'not met',
    figures: steps.map((step) => `${thousands(step.situationsStored)} situations: ${statementsText(step.statements)}`).join('; '),
  });

  const compared = report.queries.filter((q) => q.gatewayToDirect !== null);
  const failures = compared.reduce((sum, q) => sum + failed(q.gateway.load) + failed(q.direct!.load), 0);
  targets.push({
    target: `Gateway throughput ≥ ${RATIO_TARGET} × direct subgraph throughput on single-subgraph queries`,
    status: compared.length === 0 ? 'not evaluated' : compared.every((q) => q.gatewayToDirect! >= RATIO_TARGET) ? 'met' : 'not met',
    figures:
      compared
        .map(
          (q) =>
            `${q.operationName} ${q.gatewayToDirect!.toFixed(2)} (${q.gateway.load.requestsPerSecond.toFixed(0)} / ${q.direct!.load.requestsPerSecond.toFixed(0)} req/s)`,
        )
        .join('; ') + (failures > 0 ? `; ${failures} failed requests in these runs` : ''),
  });

  const step = steps.find((s) => s.situationsStored === P95_TARGET_SIZE);
  const p95Target = `Main dashboard query p95 < ${P95_TARGET_MS} ms on ${thousands(P95_TARGET_SIZE)} situations with PostgreSQL (under ${report.settings.connections} connections)`;
  if (!step) {
    targets.push({ target: p95Target, status: 'not evaluated', figures: `no step at ${thousands(P95_TARGET_SIZE)} situations (BENCH_SIZES)` });
  } else {
    const figures = `p95 ${ms(step.load.latency.p95Ms)} ms at ${step.load.requestsPerSecond.toFixed(1)} req/s, ${failed(step.load)} failed; one request at a time: p50 ${ms(step.sequential.p50Ms)} ms, p95 ${ms(step.sequential.p95Ms)} ms`;
    const met = step.load.latency.p95Ms < P95_TARGET_MS && failed(step.load) === 0;
    targets.push({
      target: p95Target,
      status: report.environment.database !== 'PostgreSQL' ? 'not evaluated' : met ? 'met' : 'not met',
      figures: report.environment.database !== 'PostgreSQL' ? `measured on PGlite: ${figures}` : figures,
    });
  }
  return targets;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const failuresText = (load: LoadResult) => `${load.errors}/${load.non2xx}/${load.graphqlErrors}`;

export function renderMarkdown(report: BenchReport): string {
  const env = report.environment;
  const settings = report.settings;
  const largest = report.scaling[report.scaling.length - 1];
  const loadAverages = [...report.scaling, ...report.queries.flatMap((q) => (q.direct ? [q.gateway, q.direct] : [q.gateway]))].map(
    (r) => r.loadAverage,
  );
  const queryRows = report.queries.flatMap((q) => {
    const row = (label: string, result: PathResult, ratio: string) => [
      q.name,
      label,
      q.owner ?? 'several',
      result.load.requestsPerSecond.toFixed(1),
      ms(result.load.latency.p50Ms),
      ms(result.load.latency.p95Ms),
      ms(result.load.latency.p99Ms),
      failuresText(result.load),
      statementsText(result.statements),
      ratio,
    ];
    const rows = [row('gateway', q.gateway, q.gatewayToDirect === null ? '' : q.gatewayToDirect.toFixed(2))];
    if (q.direct) rows.push(row('direct', q.direct, ''));
    return rows;
  });
  const scalingRows = report.scaling.map((step) => [
    thousands(step.situationsStored),
    thousands(step.situationsVisible),
    statementsText(step.statements),
    `${ms(step.sequential.p50Ms)} / ${ms(step.sequential.p95Ms)}`,
    step.load.requestsPerSecond.toFixed(1),
    ms(step.load.latency.p50Ms),
    ms(step.load.latency.p95Ms),
    ms(step.load.latency.p99Ms),
    failuresText(step.load),
  ]);

  return [
    `# Benchmark ${report.startedAt}`,
    '',
    `${env.database === 'PostgreSQL' ? `${env.databaseVersion}, a throwaway database on the server` : `PGlite in memory (${env.databaseVersion} in WebAssembly)`} · Node ${env.node} · ${env.cpus} CPUs (${env.cpuModel}) · commit ${env.commit}`,
    `Each load run: ${settings.durationS} s, ${settings.connections} connections, loopback (autocannon in its own process). ` +
      `The gateway and the four subgraphs share one Node process, as \`startHub\` runs them. Reader: ${settings.viewer}.`,
    `Machine load (one-minute average) as the load runs started: ${Math.min(...loadAverages).toFixed(1)} to ${Math.max(...loadAverages).toFixed(1)} on ${env.cpus} CPUs` +
      (Math.max(...loadAverages) > env.cpus ? ': other work was running, so these figures are pessimistic.' : '.'),
    '',
    '## Targets',
    '',
    table(
      ['target', 'result', 'figures'],
      report.targets.map((t) => [t.target, t.status === 'met' ? '**met**' : `**${t.status}**`, t.figures]),
    ),
    '',
    `## Dashboard queries at ${thousands(largest?.situationsStored ?? 0)} situations`,
    '',
    table(
      [
        'query',
        'path',
        'owner',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'failed (net/non-2xx/GraphQL)',
        'SQL statements per request',
        'gateway / direct',
      ],
      queryRows,
    ),
    '',
    '## Main dashboard query as the data grows (through the gateway)',
    '',
    table(
      [
        'situations stored',
        'visible to the reader',
        'SQL statements per request',
        `one at a time p50 / p95 ms (${settings.sequential} requests)`,
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'failed (net/non-2xx/GraphQL)',
      ],
      scalingRows,
    ),
    '',
    '## Data set at the end',
    '',
    table(Object.keys(report.dataSet), [Object.values(report.dataSet).map(thousands)]),
    '',
  ].join('\n');
}

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
