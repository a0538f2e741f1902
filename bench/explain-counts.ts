// Measures the PostgreSQL server time of the statement behind the bench's situationCounts query
// (by level and region, as the bench's UN-JO viewer): fills a database of its own with the bench's
// data set once, captures the statement the situations subgraph runs for the query, and times it
// with EXPLAIN (ANALYZE, BUFFERS). Usage, after `npm run build`:
//   COUNTS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_counts node dist/bench/explain-counts.js
import 'reflect-metadata';
import { Client } from 'pg';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kernel/service/subgraph-service';
import { alertsSubgraph } from '../subgraphs/alerts';
import { situationsSubgraph } from '../subgraphs/situations';
import { testKeys } from '../test/support/internal-keys';
import { addSituations, addSources, openBenchDatabases, storedSituations } from './data';
import { BENCH_VIEWER } from './measure';

const SITUATIONS = Number(process.env.COUNTS_SITUATIONS ?? 10_000);
const RUNS = 7;
const QUERY = 'query BenchSituationCounts { situationCounts(groupBy: [LEVEL, REGION]) { level region situations } }';

async function ensureDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  parsed.pathname = '/postgres';
  const admin = new Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const url = process.env.COUNTS_DATABASE_URL;
  if (!url) throw new Error('set COUNTS_DATABASE_URL');
  await ensureDatabase(url);
  const keys = testKeys();
  const target = { kind: 'postgres' as const, url, poolSize: 2 };
  const captured: { sql: string; parameters: unknown[] }[] = [];
  const running: RunningSubgraph[] = [];
  try {
    running.push(await startSubgraph(situationsSubgraph, { target, seed: true, gatewayKeys: keys.gatewayKeys }));
    running.push(await startSubgraph(alertsSubgraph, { target, seed: true, gatewayKeys: keys.gatewayKeys }));
    const [situations, alerts] = running;
    const hub = await openBenchDatabases(url);
    const stored = await storedSituations(hub);
    if (stored < SITUATIONS) {
      await addSources(hub);
      await addSituations(hub, 0, SITUATIONS - stored);
      await situations.db.query('ANALYZE');
      await alerts.db.query('ANALYZE');
    }
    const original = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, sql: string, parameters?: unknown[], ...rest: unknown[]) {
      if (/COUNT\(\*\)::int/.test(sql)) captured.push({ sql, parameters: parameters ?? [] });
      return (original as (...args: unknown[]) => Promise<unknown>).call(this, sql, parameters, ...rest);
    } as typeof original;
    const response = await fetch(situations.url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await keys.vouch(BENCH_VIEWER, 'BenchSituationCounts', 'situations')) },
      body: JSON.stringify({ query: QUERY, operationName: 'BenchSituationCounts' }),
    });
    const answer = (await response.json()) as { data?: { situationCounts: unknown[] } };
    PostgresQueryRunner.prototype.query = original;
    console.log(`situations stored: ${await storedSituations(hub)}; groups answered: ${answer.data?.situationCounts.length}`);
    await hub.close();
  } finally {
    for (const service of running) await service.stop(1000);
  }
  const [statement] = captured;
  if (!statement) throw new Error('no situationCounts statement was captured');
  console.log(statement.sql);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const jit of ['on', 'off']) {
      await client.query(`SET jit = ${jit}`);
      const times: number[] = [];
      let plan = '';
      for (let i = 0; i < RUNS; i++) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters);
        plan = rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
        const planning = Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1]);
        const execution = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
        times.push(planning + execution);
      }
      console.log(
        `\n--- jit=${jit}: planning + execution, median of ${RUNS}: ${median(times).toFixed(2)} ms (all: ${times.map((t) => t.toFixed(1)).join(', ')})`,
      );
      console.log(plan);
    }
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
