// `npm run bench`: times the main dashboard query as the data grows, then the dashboard queries through
// the gateway and straight to their subgraph, and writes bench/results/ (progress on stderr, report on stdout).
import './environment';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Acknowledgement } from '../subgraphs/alerts/entities/acknowledgement.entity';
import { Alert } from '../subgraphs/alerts/entities/alert.entity';
import { Incident } from '../subgraphs/situations/entities/incident.entity';
import { RiskAssessment } from '../subgraphs/situations/entities/risk-assessment.entity';
import { Source } from '../subgraphs/situations/entities/source.entity';
import { TrainingSession } from '../subgraphs/training/entities/training-session.entity';
import { startHub, type Hub } from '../test/support/hub';
import { readBenchConfig, type BenchConfig } from './config';
import { addSituations, addSources, addTrainingSessions, storedSituations } from './data';
import { startLoadGenerator, type LoadGenerator } from './load';
import { ask, BENCH_VIEWER, directEndpoint, gatewayEndpoint, loadTest, sequentialLatency, statementsPerRequest, type Endpoint } from './measure';
import { MAIN_DASHBOARD, QUERIES, type BenchQuery } from './queries';
import { judgeTargets, renderMarkdown, writeReport, type BenchReport, type PathResult, type QueryResult, type ScalingStep } from './report';

const RESULTS_DIRECTORY = path.resolve(__dirname, '..', '..', 'bench', 'results');
const TRAINING_SESSIONS = 3000;
const WARM_UP_REQUESTS = 10;

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

// Fresh statistics after a bulk insert, as autovacuum would gather shortly after an import; without
// them the planner would price the new rows as absent and the step would measure a transient.
async function analyse(hub: Hub): Promise<void> {
  for (const name of ['situations', 'alerts', 'training']) await hub.subgraphs[name].db.query('ANALYZE');
}

async function measurePath(
  hub: Hub,
  generator: LoadGenerator,
  endpoint: () => Promise<Endpoint>,
  query: BenchQuery,
  config: BenchConfig,
): Promise<PathResult> {
  const sequential = await sequentialLatency(await endpoint(), query, config.sequential);
  const statements = await statementsPerRequest(hub, await endpoint(), query);
  const loadAverage = os.loadavg()[0];
  const load = await loadTest(hub, generator, await endpoint(), query, config);
  return { statements, sequential, load, loadAverage };
}

async function main(): Promise<void> {
  const config = readBenchConfig();
  const startedAt = new Date().toISOString();
  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  progress(`starting the hub on ${database === 'PostgreSQL' ? 'a throwaway database on the PostgreSQL server' : 'PGlite in memory'}`);
  const hub = await startHub();
  const generator = startLoadGenerator();
  try {
    const [{ version }] = await hub.subgraphs.situations.db.query('SELECT version() AS version');
    const databaseVersion = String(version).split(' ').slice(0, 2).join(' ');
    await addSources(hub);
    await addTrainingSessions(hub, TRAINING_SESSIONS);
    const gateway = () => gatewayEndpoint(hub);
    // Unrecorded: otherwise the first step alone would pay for JIT compilation and first query plans.
    for (const query of QUERIES) {
      await sequentialLatency(await gateway(), query, WARM_UP_REQUESTS);
      if (query.owner) await sequentialLatency(await directEndpoint(hub, query), query, WARM_UP_REQUESTS);
    }

    const scaling: ScalingStep[] = [];
    let next = 0;
    for (const size of config.sizes) {
      const stored = await storedSituations(hub);
      const started = performance.now();
      if (stored < size) {
        progress(`inserting ${size - stored} situations with their assessments, incidents and alerts`);
        await addSituations(hub, next, next + size - stored);
        next += size - stored;
        await analyse(hub);
      }
      const insertSeconds = (performance.now() - started) / 1000;
      const situationsStored = await storedSituations(hub);
      progress(`main dashboard query at ${situationsStored} situations`);
      const measured = await measurePath(hub, generator, gateway, MAIN_DASHBOARD, config);
      const answer = (await ask(await gateway(), MAIN_DASHBOARD)) as { situations: { totalCount: number } };
      scaling.push({ situationsStored, situationsVisible: answer.situations.totalCount, insertSeconds, ...measured });
    }

    const queries: QueryResult[] = [];
    for (const query of QUERIES) {
      progress(`${query.name}: through the gateway`);
      const viaGateway = await measurePath(hub, generator, gateway, query, config);
      let direct: PathResult | null = null;
      if (query.owner) {
        progress(`${query.name}: directly against ${query.owner}`);
        direct = await measurePath(hub, generator, () => directEndpoint(hub, query), query, config);
      }
      queries.push({
        name: query.name,
        operationName: query.operationName,
        owner: query.owner,
        gateway: viaGateway,
        direct,
        gatewayToDirect: direct ? viaGateway.load.requestsPerSecond / direct.load.requestsPerSecond : null,
      });
    }

    const dataSet: Record<string, number> = {
      situations: await storedSituations(hub),
      assessments: await hub.subgraphs.situations.db.getRepository(RiskAssessment).count(),
      incidents: await hub.subgraphs.situations.db.getRepository(Incident).count(),
      sources: await hub.subgraphs.situations.db.getRepository(Source).count(),
      alerts: await hub.subgraphs.alerts.db.getRepository(Alert).count(),
      acknowledgements: await hub.subgraphs.alerts.db.getRepository(Acknowledgement).count(),
      'training sessions': await hub.subgraphs.training.db.getRepository(TrainingSession).count(),
    };

    const partial: Omit<BenchReport, 'targets'> = {
      startedAt,
      finishedAt: new Date().toISOString(),
      environment: {
        database,
        databaseVersion,
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        commit: commit(),
      },
      settings: { ...config, viewer: `${BENCH_VIEWER.org} ${BENCH_VIEWER.roles.join(', ')}` },
      dataSet,
      scaling,
      queries,
    };
    const report: BenchReport = { ...partial, targets: judgeTargets(partial) };
    const markdown = renderMarkdown(report);
    const files = writeReport(RESULTS_DIRECTORY, report, markdown);
    process.stdout.write(markdown);
    progress(`wrote ${path.relative(process.cwd(), files.json)}, ${path.relative(process.cwd(), files.markdown)} and latest.md`);
  } finally {
    generator.stop();
    await hub.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
