// Least privilege on PostgreSQL: each subgraph logs in as a role that owns its own schema and has
// no right on another's (npm run db:roles, subgraphs/kernel/db/database-roles.ts). Runs against
// DATABASE_URL when set, else the local server, in a database and with roles of its own, dropped after.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { alertsSubgraph } from '../../subgraphs/alerts';
import { provisionSubgraphRoles, type SubgraphRole } from '../../subgraphs/kernel/db/database-roles';
import type { RunningSubgraph, SubgraphModule } from '../../subgraphs/kernel/service/subgraph-service';
import { startSubgraphs } from '../support/hub';
import { POSTGRES_SERVER } from '../support/database';
import { vouched } from '../support/processes';
import { loopback } from '../support/network';
import { partnersSubgraph } from '../../subgraphs/partners';
import { trainingSubgraph } from '../../subgraphs/training';

const UNIQUE = `${process.pid}_${randomBytes(3).toString('hex')}`;
const DATABASE = `hub_roles_${UNIQUE}`;

function urlOf(database: string, user?: { name: string; password: string }): string {
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

const ADMIN_URL = urlOf(DATABASE);
const roles: Record<string, SubgraphRole> = Object.fromEntries(
  ['training', 'partners', 'alerts'].map((schema) => [
    schema,
    { schema, role: `hub_roles_${UNIQUE}_${schema}`, password: randomBytes(12).toString('hex') },
  ]),
);
const running: RunningSubgraph[] = [];

async function asAdmin<T>(work: (client: Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startAs(module: SubgraphModule, url: string): Promise<RunningSubgraph> {
  const { [module.name]: subgraph } = await startSubgraphs({ kind: 'postgres', url, poolSize: 2 }, [module.name], { seed: false });
  running.push(subgraph);
  return subgraph;
}

async function stop(subgraph: RunningSubgraph): Promise<void> {
  await subgraph.stop(1000);
  running.splice(running.indexOf(subgraph), 1);
}

function roleUrl(schema: string): string {
  return urlOf(DATABASE, { name: roles[schema].role, password: roles[schema].password });
}

beforeAll(async () => {
  await asAdmin((client) => client.query(`CREATE DATABASE "${DATABASE}"`), urlOf('postgres'));
});

afterAll(async () => {
  for (const subgraph of [...running]) await stop(subgraph);
  await asAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    for (const { role } of Object.values(roles)) await client.query(`DROP ROLE IF EXISTS "${role}"`);
  }, urlOf('postgres'));
});

describe('database roles', () => {
  it("run each subgraph as the owner of its own schema, and refuse it another subgraph's tables", async () => {
    await provisionSubgraphRoles(ADMIN_URL, [roles.training, roles.partners]);
    const training = await startAs(trainingSubgraph, roleUrl('training'));
    const partners = await startAs(partnersSubgraph, roleUrl('partners'));

    // It migrated, seeded and answers as its role, and writes its audit trail.
    const anonymous = await vouched(null, 'training');
    const response = await fetch(loopback(training.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...anonymous },
      body: JSON.stringify({ query: '{ modules { code } }' }),
    });
    const body = (await response.json()) as { data?: { modules: { code: string }[] }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.modules.length).toBeGreaterThan(0);
    const [{ user }] = await training.db.query('SELECT current_user AS user');
    expect(user).toBe(roles.training.role);
    const owners = await training.db.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'training'`);
    expect(owners).toEqual([{ tableowner: roles.training.role }]);
    const [{ superuser }] = await training.db.query('SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user');
    expect(superuser).toBe(false);

    // Another subgraph's schema, read or written, and a schema of its own making: permission denied.
    await expect(training.db.query('SELECT code FROM partners.partner')).rejects.toThrow(/permission denied for schema partners/);
    await expect(training.db.query(`UPDATE partners.partner SET name = 'x'`)).rejects.toThrow(/permission denied for schema partners/);
    await expect(partners.db.query('SELECT count(*) FROM training.training_session')).rejects.toThrow(/permission denied for schema training/);
    await expect(training.db.query('CREATE SCHEMA intruder')).rejects.toThrow(/permission denied for database/);
    expect(await partners.db.query('SELECT count(*)::int AS n FROM partners.partner')).toEqual([{ n: expect.any(Number) }]);
  });

  it('hands a schema a superuser migrated before, with everything in it, to its role', async () => {
    // As the hub ran before roles: the alerts subgraph migrates as the administrator.
    await stop(await startAs(alertsSubgraph, ADMIN_URL));
    await provisionSubgraphRoles(ADMIN_URL, [roles.alerts]);
    const owned = await asAdmin((client) =>
      client.query(
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.relnamespace = 'alerts'::regnamespace
         UNION SELECT DISTINCT pg_get_userbyid(t.typowner) FROM pg_type t WHERE t.typnamespace = 'alerts'::regnamespace AND t.typtype = 'e'
         UNION SELECT DISTINCT pg_get_userbyid(p.proowner) FROM pg_proc p WHERE p.pronamespace = 'alerts'::regnamespace`,
      ),
    );
    expect(owned.rows).toEqual([{ owner: roles.alerts.role }]);
    // Provisioning again changes nothing, and the subgraph starts and writes as its role.
    await provisionSubgraphRoles(ADMIN_URL, [roles.alerts]);
    const alerts = await startAs(alertsSubgraph, roleUrl('alerts'));
    await alerts.db.query(`INSERT INTO alerts.migrations (timestamp, name) VALUES (1, 'RolesCheck1')`);
    await alerts.db.query(`DELETE FROM alerts.migrations WHERE name = 'RolesCheck1'`);
  });
});
