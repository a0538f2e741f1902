// Issue 16's migrations of the partners and training subgraphs, run over databases that hold the
// seed as it was before issue 16: the seeded rows are corrected in place (same ids, nothing lost),
// rows the seed never wrote are left alone, and the current seed then finds nothing to duplicate.
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';
import { partnersSubgraph } from '../../subgraphs/partners';
import { trainingSubgraph } from '../../subgraphs/training';
import { SESSIONS } from '../../subgraphs/training/data/sessions';
import { stableId } from '../../subgraphs/kernel/db/seeding';

const OLD_OFFICE_NAME = 'UN Joint Office on Genocide Prevention and the Responsibility to Protect';
// The ids the seed gave these rows before issue 16 (stableId of their natural keys then).
const SSD_IN_ICGLR = '94eeb2c2-bdc3-545a-b0da-61531f5ac5c3';
const COM_IN_SADC = 'abf51f2a-b773-5065-b326-ce0dfaa75159';
const SESSION = {
  kampala2010: '58787ad3-b850-50ae-9735-0b2a7eb32504',
  regionalCommittee2012: '67dc12e3-6266-55d8-8931-717de6e40a38',
  tanzaniaCommittee2012: '89d43bfa-06a2-57cb-aa80-4fd55f938da1',
  kenyaCommittee2012: '57271f53-2c08-571d-8370-9f903b8f519f',
  ugandaCommittee2012: '22e2998f-dffe-5067-8260-01f1c5dbd2fc',
  interfaith2012: 'afa54253-97d3-541b-986b-7d9f51e1515d',
  buenosAires2012: '64051a67-8f60-5eb3-bb48-1faf2d7f5103',
  montevideo2012: '258bf3be-a4c6-56b8-a153-cbac2dde3a47',
  kenyaCoast2013: '3919c603-49ae-52cd-915c-96f7f8029aed',
};
const OWNED = `'UN-JO', 'UN-JO', 'CLEAR'`;

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

