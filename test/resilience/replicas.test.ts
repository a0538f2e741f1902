// Two replicas of one subgraph started at the same moment on one empty PostgreSQL database, as an
// orchestrator scaling a service to two does: both come up and serve, and the migrations ran once.
// Runs on the server of DATABASE_URL when set, otherwise on a PostgreSQL server of the test's own.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { createPrivatePostgres, findPostgresBinaries, onServer, type PrivatePostgres } from '../support/postgres-server';
import { baseOf, postJson, send } from '../support/network';
import { vouched } from '../support/processes';
import { startSubgraphs } from '../support/hub';

const binaries = findPostgresBinaries();
const runnable = Boolean(process.env.DATABASE_URL) || 'bin' in binaries;
const describeWithPostgres = runnable ? describe : describe.skip;
if (!runnable && 'missing' in binaries) console.warn(`Skipping the replica start-up tests: DATABASE_URL is unset and ${binaries.missing}.`);

/** A read of each subgraph's own seeded data that an anonymous reader may make. */
const READS: Record<string, string> = {
  partners: '{ partner(code: "AU") { code name } }',
  situations: '{ framework(version: "2014") { id year } }',
  training: '{ modules { code } }',
  alerts: '{ alerts(first: 5) { totalCount nodes { id } } }',
  cewarn: '{ _entities(representations: [{ __typename: "Country", iso3: "ETH" }]) { ... on Country { cewarnReports { id } } } }',
};

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describeWithPostgres('replicas of one subgraph started together on an empty database', () => {
  let privateServer: PrivatePostgres | undefined;
  let serverUrl: string;
  const databases: string[] = [];

  beforeAll(async () => {
    if (process.env.DATABASE_URL) serverUrl = process.env.DATABASE_URL;
    else {
      privateServer = await createPrivatePostgres((binaries as { bin: string }).bin);
      serverUrl = privateServer.url;
    }
  });

  afterAll(async () => {
    for (const name of databases) await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await privateServer?.destroy();
  });

  it.each(SUBGRAPHS.map((module) => [module.name, module] as const))(
    '%s: both replicas come up and serve, and each migration is applied once',
    async (name, module) => {
      const database = `hub_replicas_${process.pid}_${randomBytes(4).toString('hex')}`;
      await onServer(serverUrl, `CREATE DATABASE "${database}"`);
      databases.push(database);
      const target = { kind: 'postgres' as const, url: withDatabase(serverUrl, database), poolSize: 3 };

      const started = await Promise.allSettled([1, 2].map(async () => (await startSubgraphs(target, [name]))[name]));
      const replicas = started.filter((s): s is PromiseFulfilledResult<RunningSubgraph> => s.status === 'fulfilled').map((s) => s.value);
      try {
        expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);

        const answers = [];
        for (const replica of replicas) {
          expect((await send(`${baseOf(replica.url)}/ready`)).status).toBe(200);
          const answer = await postJson(replica.url, { query: READS[name] }, await vouched(null, name));
          expect(answer.status).toBe(200);
          expect(answer.body.errors).toBeUndefined();
          answers.push(answer.body.data);
        }
        expect(answers[1]).toEqual(answers[0]);
        expect(JSON.stringify(answers[0])).not.toMatch(/null|\[\]/);

        const applied: { name: string }[] = await replicas[0].db.query(`SELECT name FROM "${name}".migrations ORDER BY id`);
        const committed = (module.migrations as (new () => { name?: string })[]).map((migration) => new migration().name ?? migration.name);
        expect(applied.map((row) => row.name)).toEqual(committed);
      } finally {
        for (const replica of replicas) await replica.stop(1000);
      }
    },
  );
});
