// Bulk import and export of incidents against a real database (PGlite, or PostgreSQL when
// DATABASE_URL is set), through importIncidents / exportIncidents as the CLI and a later
// mutation call them, checked row by row against what is stored.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Like, type DataSource } from 'typeorm';
import { AuditEvent } from '../../subgraphs/kernel/audit/audit-event.entity';
import { openSubgraphDatabase } from '../../subgraphs/kernel/db/database';
import { Classification } from '../../subgraphs/kernel/policy/ownership';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { situationsSubgraph } from '../../subgraphs/situations';
import { Incident } from '../../subgraphs/situations/entities/incident.entity';
import { Source, SourceType } from '../../subgraphs/situations/entities/source.entity';
import { exportIncidents, type ExportFormat } from '../../subgraphs/situations/import/incident-exporter';
import { importIncidents, type ImportOptions, type ImportSummary, type RowOutcome } from '../../subgraphs/situations/import/incident-importer';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'samples');
// ECOWAS's own illustrative situations: Mali's is AMBER, Nigeria's AMBER_STRICT shared with UN-JO.
const MALI_SITUATION = illustrativeSituationId('sahel-mali');
const NIGERIA_SITUATION = illustrativeSituationId('west-africa-middle-belt');
const HASHTAGS =
  '#meta+id,#date,#country+code,#adm1+name,#loc+name,#geo+lat,#geo+lon,#event+type,#actor+name,#actor+name,#affected+killed,#affected+killed+min,#affected+killed+max,#meta+source,#meta+source+type,#meta+situation,#description';

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
  await seedSubgraph(situationsSubgraph, db);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function importText(
  text: string,
  options: Partial<ImportOptions> & { org: string },
): Promise<{ summary: ImportSummary; outcomes: RowOutcome[] }> {
  const outcomes: RowOutcome[] = [];
  const summary = await importIncidents(db, Readable.from([text]), { format: 'hxl', ...options, onRow: (o) => void outcomes.push(o) });
  return { summary, outcomes };
}

