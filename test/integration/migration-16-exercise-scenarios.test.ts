// Issue 16 item 11, second pass, on a database seeded before it: the illustrative records stored with
// the texts the seed wrote until now (the Darfur and Moldova scenarios, Moldova's incitement to
// genocide, assessments without the exercise notice, the Kivu, Darfur and Rakhine alerts, the
// recommendations' old mark, history and acknowledgement notes without the exercise mark) come out
// exactly as a fresh seed writes them, while a seeded record someone has edited since is left alone.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { seedSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAtMigration, upgradeToCurrent } from '../support/upgrade';

const moduleNamed = (name: string) => SUBGRAPHS.find((s) => s.name === name)!;

/** The last migration of each subgraph before this change. */
const BEFORE = { situations: 1796350000000, alerts: 1796393000000 };

const SITUATION_NOTICE =
  'An exercise for trying the hub: its actors and events are invented; not an assessment of a real situation, group or government.';
const ALERT_NOTICE = 'An exercise for trying the hub: its actors and events are invented; not an alert about a real situation, group or government.';
const MARK = '(Exercise: invented for trying the hub.)';

/** [situation key, the title the seed gave it before]. */
const OLD_SITUATION_TITLES: [Parameters<typeof illustrativeSituationId>[0], string][] = [
  ['horn-darfur', '[Exercise] Scenario E: targeted violence against an invented community'],
  ['europe-minorities', '[Exercise] Scenario G: a minority-rights dispute (HCNM confidential)'],
];

/** [alert key, the title and body the seed gave it before]. */
const OLD_ALERTS: [string, string, string][] = [
  [
    'kivu-early-warning',
    '[Exercise] Early warning (scenario A): hate speech and mobilisation by invented armed groups',
    `In this exercise, incitement against an invented group spreads alongside the mobilisation of invented armed groups; the scenario's signs of intent are emerging. ${ALERT_NOTICE}`,
  ],
  [
    'darfur-early-warning',
    '[Exercise] Early warning (scenario E): targeted killings of members of an invented community',
    `Confidential exercise: invented field monitors report killings targeting members of an invented community and attacks on humanitarian operations. ${ALERT_NOTICE}`,
  ],
  [
    'rakhine-statement',
    '[Exercise] Statement (scenario H) on discrimination against an invented minority',
    `Exercise statement: the Office is alarmed by continued discrimination and violence against an invented minority. ${ALERT_NOTICE}`,
  ],
  [
    'rakhine-statement-corrected',
    '[Exercise] Statement (scenario H) on discrimination against an invented minority (corrected)',
    `Corrects the date of the events cited in the earlier exercise statement. The Office is alarmed by continued discrimination and violence against an invented minority. ${ALERT_NOTICE}`,
  ],
];
const OLD_RECOMMENDATION_MARK = '(Exercise recommendation: not addressed to a real State or body.)';
const RECOMMENDATION_MARK =
  "(Exercise recommendation, invented for trying the hub: where it names a State, it does so only to show how a recommendation is addressed, and says nothing of that State's conduct.)";

const alertId = (key: string) => stableId('illustrative-alert', key);

let databases: TestDatabase[] = [];
let open: DataSource[] = [];

async function database(): Promise<TestDatabase> {
  const created = await createTestDatabase();
  databases.push(created);
  return created;
}

afterAll(async () => {
  for (const db of open) if (db.isInitialized) await db.destroy();
  for (const db of databases) await db.drop();
  databases = [];
  open = [];
});

/**
 * Two databases at the migrations before this change, both seeded with today's seed; `age` then
 * gives the first one's rows the texts the seed wrote before, as a database seeded then holds them.
 * The first is migrated and seeded again, as its next start does; the second is as a fresh seed writes.
 */
async function agedAndFresh(name: 'situations' | 'alerts', age: (db: DataSource) => Promise<void>): Promise<[DataSource, DataSource]> {
  const module = moduleNamed(name);
  const [agedTarget, freshTarget] = [(await database()).target, (await database()).target];
  let aged = await openAtMigration(module, agedTarget, BEFORE[name]);
  await seedSubgraph(module, aged);
  await age(aged);
  aged = await upgradeToCurrent(aged, module, agedTarget);
  // The next start seeds again: it adds what the seed has gained since (and changes nothing else).
  await seedSubgraph(module, aged);
  const fresh = await openAtMigration(module, freshTarget, BEFORE[name]).then((old) => upgradeToCurrent(old, module, freshTarget));
  await seedSubgraph(module, fresh);
  open.push(aged, fresh);
  return [aged, fresh];
}

