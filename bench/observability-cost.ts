// What the request logs and the metrics cost in CPU per request: the same process set as the bench
// (services.ts), run with LOG_LEVEL=silent and prom-client recording nothing (unobserved.ts), then
// with LOG_LEVEL=info and metrics recorded, in rounds whose order alternates so that a slow spell of
// the machine does not fall on one side only. Needs PostgreSQL (DATABASE_URL), like the bench.
// Writes bench/results/observability-latest.md.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBenchConfig } from './config';
import { startLoadGenerator } from './load';
import { endpointsOf, loadTest, type RunResult } from './measure';
import { median, RESULTS_DIRECTORY } from './report';
import { MAIN_DASHBOARD, type BenchQuery } from './queries';
import { createBenchDatabase, createSecrets, startServices } from './services';

/** A query one subgraph answers from one row: where the per-request overhead shows most. */
const ONE_PARTNER: BenchQuery = {
  name: 'one partner',
  operationName: 'BenchOnePartner',
  query: 'query BenchOnePartner { partner(code: "AU") { code name } }',
  owner: 'partners',
};

const MODES = {
  quiet: { LOG_LEVEL: 'silent', NODE_OPTIONS: `--require ${path.join(__dirname, 'unobserved.js')}` },
  observed: { LOG_LEVEL: 'info', NODE_OPTIONS: '' },
} as const;
type Mode = keyof typeof MODES;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write('observability-cost needs PostgreSQL: set DATABASE_URL to a server it may create a database on\n');
    process.exitCode = 2;
    return;
  }
  const config = readBenchConfig();
  const bench = await createBenchDatabase(serverUrl, 'bench_obs');
  const { database, databaseUrl, admin } = bench;
  const secrets = createSecrets();
  const generator = startLoadGenerator();
  const saved = { LOG_LEVEL: process.env.LOG_LEVEL, NODE_OPTIONS: process.env.NODE_OPTIONS };
  const results: { round: number; mode: Mode; query: string; run: RunResult }[] = [];
  try {
    let seeded = false;
    for (let round = 0; round < config.rounds; round++) {
      const order: Mode[] = round % 2 === 0 ? ['quiet', 'observed'] : ['observed', 'quiet'];
      for (const mode of order) {
        // The services inherit these (services.ts spawns them with this process's environment).
        Object.assign(process.env, MODES[mode]);
        const services = await startServices(secrets, databaseUrl, { capture: false, seed: !seeded });
        seeded = true;
        try {
          const endpoint = await endpointsOf(services, secrets, config.viewers).ours();
          const accounting = { admin, database, pids: services.pids };
          for (const query of [ONE_PARTNER, MAIN_DASHBOARD]) {
            // Warm-up, unmeasured: compiled code paths and the pools' connections.
            await loadTest(accounting, generator, endpoint, query, { durationS: 2, connections: config.connections });
            const run = await loadTest(accounting, generator, endpoint, query, { durationS: config.durationS, connections: config.connections });
            if (run.failed > 0) throw new Error(`${query.name} (${mode}): ${run.failed} failed requests`);
            results.push({ round, mode, query: query.name, run });
            process.stderr.write(
              `round ${round + 1} ${mode} ${query.name}: ${run.totalCpuMsPerRequest.toFixed(2)} ms CPU per request, ${run.requestsPerSecond.toFixed(0)} req/s\n`,
            );
          }
        } finally {
          await services.stop();
        }
      }
    }
  } finally {
    Object.assign(process.env, { LOG_LEVEL: saved.LOG_LEVEL ?? '', NODE_OPTIONS: saved.NODE_OPTIONS ?? '' });
    generator.stop();
    await bench.drop();
    secrets.cleanUp();
  }
  const lines = [
    `# CPU of request logs and metrics, ${new Date().toISOString()}`,
    '',
    `CPU per request of the services and PostgreSQL through our gateway, ${config.rounds} rounds of ${config.durationS} s at ${config.connections} connections;`,
    `${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(2)} at the end. Medians of the rounds; the ratio is the median of each round's.`,
    '',
    '| query | quiet ms | observed ms | observed / quiet | quiet req/s | observed req/s |',
    '|---|---|---|---|---|---|',
  ];
  for (const query of [ONE_PARTNER, MAIN_DASHBOARD]) {
    const runs = (mode: Mode) => results.filter((r) => r.mode === mode && r.query === query.name).map((r) => r.run);
    const [quiet, observed] = [runs('quiet'), runs('observed')];
    const cpu = (of: RunResult[]) => median(of.map((run) => run.totalCpuMsPerRequest));
    const rate = (of: RunResult[]) => median(of.map((run) => run.requestsPerSecond));
    const ratio = median(quiet.map((run, round) => observed[round].totalCpuMsPerRequest / run.totalCpuMsPerRequest));
    lines.push(
      `| ${query.name} | ${cpu(quiet).toFixed(2)} | ${cpu(observed).toFixed(2)} | ${ratio.toFixed(3)} | ${rate(quiet).toFixed(0)} | ${rate(observed).toFixed(0)} |`,
    );
  }
  const markdown = `${lines.join('\n')}\n`;
  const file = path.join(RESULTS_DIRECTORY, 'observability-latest.md');
  writeFileSync(file, markdown);
  process.stdout.write(markdown);
}

main().catch((error: Error) => {
  process.stderr.write(`observability-cost failed: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
