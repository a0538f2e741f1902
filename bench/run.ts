// `npm run bench`: the hub as production runs it (one process per service, NODE_ENV=production, on a
// throwaway PostgreSQL database), measured side by side at each data size in alternating rounds:
// the raw-SQL floor, the direct subgraph, our gateway and stock @apollo/gateway. Writes
// bench/results/ (progress on stderr, the report on stdout). See bench/README.md.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Acknowledgement } from '../subgraphs/alerts/entities/acknowledgement.entity';
import { Alert } from '../subgraphs/alerts/entities/alert.entity';
import { Incident } from '../subgraphs/situations/entities/incident.entity';
import { RiskAssessment } from '../subgraphs/situations/entities/risk-assessment.entity';
import { Source } from '../subgraphs/situations/entities/source.entity';
import { TrainingSession } from '../subgraphs/training/entities/training-session.entity';
import { measureAuditGrowth } from './audit';
import { readBenchConfig, type BenchConfig } from './config';
import { createReceiverCertificate, measureDelivery, type DeliveryResult } from './delivery';
import { addSituations, addSources, addTrainingSessions, openBenchDatabases, storedSituations, type BenchDatabases } from './data';
import { prepareFloor, timeStatements, type FloorRequest } from './floor';
import type { LatencySummary } from './latency';
import { startLoadGenerator, type LoadGenerator } from './load';
import {
  ask,
  BENCH_VIEWER,
  endpointsOf,
  loadTest,
  sequentialLatency,
  withCpu,
  type CpuAccounting,
  type Endpoint,
  type Endpoints,
  type PathName,
  type RunResult,
} from './measure';
import { MAIN_DASHBOARD, QUERIES, type BenchQuery } from './queries';
import {
  judgeTargets,
  renderMarkdown,
  RESULTS_DIRECTORY,
  writeReport,
  type BenchReport,
  type CapturedQuery,
  type RoundResult,
  type StepResult,
} from './report';
import { createBenchDatabase, createSecrets, startServices, type BenchSecrets, type RunningServices } from './services';

const TRAINING_SESSIONS = 3000;
const WARM_UP_REQUESTS = 10;
// An audit trail written just after the answer gets this long to reach the capture.
const SETTLE_MS = 1500;
const AUDIT_VIEW_CONCURRENCY = 5;