async function exportText(org: string, format: ExportFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportIncidents(db, out, { format, scope: (query, alias) => query.andWhere(`${alias}.ownerOrg = :org`, { org }) });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Everything stored for an organisation, to the byte: a digest of every incident and source row. */
async function snapshot(org: string) {
  const digest = async (table: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM situations.${table} t WHERE owner_org = $1`,
        [org],
      )
    )[0];
  const versions = await db.query(`SELECT external_id, version, updated_at FROM situations.incident WHERE owner_org = $1 ORDER BY external_id`, [
    org,
  ]);
  return { incidents: await digest('incident'), sources: await digest('source'), versions };
}

function statuses(outcomes: RowOutcome[]) {
  return outcomes.map((o) => [o.line, o.externalId, o.status, ...(o.errors ?? []).map((e) => e.field)]);
}

const importAudit = (org: string) =>
  db.getRepository(AuditEvent).find({ where: { actorOrg: org, operationName: 'bulk import' }, order: { recordType: 'ASC', recordId: 'ASC' } });

const incidentOf = (org: string, externalId: string) => db.getRepository(Incident).findOneByOrFail({ ownerOrg: org, externalId });

describe('bulk import of incidents', () => {
  const file = [
    'ECOWARN extract for tests,,,,,,,,,,,,,,,,',
    'Illustrative data only,,,,,,,,,,,,,,,,',
    'ID,Date,Country,Region,Place,Lat,Lon,Type,Actor 1,Actor 2,Killed,Killed (low),Killed (high),Source,Source type,Situation,Notes',
    HASHTAGS,
    `T1-1,2025-04-02,MLI,Mopti,Illustrative village 1,14.5,-4.2,Violence against civilians,Illustrative group A,Civilians,4,3,6,T1 radio,Radio,${MALI_SITUATION},"Illustrative, with a comma"`,
    'T1-2,2025-04-03,GHA,Northern,Illustrative town 2,,,Riots,Illustrative youth,,0,0,1,T1 radio,Radio,,',
    'T1-3,2025-04-04,XXX,Somewhere,Illustrative place 3,,,Riots,,,1,,,T1 radio,Radio,,',
    'T1-4,2099-01-01,NGA,Benue,Illustrative place 4,95,8,Battles,,,1,,,T1 radio,Radio,,',
    'T1-5,2025-04-05,NGA,Benue,Illustrative place 5,,,Battles,,,1,,,T1 radio,Radio,7d1e2f0a-1111-4222-8333-944455556666,',
    `T1-1,2025-04-02,MLI,Mopti,Illustrative village 1,14.5,-4.2,Violence against civilians,Illustrative group A,Civilians,4,3,6,T1 radio,Radio,${MALI_SITUATION},"Illustrative, with a comma"`,
    'T1-2,2025-04-03,GHA,Northern,Illustrative town 2,,,Riots,Illustrative youth,,9,9,9,T1 radio,Radio,,',
    'T1-6,2025-04-06,SEN,Ziguinchor,Illustrative village 6,,,Battles,,,2,5,7,T1 monitor,NGO,,',
    ',2025-04-07,SEN,Ziguinchor,Illustrative village 7,,,Battles,,,2,,,T1 monitor,NGO,,',
    'T1-7,2025-04-08,SEN,Ziguinchor,Illustrative village 8,12.58,-16.27,Battles,Illustrative faction,Illustrative army unit,2,,,T1 monitor,NGO,,Illustrative',
  ].join('\r\n');

  it('stores the good rows and reports every row: created, unchanged duplicate, or rejected with the fields at fault', async () => {
    const { summary, outcomes } = await importText(file, { org: 'ECOWAS' });
    expect(statuses(outcomes)).toEqual([
      [5, 'T1-1', 'created'],
      [6, 'T1-2', 'created'],
      [7, 'T1-3', 'rejected', 'countryIso3'],
      [8, 'T1-4', 'rejected', 'occurredOn', 'latitude'],
      [9, 'T1-5', 'rejected', 'situationId'],
      [10, 'T1-1', 'unchanged'],
      [11, 'T1-2', 'rejected', 'externalId'],
      [12, 'T1-6', 'rejected', 'fatalitiesLow'],
      [13, null, 'rejected', 'externalId'],
      [14, 'T1-7', 'created'],
    ]);
    expect(outcomes[6].errors![0].message).toMatch(/also on line 6, with other values; that row is kept/);
    expect(outcomes[2].errors![0]).toMatchObject({ field: 'countryIso3', column: '#country+code' });
    expect(summary).toMatchObject({ rows: 10, created: 3, updated: 0, unchanged: 1, rejected: 6, stoppedEarly: null, ignored: [] });

    const stored = await db.getRepository(Incident).find({ where: { ownerOrg: 'ECOWAS' }, order: { externalId: 'ASC' } });
    const mine = stored.filter((i) => i.externalId?.startsWith('T1-'));
    expect(mine.map((i) => i.externalId)).toEqual(['T1-1', 'T1-2', 'T1-7']);
    const [first, second, seventh] = mine;
    expect(first).toMatchObject({
      id: outcomes[0].id,
      situationId: MALI_SITUATION,
      countryIso3: 'MLI',
      occurredOn: '2025-04-02',
      datePrecision: 'DAY',
      adm1: 'Mopti',
      place: 'Illustrative village 1',
      latitude: 14.5,
      longitude: -4.2,
      eventType: 'Violence against civilians',
      actors: ['Illustrative group A', 'Civilians'],
      fatalitiesLow: 3,
      fatalitiesBest: 4,
      fatalitiesHigh: 6,
      notes: 'Illustrative, with a comma',
      ownerOrg: 'ECOWAS',
      createdByOrg: 'ECOWAS',
      classification: Classification.AMBER,
      sharedWith: [],
      version: 1,
    });
    // The first of the two contradicting T1-2 rows is what is stored.
    expect(second).toMatchObject({ actors: ['Illustrative youth'], fatalitiesBest: 0, latitude: null, notes: null, situationId: null });
    expect(seventh.actors).toEqual(['Illustrative faction', 'Illustrative army unit']);

    const sources = await db.getRepository(Source).find({ where: { ownerOrg: 'ECOWAS' } });
    const radio = sources.find((s) => s.name === 'T1 radio')!;
    expect(radio).toMatchObject({ type: SourceType.MEDIA, region: 'Africa', classification: Classification.AMBER });
    expect(sources.find((s) => s.name === 'T1 monitor')).toMatchObject({ type: SourceType.NGO });
    expect(first.sourceId).toBe(radio.id);
    expect(second.sourceId).toBe(radio.id);

    const audit = await importAudit('ECOWAS');
    expect(audit.map((e) => [e.action, e.recordType, e.recordId, e.recordOwnerOrg, e.classification, e.subgraph])).toEqual(
      [
        ...mine.map((i) => ['CREATE', 'Incident', i.id, 'ECOWAS', 'AMBER', 'situations']),
        ...sources.filter((s) => s.name.startsWith('T1 ')).map((s) => ['CREATE', 'Source', s.id, 'ECOWAS', 'AMBER', 'situations']),
      ].sort((a, b) => `${a[1]}${a[2]}`.localeCompare(`${b[1]}${b[2]}`)),
    );
  });

  it('changes nothing when the same file is imported again: same rows, versions and updated_at', async () => {
    const before = await snapshot('ECOWAS');
    const audited = (await importAudit('ECOWAS')).length;
    const { summary, outcomes } = await importText(file, { org: 'ECOWAS' });
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 6 });
    expect(
      statuses(outcomes)
        .filter((s) => s[2] !== 'rejected')
        .map((s) => s[1]),
    ).toEqual(['T1-1', 'T1-2', 'T1-1', 'T1-7']);
    expect(await snapshot('ECOWAS')).toEqual(before);
    expect(await importAudit('ECOWAS')).toHaveLength(audited);
  });

  it("updates a row whose values changed, by the partner's id, and leaves every other row untouched", async () => {
    const before = await incidentOf('ECOWAS', 'T1-7');
    const others = (await snapshot('ECOWAS')).versions.filter((v: { external_id: string }) => v.external_id !== 'T1-7');
    const changed = file.replace('Illustrative village 8,12.58', 'Illustrative village 8 (corrected),12.58');
    const { summary, outcomes } = await importText(changed, { org: 'ECOWAS' });
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(outcomes.find((o) => o.externalId === 'T1-7')).toMatchObject({ status: 'updated', id: before.id });
    const after = await incidentOf('ECOWAS', 'T1-7');
    expect(after).toMatchObject({ place: 'Illustrative village 8 (corrected)', version: 2, createdAt: before.createdAt });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect((await importAudit('ECOWAS')).filter((e) => e.recordId === before.id).map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    expect((await snapshot('ECOWAS')).versions.filter((v: { external_id: string }) => v.external_id !== 'T1-7')).toEqual(others);
  });

  it('rejects a situation the importer may not see exactly as one that does not exist', async () => {
    const row = `T1-8,2025-04-09,NGA,Plateau,Illustrative place,,,Riots,,,1,,,T1 radio,Radio,${NIGERIA_SITUATION},`;
    const { outcomes } = await importText([HASHTAGS, row].join('\n'), {
      org: 'ECOWAS',
      situationScope: (query, alias) => query.andWhere(`${alias}.ownerOrg = :nobody`, { nobody: 'NOBODY' }),
    });
    const { outcomes: missing } = await importText([HASHTAGS, row.replace(NIGERIA_SITUATION, '7d1e2f0a-1111-4222-8333-944455556666')].join('\n'), {
      org: 'ECOWAS',
    });
    expect(outcomes[0].status).toBe('rejected');
    expect(outcomes[0].errors![0].message.replace(NIGERIA_SITUATION, 'ID')).toBe(
      missing[0].errors![0].message.replace('7d1e2f0a-1111-4222-8333-944455556666', 'ID'),
    );
  });

  it('holds an incident to its situation as the mutations do: same country, and no re-sharing of an AMBER_STRICT one', async () => {
    const row = (id: string, country: string, source: string) =>
      `${id},2025-05-02,${country},Plateau,Illustrative place,,,Riots,,,1,,,${source},Radio,${NIGERIA_SITUATION},`;
    const rows = [HASHTAGS, row('S-1', 'NGA', 'S radio'), row('S-2', 'GHA', 'S source only a rejected row names')].join('\n');
    const amber = await importText(rows, { org: 'ECOWAS' });
    expect(statuses(amber.outcomes)).toEqual([
      [2, 'S-1', 'rejected', 'classification'],
      [3, 'S-2', 'rejected', 'countryIso3', 'classification'],
    ]);
    expect(amber.outcomes[0].errors![0].message).toMatch(/must be AMBER_STRICT or RED/);
    const wider = await importText(rows, { org: 'ECOWAS', classification: Classification.AMBER_STRICT, sharedWith: ['UN-JO', 'AU'] });
    expect(statuses(wider.outcomes)[0]).toEqual([2, 'S-1', 'rejected', 'sharedWith']);
    expect(wider.outcomes[0].errors![0].message).toMatch(/may not be shared with AU/);
    const strict = await importText(rows, { org: 'ECOWAS', classification: Classification.AMBER_STRICT, sharedWith: ['UN-JO'] });
    expect(statuses(strict.outcomes)).toEqual([
      [2, 'S-1', 'created'],
      [3, 'S-2', 'rejected', 'countryIso3'],
    ]);
    // The rules hold for the incident as it will be stored: re-importing it without the options keeps it AMBER_STRICT.
    expect((await importText(rows, { org: 'ECOWAS' })).outcomes[0].status).toBe('unchanged');
    // A rejected row leaves nothing behind, not even the source it named.
    const names = (await db.getRepository(Source).findBy({ ownerOrg: 'ECOWAS' })).map((source) => source.name);
    expect(names).toContain('S radio');
    expect(names).not.toContain('S source only a rejected row names');
  });

  it('gives new incidents AMBER by default, and changes stored ones only when a classification is given and what cites them can follow', async () => {
    const rows = [HASHTAGS, 'C-1,2025-05-01,COD,North Kivu,Illustrative place,,,Riots,,,1,,,,,,'].join('\n');
    await importText(rows, { org: 'AU' });
    expect(await incidentOf('AU', 'C-1')).toMatchObject({ classification: Classification.AMBER, sharedWith: [], version: 1 });
    const id = (await incidentOf('AU', 'C-1'))!.id;
    // Without a way to tell what cites it (the command line), its readership stays as stored.
    const refused = await importText(rows, { org: 'AU', classification: Classification.GREEN, sharedWith: ['UN-JO', 'ecowas'] });
    expect(statuses(refused.outcomes)).toEqual([[2, 'C-1', 'rejected', 'classification']]);
    expect(await incidentOf('AU', 'C-1')).toMatchObject({ classification: Classification.AMBER, sharedWith: [], version: 1 });
    // With one (the mutation tells the alerts subgraph), it changes, and the batch names it once committed.
    const followed: string[][] = [];
    const shared = await importText(rows, {
      org: 'AU',
      classification: Classification.GREEN,
      sharedWith: ['UN-JO', 'ecowas'],
      onReadershipChanged: async (ids) => {
        expect(await incidentOf('AU', 'C-1')).toMatchObject({ classification: Classification.GREEN });
        followed.push(ids);
      },
    });
    expect(shared.outcomes[0].status).toBe('updated');
    expect(followed).toEqual([[id]]);
    expect(await incidentOf('AU', 'C-1')).toMatchObject({ classification: Classification.GREEN, sharedWith: ['ECOWAS', 'UN-JO'], version: 2 });
    const again = await importText(rows, { org: 'AU' });
    expect(again.outcomes[0].status).toBe('unchanged');
    expect(await incidentOf('AU', 'C-1')).toMatchObject({ classification: Classification.GREEN, version: 2 });
  });

  it('refuses options and files it cannot use before writing anything, as BAD_USER_INPUT naming the problem', async () => {
    await expect(importText(file, { org: 'not a code' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'org' } });
    await expect(importText(file, { org: 'AU', sharedWith: ['?'] })).rejects.toMatchObject({ extensions: { field: 'sharedWith' } });
    await expect(importText('#date,#country+code\n2025-01-01,NGA\n', { org: 'AU' })).rejects.toThrow(/no column for #meta\+id/);
  });

  it('rolls back a row the database refuses alone, with what it created, and stores the rest of its batch', async () => {
    // Fault injection: the database refuses one row that passes every check of the importer.
    await db.query(`CREATE FUNCTION situations.refuse_fail_me() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = 'FAIL-ME' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_fail_me BEFORE INSERT ON situations.incident FOR EACH ROW EXECUTE FUNCTION situations.refuse_fail_me()`);
    try {
      const rows = [
        HASHTAGS,
        'R-1,2025-06-01,ETH,Amhara,Illustrative place 1,,,Riots,,,1,,,R shared source,Media,,',
        'FAIL-ME,2025-06-02,ETH,Amhara,Illustrative place 2,,,Riots,,,1,,,R source only the failing row names,Media,,',
        'R-3,2025-06-03,ETH,Amhara,Illustrative place 3,,,Riots,,,1,,,R shared source,Media,,',
      ].join('\n');
      const { summary, outcomes } = await importText(rows, { org: 'IGAD' });
      expect(statuses(outcomes)).toEqual([
        [2, 'R-1', 'created'],
        [3, 'FAIL-ME', 'rejected', 'row'],
        [4, 'R-3', 'created'],
      ]);
      expect(outcomes[1].errors![0].message).toBe('the database refused the row');
      expect(summary).toMatchObject({ created: 2, rejected: 1 });
      const names = (await db.getRepository(Source).findBy({ ownerOrg: 'IGAD' })).map((s) => s.name);
      expect(names).toContain('R shared source');
      expect(names).not.toContain('R source only the failing row names');
      expect(await db.getRepository(Incident).countBy({ ownerOrg: 'IGAD', externalId: 'FAIL-ME' })).toBe(0);
    } finally {
      await db.query('DROP TRIGGER refuse_fail_me ON situations.incident');
      await db.query('DROP FUNCTION situations.refuse_fail_me()');
    }
  });

  it('reads JSON lines, rejecting a line that is no JSON object and naming the keys it ignored', async () => {
    const lines = [
      JSON.stringify({
        externalId: 'J-1',
        occurredOn: '2025-07-01',
        countryIso3: 'KEN',
        eventType: 'Riots',
        fatalitiesBest: 2,
        actors: 'One group',
        colour: 'blue',
      }),
      '{"externalId": "J-2", broken',
      '',
      '["not", "an", "object"]',
      JSON.stringify({ externalId: 'J-4', occurredOn: '2025-07-02', countryIso3: 'KEN', eventType: 'Riots', latitude: '-1.28', longitude: 36.82 }),
    ].join('\n');
    const { summary, outcomes } = await importText(lines, { org: 'IGAD', format: 'jsonl' });
    expect(statuses(outcomes)).toEqual([
      [1, 'J-1', 'created'],
      [2, null, 'rejected', 'row'],
      [4, null, 'rejected', 'row'],
      [5, 'J-4', 'created'],
    ]);
    expect(summary.ignored).toEqual(['colour']);
    expect(await incidentOf('IGAD', 'J-1')).toMatchObject({ actors: ['One group'], fatalitiesBest: 2 });
    expect(await incidentOf('IGAD', 'J-4')).toMatchObject({ latitude: -1.28, longitude: 36.82 });
  });

  it('imports the shipped samples without a rejected row, into the illustrative situations', async () => {
    const hxl = await importText(readFileSync(path.join(SAMPLES, 'incidents-ecowas.hxl.csv'), 'utf8'), { org: 'ECOWAS' });
    expect(hxl.summary).toMatchObject({ rows: 24, created: 24, rejected: 0, ignored: [] });
    const jsonl = await importText(readFileSync(path.join(SAMPLES, 'incidents.jsonl'), 'utf8'), { org: 'ECOWAS', format: 'jsonl' });
    expect(jsonl.summary).toMatchObject({ rows: 5, created: 5, rejected: 0, ignored: [] });
    expect(await incidentOf('ECOWAS', 'ECW-J-0002')).toMatchObject({ occurredOn: '2025-12-01', datePrecision: 'MONTH' });
    expect(await db.getRepository(Incident).countBy({ ownerOrg: 'ECOWAS', situationId: MALI_SITUATION, externalId: Like('ECW-%') })).toBe(5);
  });
});

describe('export of incidents', () => {
  beforeAll(async () => {
    // Text a spreadsheet would run as a formula, quotes, commas and line breaks must come back as they went out.
    const tricky = [
      {
        externalId: 'RT-1',
        occurredOn: '2024-02',
        countryIso3: 'RWA',
        eventType: 'Riots',
        notes: '=HYPERLINK("http://example.invalid")',
        place: "'=already escaped",
        actors: ['-minus group', '@at group', 'Group, with "quotes"'],
      },
      {
        externalId: 'RT-2',
        occurredOn: '2024-03-04',
        countryIso3: 'BDI',
        eventType: 'Battles',
        notes: 'two\nlines, and "quotes"',
        latitude: -3.38,
        longitude: 29.36,
        geoPrecision: 'NEAR',
        fatalitiesBest: 0,
        source: 'RT source',
        sourceType: 'Radio',
      },
    ];
    const { summary } = await importText(tricky.map((t) => JSON.stringify(t)).join('\n'), { org: 'ICGLR', format: 'jsonl' });
    expect(summary).toMatchObject({ created: 2, rejected: 0 });
  });

  it.each(['hxl', 'jsonl'] as const)('writes %s that imports back into the same organisation without changing anything', async (format) => {
    const before = await snapshot('ICGLR');
    const exported = await exportText('ICGLR', format);
    const { summary } = await importText(exported, { org: 'ICGLR', format });
    expect(summary.rows).toBe(before.incidents.rows);
    expect(summary).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: before.incidents.rows, ignored: [] });
    expect(await snapshot('ICGLR')).toEqual(before);
  });

  it('writes a human header row above the HXL hashtag row, one actor per column, and escapes formulas', async () => {
    const lines = (await exportText('ICGLR', 'hxl')).split('\r\n');
    expect(lines[0]).toMatch(/^Incident ID,Situation ID,Date,Date precision,Country code,/);
    expect(lines[1]).toBe(
      '#meta+id,#meta+situation,#date,#date+precision,#country+code,#adm1+name,#adm2+name,#loc+name,#geo+lat,#geo+lon,#geo+precision,#event+type,#event+type+code,#event+type+sub,#event+type+sub+code,#actor+name,#actor+name,#actor+name,#affected+killed+min,#affected+killed,#affected+killed+max,#meta+source,#meta+source+type,#meta+source+country,#description,#affected+displaced+min,#affected+displaced,#affected+displaced+max',
    );
    const row = lines.find((l) => l.startsWith('RT-1,'))!;
    expect(row).toContain(`,'-minus group,'@at group,"Group, with ""quotes""",`);
    expect(row).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(row).toContain(`,''=already escaped,`);
  });

  it('exports only what the scope selects, and JSON lines with the GraphQL field names', async () => {
    const lines = (await exportText('ICGLR', 'jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const stored = await db.getRepository(Incident).countBy({ ownerOrg: 'ICGLR' });
    expect(lines).toHaveLength(stored);
    expect(lines.find((l) => l.externalId === 'RT-2')).toEqual({
      externalId: 'RT-2',
      situationId: null,
      occurredOn: '2024-03-04',
      datePrecision: 'DAY',
      countryIso3: 'BDI',
      adm1: null,
      adm2: null,
      place: null,
      latitude: -3.38,
      longitude: 29.36,
      geoPrecision: 'NEAR',
      eventType: 'Battles',
      eventTypeCode: 'BATTLES',
      subEventType: null,
      subEventTypeCode: null,
      actors: [],
      fatalitiesLow: null,
      fatalitiesBest: 0,
      fatalitiesHigh: null,
      source: 'RT source',
      sourceType: 'MEDIA',
      sourceCountry: null,
      notes: 'two\nlines, and "quotes"',
      displacedLow: null,
      displacedBest: null,
      displacedHigh: null,
      groups: [],
    });
  });
});
