// A database of the test's own: a fresh in-memory PGlite, or, when DATABASE_URL is set, a new
// throwaway database on that server, dropped afterwards. Runs never collide.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPGlite, type DatabaseTarget } from '../../subgraphs/kernel/db/database';

export interface TestDatabase {
  target: DatabaseTarget;
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
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