const began = performance.now();
const progress = (message: string) => process.stderr.write(`bench [${Math.round((performance.now() - began) / 1000)} s]: ${message}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

/** Rotates `items` left by `by`: round r starts at a different query, and a different path. */
const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length]);

const pathsOf = (query: BenchQuery): PathName[] => (query.owner ? ['floor', 'direct', 'ours', 'stock'] : ['floor', 'ours', 'stock']);

/** With the services in capture mode: the statements one request of `query` makes the hub run. */
async function capture(services: RunningServices, endpoint: Endpoint, query: BenchQuery): Promise<FloorRequest> {
  await ask(endpoint, query);
  await pause(SETTLE_MS);
  for (const c of Object.values(services.captures)) c.start();
  await ask(endpoint, query);
  await pause(SETTLE_MS);
  const statements = Object.values(services.captures).flatMap((c) => c.stop());
  const startup = Object.fromEntries(Object.entries(services.captures).map(([name, c]) => [name, c.startupParameters()]));
  return { statements, startup };
}

interface Context {
  config: BenchConfig;
  secrets: BenchSecrets;
  databaseUrl: string;
  database: string;
  admin: pg.Client;
  generator: LoadGenerator;
}

async function measureStep(
  context: Context,
  captured: Map<string, FloorRequest>,
  services: RunningServices,
): Promise<Omit<StepResult, 'situationsStored' | 'insertSeconds' | 'statements'>> {
  const { config, generator } = context;
  const endpoints: Endpoints = endpointsOf(services, context.secrets, config.viewers);
  const endpoint = (path: PathName, query: BenchQuery) =>
    path === 'direct' ? endpoints.direct(query) : path === 'stock' ? endpoints.stock() : endpoints.ours();
  const accounting: CpuAccounting = { admin: context.admin, database: context.database, pids: services.pids };

  progress('warming up every query on every path');
  for (const query of QUERIES) {
    for (const path of pathsOf(query).filter((p) => p !== 'floor')) {
      const e = await endpoint(path, query);
      for (let i = 0; i < WARM_UP_REQUESTS; i++) await ask(e, query);
    }
  }
  const answer = (await ask(await endpoints.ours(), MAIN_DASHBOARD)) as { situations: { totalCount: number } };

  progress(`audit growth over ${config.auditViews} dashboard views`);
  const dashboard = await endpoints.ours();
  const auditClient = new pg.Client({ connectionString: context.databaseUrl, application_name: 'bench-audit-sizes' });
  await auditClient.connect();
  let audit;
  try {
    audit = await measureAuditGrowth(auditClient, config.auditViews, async () => {
      let sent = 0;
      await Promise.all(
        Array.from({ length: AUDIT_VIEW_CONCURRENCY }, async () => {
          while (sent < config.auditViews) {
            sent++;
            await ask(dashboard, MAIN_DASHBOARD);
          }
        }),
      );
    });
  } finally {
    await auditClient.end();
  }

  const sequential: Record<string, Partial<Record<PathName, LatencySummary>>> = {};
  const rounds: RoundResult[] = [];
  for (let round = 0; round < config.rounds; round++) {
    const queries = rotate(QUERIES, round);
    const result: RoundResult = { round: round + 1, runs: {} };
    for (const query of queries) {
      result.runs[query.operationName] = {};
      for (const path of rotate(pathsOf(query), round)) {
        progress(`round ${round + 1}: ${query.name}, ${path}`);
        let run: RunResult;
        if (path === 'floor') {
          const floor = await prepareFloor(context.databaseUrl, captured.get(query.operationName)!, config.connections);
          try {
            run = await withCpu({ ...accounting, pids: () => ({ ...services.pids(), 'bench (SQL replay)': process.pid }) }, 'floor', async () => {
              const replayed = await floor.run(config.durationS);
              return { ...replayed, failed: replayed.errors };
            });
          } finally {
            await floor.close();
          }
        } else {
          if (round === 0) {
            sequential[query.operationName] ??= {};
            sequential[query.operationName][path] = await sequentialLatency(await endpoint(path, query), query, config.sequential);
          }
          run = await loadTest(accounting, generator, await endpoint(path, query), query, config);
        }
        result.runs[query.operationName][path] = run;
      }
    }
    rounds.push(result);
  }
  return { situationsVisible: answer.situations.totalCount, audit, sequential, rounds };
}

async function main(): Promise<void> {
  const config = readBenchConfig();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench: the benchmark needs PostgreSQL: set DATABASE_URL to a server it may create a throwaway database on, e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n',
    );
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = os.loadavg();
  const bench = await createBenchDatabase(serverUrl, 'bench');
  const { database, databaseUrl, admin } = bench;
  const secrets = createSecrets();
  const generator = startLoadGenerator();
  let services: RunningServices | undefined;
  let db: BenchDatabases | undefined;
  try {
    const {
      rows: [{ version }],
    } = await admin.query<{ version: string }>('SELECT version() AS version');
    const databaseVersion = version.split(' ').slice(0, 2).join(' ');
    const context: Context = { config, secrets, databaseUrl, database, admin, generator };
    progress(`database ${database} on the PostgreSQL server; starting the services (migrations and seed)`);

    const steps: StepResult[] = [];
    let next = 0;
    let seeded = false;
    for (const size of config.sizes) {
      services = await startServices(secrets, databaseUrl, { capture: true, seed: !seeded });
      if (!seeded) {
        db = await openBenchDatabases(databaseUrl);
        await addSources(db);
        await addTrainingSessions(db, TRAINING_SESSIONS);
        seeded = true;
      }
      const started = performance.now();
      const stored = await storedSituations(db!);
      if (stored < size) {
        progress(`inserting ${size - stored} situations with their assessments, incidents and alerts`);
        await addSituations(db!, next, next + size - stored);
        next += size - stored;
      }
      // Fresh statistics after a bulk insert, as autovacuum would gather shortly after an import.
      await db!.situations.query('ANALYZE');
      const insertSeconds = (performance.now() - started) / 1000;
      const situationsStored = await storedSituations(db!);

      progress(`capturing the SQL of each query at ${situationsStored} situations`);
      const ours = await endpointsOf(services, secrets).ours();
      const captured = new Map<string, FloorRequest>();
      for (const query of QUERIES) captured.set(query.operationName, await capture(services, ours, query));
      await services.stop();
      services = undefined;

      progress('timing each captured statement alone');
      const statements: Record<string, CapturedQuery> = {};
      for (const query of QUERIES) {
        const request = captured.get(query.operationName)!;
        const perSubgraph: Record<string, number> = {};
        for (const statement of request.statements) perSubgraph[statement.subgraph] = (perSubgraph[statement.subgraph] ?? 0) + 1;
        statements[query.operationName] = { perSubgraph, times: await timeStatements(databaseUrl, request) };
      }

      progress('starting the services for measurement');
      services = await startServices(secrets, databaseUrl, { capture: false, seed: false });
      const measured = await measureStep(context, captured, services);
      await services.stop();
      services = undefined;
      steps.push({ situationsStored, insertSeconds, statements, ...measured });
    }

    // Alert delivery last: the alerts it issues are not in the dashboard's figures.
    progress('starting the services for alert delivery');
    const certificate = createReceiverCertificate(path.dirname(secrets.keys.signingKeyFile));
    services = await startServices(secrets, databaseUrl, {
      capture: false,
      seed: false,
      stock: false,
      env: { alerts: { NODE_EXTRA_CA_CERTS: certificate.certFile } },
    });
    const delivery: DeliveryResult = await measureDelivery(services, secrets, certificate, db!.alerts, config.delivery, progress);
    await services.stop();
    services = undefined;

    const dataSet: Record<string, number> = {
      situations: await storedSituations(db!),
      assessments: await db!.situations.getRepository(RiskAssessment).count(),
      incidents: await db!.situations.getRepository(Incident).count(),
      sources: await db!.situations.getRepository(Source).count(),
      alerts: await db!.alerts.getRepository(Alert).count(),
      acknowledgements: await db!.alerts.getRepository(Acknowledgement).count(),
      'training sessions': await db!.training.getRepository(TrainingSession).count(),
    };

    const partial: Omit<BenchReport, 'targets'> = {
      startedAt,
      finishedAt: new Date().toISOString(),
      environment: {
        databaseVersion,
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        commit: commit(),
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg(),
      },
      settings: {
        ...config,
        viewer: `${BENCH_VIEWER.org} ${BENCH_VIEWER.roles.join(', ')}; under load, ${config.viewers} viewers of ${BENCH_VIEWER.org} in turn, one per request (BENCH_VIEWERS)`,
      },
      queries: QUERIES.map((q) => ({ name: q.name, operationName: q.operationName, owner: q.owner })),
      dataSet,
      steps,
      delivery,
    };
    const report: BenchReport = { ...partial, targets: judgeTargets(partial) };
    const markdown = renderMarkdown(report);
    const files = writeReport(RESULTS_DIRECTORY, report, markdown);
    process.stdout.write(markdown);
    progress(`wrote ${path.relative(process.cwd(), files.json)}, ${path.relative(process.cwd(), files.markdown)} and latest.md`);
  } finally {
    generator.stop();
    await services?.stop();
    await db?.close();
    await bench.drop();
    secrets.cleanUp();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
