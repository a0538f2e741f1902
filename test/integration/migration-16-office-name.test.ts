// The Office's name as it uses it (issue 16), brought to databases seeded before it: the partners and
// training migrations rewrite the seeded texts that still say "Joint Office" in place (same ids, one
// new version), leave a text an editor has changed alone, and the current seed then finds nothing to add.
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAtMigration, upgradeToCurrent } from '../support/upgrade';
import { partnersSubgraph } from '../../subgraphs/partners';
import { trainingSubgraph } from '../../subgraphs/training';
import { ENGAGEMENTS, FOCAL_POINTS } from '../../subgraphs/partners/data/engagements';
import { SESSIONS } from '../../subgraphs/training/data/sessions';
import { REPORTED_TOTALS } from '../../subgraphs/training/data/reported-totals';
import { insertMissing, stableId } from '../../subgraphs/kernel/db/seeding';
import { engagementRows, focalPointRows } from '../../subgraphs/partners/seed';
import { Engagement } from '../../subgraphs/partners/entities/engagement.entity';
import { FocalPoint } from '../../subgraphs/partners/entities/focal-point.entity';

/** The last migration of every subgraph before the Office's name (OfficeName1796394000000/1). */
const BEFORE_OFFICE_NAME = 1796393999999;
// What the seed wrote before, word for word.
const OLD_ENGAGEMENT_RECORD = "Joint Office's record of engagements (shared/domain.md)";
const OLD_TRAINING_RECORD = "Joint Office's record (shared/domain.md)";
const OLD_HOSTED_TITLE = 'ICGLR Regional Committee meeting hosted by the Joint Office';
const OLD_DESK_OFFICER = 'Illustrative Joint Office desk officer';
const EDITED = 'Minutes of the meeting, as an editor of UN-JO filed them (mentions the Joint Office on purpose)';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database?.drop();
});

async function rows<T = Record<string, unknown>>(db: DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.query(sql, params);
}