describe('issue 16 migration of the partners subgraph', () => {
  async function oldPartnersDatabase(): Promise<DataSource> {
    const db = await openBeforeIssue16(partnersSubgraph, database.target);
    const partner = (code: string, name: string, kind: string) => `(1, '${code}', '${code}', 'CLEAR', '${code}', '${name}', '${kind}')`;
    await db.query(
      `INSERT INTO partners.partner (version, owner_org, created_by_org, classification, code, name, kind) VALUES ${[
        partner('UN-JO', OLD_OFFICE_NAME, 'UN_OFFICE'),
        partner('ICGLR', 'International Conference on the Great Lakes Region', 'SUB_REGIONAL'),
        partner('SADC', 'Southern African Development Community', 'SUB_REGIONAL'),
        partner('OSCE', 'Organization for Security and Co-operation in Europe', 'REGIONAL'),
        partner('TEST-ORG', '[Test] an organisation the seed never wrote', 'REGIONAL'),
      ].join(', ')}`,
    );
    const membership = (id: string, partnerCode: string, iso3: string, validFrom: string | null, note: string | null) =>
      `('${id}', 1, '${partnerCode}', '${partnerCode}', 'CLEAR', '${partnerCode}', '${iso3}', 'MEMBER', ${validFrom ? `'${validFrom}'` : 'NULL'}, ${note ? `'${note}'` : 'NULL'})`;
    await db.query(
      `INSERT INTO partners.membership (id, version, owner_org, created_by_org, classification, partner_code, country_iso3, status, valid_from, note) VALUES ${[
        membership(SSD_IN_ICGLR, 'ICGLR', 'SSD', null, 'Joined after independence (July 2011); admission date not recorded'),
        membership(
          COM_IN_SADC,
          'SADC',
          'COM',
          '2017-08-01',
          'Admitted at the 37th SADC Summit, Pretoria, August 2017 (date approximate to the month)',
        ),
        membership('00000000-0000-4000-8000-000000000001', 'ICGLR', 'KEN', null, null),
        membership('00000000-0000-4000-8000-000000000002', 'TEST-ORG', 'COM', '2017-08-01', 'a period the seed never wrote'),
      ].join(', ')}`,
    );
    await db.query(
      `INSERT INTO partners.engagement (version, owner_org, created_by_org, classification, partner_code, kind, title, start_date) VALUES (1, 'UN-JO', 'UN-JO', 'CLEAR', 'AU', 'MISSION', '[Test] an engagement of before', '2013-04-22')`,
    );
    return db;
  }

  it('corrects the seeded facts in place and leaves everything else as it was', async () => {
    const db = await upgradeToCurrent(await oldPartnersDatabase(), partnersSubgraph, database.target);
    try {
      expect(await rows(db, `SELECT code, name, member_term, version FROM partners.partner ORDER BY code`)).toEqual([
        {
          code: 'ICGLR',
          name: 'International Conference on the Great Lakes Region',
          member_term: 'Member States',
          version: 1,
        },
        {
          code: 'OSCE',
          name: 'Organization for Security and Co-operation in Europe',
          member_term: 'participating States',
          version: 2,
        },
        {
          code: 'SADC',
          name: 'Southern African Development Community',
          member_term: 'Member States',
          version: 1,
        },
        {
          code: 'TEST-ORG',
          name: '[Test] an organisation the seed never wrote',
          member_term: 'Member States',
          version: 1,
        },
        {
          code: 'UN-JO',
          name: 'United Nations Office on Genocide Prevention and the Responsibility to Protect',
          member_term: 'Member States',
          version: 2,
        },
      ]);
      const periods = await rows<{
        id: string;
        valid_from: string | null;
        start_not_before: string | null;
        note: string | null;
        version: number;
      }>(
        db,
        `SELECT id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(start_not_before, 'YYYY-MM-DD') AS start_not_before, note, version
           FROM partners.membership ORDER BY id`,
      );
      expect(periods).toEqual([
        {
          id: '00000000-0000-4000-8000-000000000001',
          valid_from: null,
          start_not_before: null,
          note: null,
          version: 1,
        },
        {
          id: '00000000-0000-4000-8000-000000000002',
          valid_from: '2017-08-01',
          start_not_before: null,
          note: 'a period the seed never wrote',
          version: 1,
        },
        {
          id: SSD_IN_ICGLR,
          valid_from: null,
          start_not_before: '2012-05-18',
          note: expect.stringContaining('after 17 May 2012'),
          version: 2,
        },
        {
          id: COM_IN_SADC,
          valid_from: '2017-08-20',
          start_not_before: null,
          note: expect.stringContaining('19-20 August 2017'),
          version: 2,
        },
      ]);
      expect(await rows(db, `SELECT title, kind FROM partners.engagement`)).toEqual([{ title: '[Test] an engagement of before', kind: 'MISSION' }]);

      // The current seed holds the same rows: it adds what is new and duplicates nothing.
      await partnersSubgraph.seedReference(db);
      expect(await rows(db, `SELECT count(*)::int AS n FROM partners.membership WHERE partner_code = 'SADC' AND country_iso3 = 'COM'`)).toEqual([
        { n: 1 },
      ]);
      expect(await rows(db, `SELECT count(*)::int AS n FROM partners.membership WHERE partner_code = 'ICGLR' AND country_iso3 = 'SSD'`)).toEqual([
        { n: 1 },
      ]);
      expect(await rows(db, `SELECT name, version FROM partners.partner WHERE code = 'UN-JO'`)).toEqual([
        {
          name: 'United Nations Office on Genocide Prevention and the Responsibility to Protect',
          version: 2,
        },
      ]);
      expect(await rows(db, `SELECT country_iso3 FROM partners.national_committee ORDER BY country_iso3`)).toEqual([
        { country_iso3: 'KEN' },
        { country_iso3: 'TZA' },
        { country_iso3: 'UGA' },
      ]);
      expect(await rows(db, `SELECT code, kind FROM partners.partner WHERE code IN ('AIPR', 'LATAM-NET', 'UN-FT') ORDER BY code`)).toEqual([
        { code: 'AIPR', kind: 'RESEARCH_INSTITUTION' },
        { code: 'LATAM-NET', kind: 'NETWORK_OF_STATES' },
        { code: 'UN-FT', kind: 'UN_INTER_AGENCY' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

describe('issue 16 migration of the training subgraph', () => {
  async function oldTrainingDatabase(): Promise<DataSource> {
    const db = await openBeforeIssue16(trainingSubgraph, database.target);
    const session = (id: string, title: string, start: string, organisers: string[], names: string[], audience: string, description: string) =>
      `('${id}', 1, ${OWNED}, '${title}', '${start}', '{${organisers.join(',')}}', '{${organisers.join(',')}}', '{${names.map((n) => `"${n}"`).join(',')}}', '${audience}', '${description}', 'COMPLETED', 'old source')`;
    await db.query(
      `INSERT INTO training.training_session (id, version, owner_org, created_by_org, classification, title, start_date, organiser_orgs, confirmed_organiser_orgs, organiser_names, audience, audience_description, status, source) VALUES ${[
        session(
          SESSION.kampala2010,
          'Training seminar for ICGLR government officials and representatives',
          '2010-09-23',
          ['UN-JO', 'ICGLR'],
          [],
          'GOVERNMENT_OFFICIALS',
          'at the founding meeting',
        ),
        session(
          SESSION.regionalCommittee2012,
          'Seminar for the ICGLR Regional Committee',
          '2012-02-01',
          ['UN-JO', 'ICGLR'],
          [],
          'REGIONAL_COMMITTEE',
          'Members',
        ),
        session(
          SESSION.tanzaniaCommittee2012,
          'Seminar for the Tanzania National Committee',
          '2012-02-01',
          ['UN-JO', 'ICGLR'],
          [],
          'NATIONAL_COMMITTEE',
          'Members',
        ),
        session(
          SESSION.kenyaCommittee2012,
          'Seminar with the Kenya National Committee',
          '2012-08-21',
          ['UN-JO', 'ICGLR'],
          [],
          'NATIONAL_COMMITTEE',
          'Members',
        ),
        session(
          SESSION.ugandaCommittee2012,
          'Seminar for the Uganda National Committee',
          '2012-10-15',
          ['UN-JO', 'ICGLR'],
          [],
          'NATIONAL_COMMITTEE',
          'Members',
        ),
        session(
          SESSION.interfaith2012,
          'Inter-faith workshop',
          '2012-12-17',
          ['UN-JO'],
          [],
          'RELIGIOUS_LEADERS',
          'Participants of an inter-faith workshop',
        ),
        session(
          SESSION.buenosAires2012,
          'Training (Buenos Aires)',
          '2012-11-01',
          ['UN-JO'],
          ['Auschwitz Institute for Peace and Reconciliation'],
          'GOVERNMENT_OFFICIALS',
          'officials',
        ),
        session(
          SESSION.montevideo2012,
          'Training (Montevideo)',
          '2012-11-01',
          ['UN-JO'],
          ['Auschwitz Institute for Peace and Reconciliation'],
          'GOVERNMENT_OFFICIALS',
          'officials',
        ),
        session(
          SESSION.kenyaCoast2013,
          'Kenya National Committee workshop, Coast region',
          '2013-02-15',
          ['UN-JO', 'ICGLR'],
          [],
          'NATIONAL_COMMITTEE',
          'Workshop',
        ),
        session(
          '00000000-0000-4000-8000-00000000000a',
          '[Test] a session an editor planned',
          '2012-02-01',
          ['UN-JO', 'ICGLR'],
          [],
          'NATIONAL_COMMITTEE',
          'kept',
        ),
      ].join(', ')}`,
    );
    await db.query(`UPDATE training.training_session SET participants_total = 72 WHERE id = '${SESSION.kenyaCoast2013}'`);
    // The source the seed gave the Kenya seminar before issue 16.
    await db.query(`UPDATE training.training_session SET source = $1 WHERE id = $2`, [
      "Joint Office's record (shared/domain.md); held in Kenya is assumed from the audience, the record gives no city; modules inferred from the recorded subject, not from a curriculum.",
      SESSION.kenyaCommittee2012,
    ]);
    return db;
  }

  it('credits the corrected organisers, names the committees and marks the dates, in place', async () => {
    const db = await upgradeToCurrent(await oldTrainingDatabase(), trainingSubgraph, database.target);
    try {
      const byId = new Map(
        (
          await rows<{
            id: string;
            title: string;
            organiser_orgs: string[];
            confirmed_organiser_orgs: string[];
            organiser_names: string[];
            audience: string;
            start_date_precision: string;
            participants_total: number | null;
            version: number;
          }>(
            db,
            `SELECT id, title, organiser_orgs, confirmed_organiser_orgs, organiser_names, audience::text AS audience, start_date_precision::text AS start_date_precision, participants_total, version FROM training.training_session`,
          )
        ).map((row) => [row.id, row]),
      );
      expect(byId.size).toBe(10);
      for (const id of [SESSION.tanzaniaCommittee2012, SESSION.kenyaCommittee2012, SESSION.ugandaCommittee2012])
        expect(byId.get(id)).toMatchObject({
          organiser_orgs: ['UN-JO'],
          confirmed_organiser_orgs: ['UN-JO'],
          organiser_names: [],
        });
      // A source TrainingRecord wrote, or the seed's, then names the Office as it names itself (OfficeName1796394000001):
      // one more version for it, here and on the Coast, inter-faith and Kampala sessions below.
      expect(byId.get(SESSION.kenyaCommittee2012)).toMatchObject({
        start_date_precision: 'DAY',
        version: 3,
      });
      expect(byId.get(SESSION.tanzaniaCommittee2012)).toMatchObject({
        start_date_precision: 'MONTH',
        version: 3,
      });
      expect(byId.get(SESSION.kenyaCoast2013)).toMatchObject({
        organiser_orgs: ['UN-JO'],
        confirmed_organiser_orgs: ['UN-JO'],
        organiser_names: ['Kenya National Committee'],
        audience: 'MIXED',
        participants_total: 72,
        version: 3,
      });
      expect(byId.get(SESSION.interfaith2012)).toMatchObject({
        title: 'Maintaining Sustainable Peace and Social Cohesion in Tanzania: Role of Religious Leaders',
        organiser_orgs: ['UN-JO'],
        organiser_names: ['Tanzania National Committee'],
        version: 3,
      });
      // Held for the ICGLR, not by it: no longer credited to it (TrainingOrganisers).
      expect(byId.get(SESSION.kampala2010)).toMatchObject({
        organiser_orgs: ['UN-JO'],
        confirmed_organiser_orgs: ['UN-JO'],
        start_date_precision: 'APPROXIMATE',
        version: 4,
      });
      expect(byId.get(SESSION.regionalCommittee2012)).toMatchObject({
        organiser_orgs: ['UN-JO'],
        confirmed_organiser_orgs: ['UN-JO'],
        start_date_precision: 'MONTH',
      });
      for (const id of [SESSION.buenosAires2012, SESSION.montevideo2012])
        expect(byId.get(id)).toMatchObject({
          organiser_orgs: ['UN-JO', 'AIPR'],
          confirmed_organiser_orgs: ['UN-JO', 'AIPR'],
          organiser_names: [],
          start_date_precision: 'MONTH',
        });
      // Every recorded session now says what the current seed says of its organisers, audience and date precision.
      for (const seeded of SESSIONS.filter((session) => !session.illustrative)) {
        const row = byId.get(stableId('training-session', seeded.key))!;
        expect({ key: seeded.key, ...row }).toMatchObject({
          key: seeded.key,
          organiser_orgs: seeded.organiserOrgs,
          confirmed_organiser_orgs: seeded.organiserOrgs,
          organiser_names: seeded.organiserNames,
          audience: seeded.audience,
          start_date_precision: seeded.startDatePrecision,
        });
      }
      const [kenya] = await rows<{ source: string }>(db, `SELECT source FROM training.training_session WHERE id = $1`, [SESSION.kenyaCommittee2012]);
      expect(kenya.source).toBe(SESSIONS.find((session) => session.key === '2012-08-21-kenya-national-committee')!.source);
      // A session the seed never wrote keeps what its editor gave it.
      expect(byId.get('00000000-0000-4000-8000-00000000000a')).toMatchObject({
        organiser_orgs: ['UN-JO', 'ICGLR'],
        confirmed_organiser_orgs: ['UN-JO', 'ICGLR'],
        start_date_precision: 'DAY',
        version: 1,
      });

      // The current seed agrees with the migrated rows: it adds the Office's modules and no session.
      await trainingSubgraph.seedReference(db);
      expect(await rows(db, `SELECT count(*)::int AS n FROM training.training_session`)).toEqual([{ n: 10 }]);
      expect(await rows(db, `SELECT code FROM training.module WHERE named_in_record ORDER BY code`)).toEqual([
        { code: 'EARLY-WARNING-SYSTEM' },
        { code: 'EWER-ACTION-PLAN' },
        { code: 'GENOCIDE-CAUSES' },
        { code: 'PREVENTION-FRAMEWORK' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
