// A database of the test's own: a fresh in-memory PGlite, or, when DATABASE_URL is set, a new
// throwaway database on that server, dropped afterwards. Runs never collide. A test of one engine's
// behaviour asks for that engine whatever DATABASE_URL says (PostgreSQL: DATABASE_URL's server, else
// the local one every development and CI machine runs).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPGlite, type DatabaseTarget } from '../../subgraphs/kernel/db/database';

export interface TestDatabase {
  target: DatabaseTarget;
  drop: () => Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The PostgreSQL server a test makes its own databases on: DATABASE_URL's, else the machine's local server. */
export const POSTGRES_SERVER = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(kind: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite'): Promise<TestDatabase> {
  const serverUrl = POSTGRES_SERVER;
  if (kind === 'pglite') {
    const gate = await openPGlite();
    return { target: { kind: 'pglite', gate }, drop: () => gate.close() };
  }
  const name = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    target: { kind: 'postgres', url: withDatabase(serverUrl, name), poolSize: 5 },
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
