// Protected groups and displacement in bulk import and export: JSON lines carry both (`groups`,
// `displacedLow` / `displacedBest` / `displacedHigh`), HXL the displacement in #affected+displaced
// columns; a bad value rejects its row naming the field; an export imports back changing nothing.
import 'reflect-metadata';
import { PassThrough, Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { situationsSubgraph } from '../../subgraphs/situations';
import { exportIncidents, type ExportFormat } from '../../subgraphs/situations/import/incident-exporter';
import { importIncidents, type ImportOptions, type ImportSummary, type RowOutcome } from '../../subgraphs/situations/import/incident-importer';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ORG = 'IGAD';
let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openSubgraphDatabase({
    schema: 'situations',
    entities: situationsSubgraph.entities,
    migrations: situationsSubgraph.migrations,
    target: database.target,
  });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function importText(text: string, options: Partial<ImportOptions> = {}): Promise<{ summary: ImportSummary; outcomes: RowOutcome[] }> {
  const outcomes: RowOutcome[] = [];
  const summary = await importIncidents(db, Readable.from([text]), { org: ORG, format: 'jsonl', ...options, onRow: (o) => void outcomes.push(o) });
  return { summary, outcomes };
}

async function exportText(format: ExportFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportIncidents(db, out, { format, scope: (query, alias) => query.andWhere(`${alias}.ownerOrg = :org`, { org: ORG }) });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

async function snapshot() {
  return db.query(
    `SELECT external_id, version, updated_at, groups, displaced_low, displaced_best, displaced_high FROM situations.incident WHERE owner_org = $1 ORDER BY external_id`,
    [ORG],
  );
}

const base = { occurredOn: '2025-05-04', countryIso3: 'ETH', eventType: 'Violence against civilians' };

describe('groups and displacement in bulk import and export', () => {
  beforeAll(async () => {
    const rows = [
      {
        ...base,
        externalId: 'GD-1',
        displacedLow: 1000,
        displacedBest: 1500,
        displacedHigh: 3000,
        groups: [
          { kind: 'ethnical', name: ' Group A (illustrative) ' },
          { kind: 'RELIGIOUS', name: 'Group B (illustrative)' },
        ],
      },
      { ...base, externalId: 'GD-2', displacedBest: 40 },
      { ...base, externalId: 'GD-3' },
    ];
    const { summary } = await importText(rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(summary).toMatchObject({ created: 3, rejected: 0, ignored: [] });
  });

  it('stores what JSON lines give: kinds in any case, names trimmed, displacement low / best / high', async () => {
    const rows = await snapshot();
    expect(rows.map((r: Record<string, unknown>) => [r.external_id, r.groups, r.displaced_low, r.displaced_best, r.displaced_high])).toEqual([
      [
        'GD-1',
        [
          { kind: 'ETHNICAL', name: 'Group A (illustrative)' },
          { kind: 'RELIGIOUS', name: 'Group B (illustrative)' },
        ],
        1000,
        1500,
        3000,
      ],
      ['GD-2', [], null, 40, null],
      ['GD-3', [], null, null, null],
    ]);
  });

  it('rejects a row whose displacement or groups break the rules, naming the field', async () => {
    const rows = [
      { ...base, externalId: 'GD-4', displacedLow: 50, displacedHigh: 10 },
      { ...base, externalId: 'GD-5', displacedBest: -3 },
      { ...base, externalId: 'GD-6', groups: [{ kind: 'TRIBAL', name: 'Group C (illustrative)' }] },
      { ...base, externalId: 'GD-7', groups: 'Group D' },
    ];
    const { summary, outcomes } = await importText(rows.map((r) => JSON.stringify(r)).join('\n'));
    expect(summary).toMatchObject({ created: 0, rejected: 4 });
    expect(outcomes.map((o) => [o.externalId, o.status, (o as { errors?: { field: string }[] }).errors?.map((e) => e.field)])).toEqual([
      ['GD-4', 'rejected', ['displacedLow']],
      ['GD-5', 'rejected', ['displacedBest']],
      ['GD-6', 'rejected', ['groups']],
      ['GD-7', 'rejected', ['groups']],
    ]);
  });

  it('writes displacement in HXL as #affected+displaced columns', async () => {
    const exported = await exportText('hxl');
    const hashtags = exported.split('\r\n')[1].split(',');
    expect(hashtags).toEqual(expect.arrayContaining(['#affected+displaced+min', '#affected+displaced', '#affected+displaced+max']));
    expect(hashtags.some((h) => h.startsWith('#group'))).toBe(false);
  });

  it.each(['jsonl', 'hxl'] as const)('writes %s that imports back without changing anything', async (format) => {
    const before = await snapshot();
    const { summary } = await importText(await exportText(format), { format });
    expect(summary).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: 3, ignored: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('changes displacement from an HXL file and leaves the groups, which HXL does not carry, as they are', async () => {
    const exported = await exportText('hxl');
    const [labels, hashtags, ...rows] = exported.trimEnd().split('\r\n');
    const column = hashtags.split(',').indexOf('#affected+displaced');
    const changed = rows.map((row) => {
      const cells = row.split(',');
      if (cells[0] === 'GD-1') cells[column] = '2000';
      return cells.join(',');
    });
    const { summary } = await importText([labels, hashtags, ...changed].join('\r\n'), { format: 'hxl' });
    expect(summary).toMatchObject({ updated: 1, unchanged: 2, rejected: 0 });
    const [gd1] = await snapshot();
    expect(gd1).toMatchObject({ external_id: 'GD-1', displaced_best: 2000, groups: [{ kind: 'ETHNICAL' }, { kind: 'RELIGIOUS' }] });
  });

  it('changes the groups of a stored incident from JSON lines', async () => {
    const { summary } = await importText(
      JSON.stringify({ ...base, externalId: 'GD-2', displacedBest: 40, groups: [{ kind: 'NATIONAL', name: 'Group E (illustrative)' }] }),
    );
    expect(summary).toMatchObject({ updated: 1, rejected: 0 });
    const gd2 = (await snapshot()).find((r: { external_id: string }) => r.external_id === 'GD-2');
    expect(gd2).toMatchObject({ groups: [{ kind: 'NATIONAL', name: 'Group E (illustrative)' }], displaced_best: 40 });
  });
});