/** Whatever text in the subgraph's tables still says "Joint Office": table, column and value. */
async function joint(db: DataSource, schema: string): Promise<string[]> {
  const columns = await rows<{ table_name: string; column_name: string }>(
    db,
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = $1 AND data_type IN ('text', 'character varying', 'character', 'ARRAY') AND table_name <> 'migrations'`,
    [schema],
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const hits = await rows<{ value: string }>(
      db,
      `SELECT "${column_name}"::text AS value FROM "${schema}"."${table_name}" WHERE "${column_name}"::text ILIKE '%joint office%'`,
    );
    found.push(...hits.map((hit) => `${table_name}.${column_name}: ${hit.value}`));
  }
  return found;
}

describe('the Office-name migration of the partners subgraph', () => {
  const hosted = ENGAGEMENTS.find((e) => e.seededTitle)!;
  const hostedId = stableId('engagement', hosted.partnerCode, hosted.startDate, OLD_HOSTED_TITLE);
  const edited = ENGAGEMENTS.find((e) => e.title === 'EU roundtable')!;
  const editedId = stableId('engagement', edited.partnerCode, edited.startDate, edited.title);
  const deskOfficer = FOCAL_POINTS.find((f) => f.partnerCode === 'UN-JO')!;
  const deskOfficerId = stableId('focal-point', deskOfficer.partnerCode, deskOfficer.role);

  /** The schema before the migration, holding the engagements and focal points as the seed wrote them then. */
  async function seededBefore(): Promise<DataSource> {
    const db = await openAtMigration(partnersSubgraph, database.target, BEFORE_OFFICE_NAME);
    // Only the rows this migration rewrites, as the seed wrote them: the seed's partners have columns
    // of later migrations (PartnerLaunch), which the schema before this one does not have.
    await db.transaction(async (manager) => {
      await insertMissing(manager, Engagement, engagementRows());
      await insertMissing(manager, FocalPoint, focalPointRows());
    });
    await db.query(`UPDATE partners.engagement SET source = replace(source, $1, $2)`, [
      "The Office's record of engagements",
      "Joint Office's record of engagements",
    ]);
    await db.query(`UPDATE partners.engagement SET title = $2 WHERE id = $1`, [hostedId, OLD_HOSTED_TITLE]);
    await db.query(`UPDATE partners.focal_point SET name = $2 WHERE id = $1`, [deskOfficerId, OLD_DESK_OFFICER]);
    // An editor has since rewritten one engagement's source: it is theirs, whatever it says.
    await db.query(`UPDATE partners.engagement SET source = $2, version = version + 1 WHERE id = $1`, [editedId, EDITED]);
    expect(await rows(db, `SELECT count(*)::int AS n FROM partners.engagement WHERE source LIKE $1 || '%'`, [OLD_ENGAGEMENT_RECORD])).toEqual([
      { n: ENGAGEMENTS.length - 1 },
    ]);
    return db;
  }

  it('names the Office as it names itself in every seeded engagement and focal point, in place, and leaves an edited one alone', async () => {
    const db = await upgradeToCurrent(await seededBefore(), partnersSubgraph, database.target);
    try {
      const engagements = new Map(
        (
          await rows<{ id: string; title: string; source: string; version: number }>(db, `SELECT id, title, source, version FROM partners.engagement`)
        ).map((row) => [row.id, row]),
      );
      expect(engagements.size).toBe(ENGAGEMENTS.length);
      for (const seeded of ENGAGEMENTS) {
        const id = stableId('engagement', seeded.partnerCode, seeded.startDate, seeded.seededTitle ?? seeded.title);
        if (id === editedId) continue;
        // Title and source as the current seed gives them, one new version for the row.
        expect({ id, ...engagements.get(id) }).toEqual({ id, title: seeded.title, source: seeded.source, version: 2 });
      }
      expect(engagements.get(hostedId)).toMatchObject({ title: 'ICGLR Regional Committee meeting hosted by the Office' });
      expect(engagements.get(hostedId)!.source).toBe("The Office's record of engagements (shared/domain.md)");
      expect(engagements.get(editedId)).toEqual({ id: editedId, title: 'EU roundtable', source: EDITED, version: 2 });
      expect(await rows(db, `SELECT name, version FROM partners.focal_point WHERE id = $1`, [deskOfficerId])).toEqual([
        { name: 'Illustrative desk officer of the Office', version: 2 },
      ]);
      expect(await joint(db, 'partners')).toEqual([`engagement.source: ${EDITED}`]);

      // The current seed holds the same rows: the corrected engagement keeps its id, nothing is added twice.
      await partnersSubgraph.seedReference(db);
      await partnersSubgraph.seedIllustrative(db);
      expect(await rows(db, `SELECT count(*)::int AS n FROM partners.engagement`)).toEqual([{ n: ENGAGEMENTS.length }]);
      expect(await rows(db, `SELECT count(*)::int AS n FROM partners.focal_point`)).toEqual([{ n: FOCAL_POINTS.length }]);
    } finally {
      await db.destroy();
    }
  });
});

describe('the Office-name migration of the training subgraph', () => {
  const recorded = SESSIONS.filter((session) => !session.illustrative);
  const kenya = recorded.find((session) => session.key === '2012-08-21-kenya-national-committee')!;
  const kenyaId = stableId('training-session', kenya.key);
  const EDITED_SOURCE = `${OLD_TRAINING_RECORD}; corrected by an editor after the seminar's report came in.`;

  async function seededBefore(): Promise<DataSource> {
    const db = await openAtMigration(trainingSubgraph, database.target, BEFORE_OFFICE_NAME);
    await trainingSubgraph.seedReference(db);
    await trainingSubgraph.seedIllustrative(db);
    for (const table of ['training_session', 'reported_training_total'])
      await db.query(`UPDATE training.${table} SET source = replace(source, $1, $2)`, [
        "The Office's record (shared",
        "Joint Office's record (shared",
      ]);
    // An editor has since rewritten one session's source, keeping the old name: it is theirs.
    await db.query(`UPDATE training.training_session SET source = $2, version = version + 1 WHERE id = $1`, [kenyaId, EDITED_SOURCE]);
    expect(await rows(db, `SELECT count(*)::int AS n FROM training.training_session WHERE source LIKE $1 || '%'`, [OLD_TRAINING_RECORD])).toEqual([
      { n: recorded.length },
    ]);
    return db;
  }

  it("cites the Office's record in every seeded session and reported total, in place, and leaves an edited one alone", async () => {
    const db = await upgradeToCurrent(await seededBefore(), trainingSubgraph, database.target);
    try {
      const sessions = new Map(
        (await rows<{ id: string; source: string; version: number }>(db, `SELECT id, source, version FROM training.training_session`)).map((row) => [
          row.id,
          row,
        ]),
      );
      expect(sessions.size).toBe(SESSIONS.length);
      for (const seeded of SESSIONS) {
        const id = stableId('training-session', seeded.key);
        if (id === kenyaId) continue;
        // The illustrative sessions never named the Office: they keep their first version.
        expect({ key: seeded.key, ...sessions.get(id) }).toEqual({
          key: seeded.key,
          id,
          source: seeded.source,
          version: seeded.illustrative ? 1 : 2,
        });
      }
      expect(sessions.get(kenyaId)).toEqual({ id: kenyaId, source: EDITED_SOURCE, version: 2 });
      expect(await rows(db, `SELECT source, version FROM training.reported_training_total`)).toEqual(
        REPORTED_TOTALS.map((total) => ({ source: total.source, version: 2 })),
      );
      expect(REPORTED_TOTALS[0].source).toMatch(/^The Office's record \(shared\/domain\.md\): 34 training sessions/);
      expect(await joint(db, 'training')).toEqual([`training_session.source: ${EDITED_SOURCE}`]);

      await trainingSubgraph.seedReference(db);
      await trainingSubgraph.seedIllustrative(db);
      expect(await rows(db, `SELECT count(*)::int AS n FROM training.training_session`)).toEqual([{ n: SESSIONS.length }]);
    } finally {
      await db.destroy();
    }
  });
});