describe('the exercise scenarios migrations', () => {
  it('rewrites the seeded situations and assessments to what a fresh seed writes, leaving an edited one alone', async () => {
    const edited = illustrativeSituationId('horn-darfur');
    const [migrated, fresh] = await agedAndFresh('situations', async (db) => {
      for (const [key, title] of OLD_SITUATION_TITLES)
        await db.query(`UPDATE situations.situation SET title = $2, summary = $3 WHERE id = $1`, [
          illustrativeSituationId(key),
          title,
          `${title}. ${SITUATION_NOTICE}`,
        ]);
      await db.query(
        `UPDATE situations.risk_assessment a SET summary = 'Illustrative assessment ' || a.assessment_number || ' of "' || s.title || '".'
           FROM situations.situation s WHERE s.id = a.situation_id AND s.illustrative`,
      );
      const moldova = illustrativeSituationId('europe-minorities');
      await db.query(`UPDATE situations.situation SET incitement = '{GENOCIDE}' WHERE id = $1`, [moldova]);
      await db.query(`UPDATE situations.risk_assessment SET incitement = '{GENOCIDE}' WHERE situation_id = $1`, [moldova]);
      // An analyst rewrote one assessment of the Darfur scenario after seeding.
      await db.query(`UPDATE situations.risk_assessment SET summary = 'Rewritten by an analyst.' WHERE situation_id = $1 AND assessment_number = 1`, [
        edited,
      ]);
    });
    const rows = (db: DataSource) =>
      Promise.all([
        db.query(`SELECT id, title, summary, incitement::text[] AS incitement FROM situations.situation WHERE illustrative ORDER BY id`),
        db.query(
          `SELECT a.id, a.summary, a.incitement::text[] AS incitement FROM situations.risk_assessment a
             JOIN situations.situation s ON s.id = a.situation_id WHERE s.illustrative ORDER BY a.id`,
        ),
      ]);
    const [[situations, assessments], [freshSituations, freshAssessments]] = await Promise.all([rows(migrated), rows(fresh)]);
    expect(situations).toEqual(freshSituations);
    const editedRow = (list: { id: string; summary: string }[]) => list.find((a) => a.id === stableId('assessment', 'horn-darfur', '2024-06-01'))!;
    expect(editedRow(assessments).summary).toBe('Rewritten by an analyst.');
    const others = (list: { id: string }[]) => list.filter((a) => a.id !== editedRow(assessments).id);
    expect(others(assessments)).toEqual(others(freshAssessments));
    expect(assessments.length).toBeGreaterThan(10);
    expect(assessments.every((a: { summary: string }) => a.summary === 'Rewritten by an analyst.' || a.summary.endsWith(SITUATION_NOTICE))).toBe(
      true,
    );
  });

  it('rewrites the seeded alerts, recommendations and notes to what a fresh seed writes, leaving edited ones alone', async () => {
    const editedStep = stableId('illustrative-alert-status', 'kivu-early-warning', 2);
    const [migrated, fresh] = await agedAndFresh('alerts', async (db) => {
      for (const [key, title, body] of OLD_ALERTS)
        await db.query(`UPDATE alerts.alert SET title = $2, body = $3 WHERE id = $1`, [alertId(key), title, body]);
      await db.query(`UPDATE alerts.alert SET recommendations = replace(recommendations::text, $1, $2)::jsonb WHERE illustrative`, [
        RECOMMENDATION_MARK,
        OLD_RECOMMENDATION_MARK,
      ]);
      for (const table of ['alert_status_change', 'acknowledgement'])
        await db.query(`UPDATE alerts.${table} SET note = NULLIF(replace(note, $1, ''), $2)`, [` ${MARK}`, MARK]);
      // The exercise report came with this change: a database seeded before has none.
      const report = alertId('south-sudan-report');
      await db.query(`DELETE FROM alerts.alert_status_change WHERE alert_id = $1`, [report]);
      await db.query(`DELETE FROM alerts.acknowledgement_due WHERE alert_id = $1`, [report]);
      await db.query(`DELETE FROM alerts.alert WHERE id = $1`, [report]);
      // Its author rewrote the Darfur warning, and one step's note, after seeding.
      await db.query(`UPDATE alerts.alert SET body = 'Rewritten by its author.' WHERE id = $1`, [alertId('darfur-early-warning')]);
      await db.query(`UPDATE alerts.alert_status_change SET note = 'Edited note.' WHERE id = $1`, [editedStep]);
    });
    const rows = (db: DataSource) =>
      Promise.all([
        db.query(`SELECT id, title, body, recommendations FROM alerts.alert WHERE illustrative ORDER BY id`),
        db.query(`SELECT id, note FROM alerts.alert_status_change ORDER BY id`),
        db.query(`SELECT id, note FROM alerts.acknowledgement ORDER BY id`),
      ]);
    const [[alerts, steps, acks], [freshAlerts, freshSteps, freshAcks]] = await Promise.all([rows(migrated), rows(fresh)]);

    const darfur = alertId('darfur-early-warning');
    expect(alerts.find((a: { id: string }) => a.id === darfur)).toMatchObject({ title: OLD_ALERTS[1][1], body: 'Rewritten by its author.' });
    const without = <T extends { id: string }>(list: T[], id: string) => list.filter((row) => row.id !== id);
    expect(without(alerts, darfur)).toEqual(without(freshAlerts, darfur));
    expect(steps.find((s: { id: string }) => s.id === editedStep).note).toBe('Edited note.');
    expect(without(steps, editedStep)).toEqual(without(freshSteps, editedStep));
    expect(acks).toEqual(freshAcks);
    expect(steps.length).toBeGreaterThan(20);
    expect([...steps, ...acks].every((row: { id: string; note: string }) => row.id === editedStep || row.note.endsWith(MARK))).toBe(true);
  });

  it('can be undone, giving back the texts the seed wrote before', async () => {
    const [migrated] = await agedAndFresh('alerts', async () => {});
    await migrated.undoLastMigration();
    const [{ body }] = await migrated.query(`SELECT body FROM alerts.alert WHERE id = $1`, [alertId('kivu-early-warning')]);
    expect(body).toBe(OLD_ALERTS[0][2]);
    const [{ note }] = await migrated.query(`SELECT note FROM alerts.alert_status_change WHERE id = $1`, [
      stableId('illustrative-alert-status', 'kivu-early-warning', 0),
    ]);
    expect(note).toBeNull();
  });
});
