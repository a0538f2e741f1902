import { DataSource } from 'typeorm';
import { openPGlite } from '../../subgraphs/kernel/db/database';
import { pgliteDriver, type PGliteGate } from '../../subgraphs/kernel/db/pglite-pool';

describe('PGlite pool', () => {
  let gate: PGliteGate;
  let db: DataSource;

  beforeAll(async () => {
    gate = await openPGlite();
    db = new DataSource({ type: 'postgres', driver: pgliteDriver(gate), synchronize: false, entities: [] });
    await db.initialize();
    await db.query('CREATE TABLE note (id int primary key, body text)');
  });

  afterAll(async () => {
    await db.destroy();
    await gate.close();
  });

  it('gives concurrent transactions a session each: a rolled-back one leaves no trace in the other', async () => {
    const failing = db.transaction(async (manager) => {
      await manager.query('INSERT INTO note VALUES (1, $1)', ['rolled back']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('abort');
    });
    const succeeding = db.transaction(async (manager) => {
      await manager.query('INSERT INTO note VALUES (2, $1)', ['kept']);
    });
    await expect(failing).rejects.toThrow('abort');
    await succeeding;
    expect(await db.query('SELECT id, body FROM note ORDER BY id')).toEqual([{ id: 2, body: 'kept' }]);
  });

  it('reports affected rows of updates as pg does', async () => {
    const [, affected] = await db.query("UPDATE note SET body = 'changed' WHERE id = 2");
    expect(affected).toBe(1);
  });
});
