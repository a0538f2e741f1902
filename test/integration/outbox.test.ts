// The kernel's transactional outbox (subgraphs/kernel/events/outbox.ts) on the alerts subgraph's
// database: events recorded by transactions that commit are published once each, in one order
// numbered without gaps, and handed to the publish hooks once; those of transactions that roll back
// never. On PostgreSQL three dispatchers on three connection pools stand for three replicas.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { eventsAfter, OutboxDispatcher, recordEvent, type PublishedEvent } from '../../subgraphs/kernel/events/outbox';
import { alertsSubgraph } from '../../subgraphs/alerts';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { waitFor } from '../support/network';

let database: TestDatabase;
const pools: DataSource[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const open = () =>
    openSubgraphDatabase({ schema: 'alerts', entities: alertsSubgraph.entities, migrations: alertsSubgraph.migrations, target: database.target });
  pools.push(await open());
  // PGlite is one connection in one process: the dispatchers share it there.
  if (database.target.kind === 'postgres') pools.push(await open(), await open());
});

afterAll(async () => {
  for (const pool of pools) await pool.destroy();
  await database?.drop();
});

const count = async (db: DataSource, where: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM alerts.outbox_event WHERE ${where}`))[0].n as number;

describe('the transactional outbox', () => {
  it('publishes each committed event once, numbered without gaps, and none of a transaction that rolled back', async () => {
    const seen: PublishedEvent[] = [];
    const dispatchers = [0, 1, 2].map(
      (i) =>
        new OutboxDispatcher(pools[i % pools.length], {
          hooks: [async (_manager, events) => void seen.push(...events)],
          listenUrl: database.target.kind === 'postgres' ? database.target.url : undefined,
          pollMs: 50,
        }),
    );
    for (const dispatcher of dispatchers) await dispatcher.start();
    try {
      const committed: string[] = [];
      const rolledBack: string[] = [];
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const id = randomUUID();
          const db = pools[i % pools.length];
          if (i % 4 === 3) {
            rolledBack.push(id);
            await expect(
              db.transaction(async (manager) => {
                await recordEvent(manager, { id, topic: 'test.rolled_back', subjectId: randomUUID() });
                throw new Error('the change failed after its event was written');
              }),
            ).rejects.toThrow('the change failed');
          } else {
            await db.transaction((manager) => recordEvent(manager, { id, topic: 'test.committed', subjectId: randomUUID(), payload: { i } }));
            committed.push(id);
          }
        }),
      );
      await waitFor(
        async () => (await count(pools[0], 'seq IS NULL')) === 0 && seen.length >= committed.length,
        30_000,
        'every committed event published',
      );
      expect(seen.map((event) => event.id).sort()).toEqual([...committed].sort());
      const published = await eventsAfter(pools[0].manager, 0);
      expect(published.map((event) => event.seq)).toEqual(Array.from({ length: committed.length }, (_, i) => i + 1));
      expect(published.map((event) => event.id).sort()).toEqual([...committed].sort());
      expect(await count(pools[0], `id = ANY('{${rolledBack.join(',')}}')`)).toBe(0);
      // A reader resuming after any seq gets exactly the rest, in order.
      const resumed = await eventsAfter(pools[0].manager, 17);
      expect(resumed.map((event) => event.seq)).toEqual(published.slice(17).map((event) => event.seq));
    } finally {
      for (const dispatcher of dispatchers) await dispatcher.stop();
    }
  });

  it('publishes nothing when a publish hook fails, and everything once it works again', async () => {
    let failing = true;
    let attempts = 0;
    const handed: string[] = [];
    const dispatcher = new OutboxDispatcher(pools[0], {
      hooks: [
        async (_manager, events) => {
          if (failing) {
            attempts += 1;
            throw new Error('hook down');
          }
          handed.push(...events.map((event) => event.id));
        },
      ],
      pollMs: 50,
    });
    const before = await count(pools[0], 'seq IS NOT NULL');
    const id = randomUUID();
    await pools[0].transaction((manager) => recordEvent(manager, { id, topic: 'test.hooked', subjectId: randomUUID() }));
    await dispatcher.start();
    try {
      await waitFor(async () => attempts >= 3, 10_000, 'the failing hook tried three times');
      expect(await count(pools[0], 'seq IS NULL')).toBe(1);
      failing = false;
      // The hook runs inside the publishing transaction: the event is handed to it before that
      // transaction commits, so wait for the commit too.
      await waitFor(
        async () => handed.includes(id) && (await count(pools[0], 'seq IS NULL')) === 0,
        10_000,
        'the event handed to the hook once it works, and its publication committed',
      );
      expect(handed).toEqual([id]);
      expect(await count(pools[0], 'seq IS NOT NULL')).toBe(before + 1);
    } finally {
      await dispatcher.stop();
    }
  });
});
