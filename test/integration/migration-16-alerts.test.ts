// Issue 16's alerts that recommend and cite, on a database already in use: alerts, their status
// histories, acknowledgements and floors stored before issue 16 come through every later migration
// unchanged, recommending and citing nothing, and the new values (REPORT, the General Assembly, the
// Human Rights Council, recommendations, citations) can be stored afterwards.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openBeforeIssue16, upgradeToCurrent } from '../support/upgrade';

const alerts = SUBGRAPHS.find((s) => s.name === 'alerts')!;

const ALERT = '00000000-0000-5000-8000-0000000000a1';
const DRAFT = '00000000-0000-5000-8000-0000000000a2';
const SITUATION = '00000000-0000-5000-8000-0000000000b1';

describe.each(['pglite', 'postgres'] as const)('the alerts recommendations and citations migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('keeps every alert, history step, acknowledgement and floor, recommending and citing nothing, and stores the new values after', async () => {
    db = await openBeforeIssue16(alerts, database.target);
    await db.query(
      `INSERT INTO alerts.alert (id, owner_org, created_by_org, version, type, level, status, title, body, country_iso3, crimes, recipients, recipient_orgs,
         cited_risk_factors, situation_id, classification, shared_with, issued_at)
       VALUES ($1, 'UN-JO', 'UN-JO', 3, 'EARLY_WARNING', 'VERY_HIGH', 'ESCALATED_TO_SECURITY_COUNCIL', 'issued', 'body', 'COD', '{GENOCIDE}',
         '{SECRETARY_GENERAL,SECURITY_COUNCIL,PARTNER_ORGANISATIONS}', '{AU}', '{RF1,RF9}', $3, 'AMBER', '{AU,ICGLR}', '2026-09-19T14:00:00Z'),
              ($2, 'ICGLR', 'ICGLR', 1, 'ADVISORY_NOTE', 'MODERATE', 'DRAFT', 'draft', 'body', 'BDI', '{WAR_CRIMES}', '{PUBLIC}', '{}', '{}', NULL, 'GREEN', '{}', NULL)`,
      [ALERT, DRAFT, SITUATION],
    );
    await db.query(
      `INSERT INTO alerts.alert_status_change (alert_id, owner_org, created_by_org, version, from_status, to_status, changed_by, changed_by_org, changed_at, classification, shared_with)
       VALUES ($1, 'UN-JO', 'UN-JO', 1, NULL, 'DRAFT', 'un-jo-analyst', 'UN-JO', '2026-09-17T08:30:00Z', 'AMBER', '{AU,ICGLR}'),
              ($1, 'UN-JO', 'UN-JO', 1, 'DRAFT', 'ISSUED', 'un-jo-editor', 'UN-JO', '2026-09-19T14:00:00Z', 'AMBER', '{AU,ICGLR}')`,
      [ALERT],
    );
    await db.query(
      `INSERT INTO alerts.acknowledgement (alert_id, owner_org, created_by_org, version, org, acknowledged_by, acknowledged_at, classification, shared_with)
       VALUES ($1, 'AU', 'AU', 1, 'AU', 'au-analyst', '2026-09-21T11:30:00Z', 'AMBER', '{UN-JO,ICGLR}')`,
      [ALERT],
    );
    await db.query(
      `INSERT INTO alerts.record_floor (record_id, source_id, source_type, owner_org, classification, shared_with)
       VALUES ($1, $2, 'Situation', 'ICGLR', 'AMBER', '{UN-JO,AU}')`,
      [ALERT, SITUATION],
    );

    db = await upgradeToCurrent(db, alerts, database.target);

    const rows = await db.query(
      `SELECT id, title, type::text, status::text, version, recipients::text[] AS recipients, recipient_orgs, cited_risk_factors, situation_id,
              classification::text, shared_with, recommendations, cited_assessment_ids::text[] AS assessments, cited_incident_ids::text[] AS incidents
         FROM alerts.alert ORDER BY title`,
    );
    expect(rows).toEqual([
      {
        id: DRAFT,
        title: 'draft',
        type: 'ADVISORY_NOTE',
        status: 'DRAFT',
        version: 1,
        recipients: ['PUBLIC'],
        recipient_orgs: [],
        cited_risk_factors: [],
        situation_id: null,
        classification: 'GREEN',
        shared_with: [],
        recommendations: [],
        assessments: [],
        incidents: [],
      },
      {
        id: ALERT,
        title: 'issued',
        type: 'EARLY_WARNING',
        status: 'ESCALATED_TO_SECURITY_COUNCIL',
        version: 3,
        recipients: ['SECRETARY_GENERAL', 'SECURITY_COUNCIL', 'PARTNER_ORGANISATIONS'],
        recipient_orgs: ['AU'],
        cited_risk_factors: ['RF1', 'RF9'],
        situation_id: SITUATION,
        classification: 'AMBER',
        shared_with: ['AU', 'ICGLR'],
        recommendations: [],
        assessments: [],
        incidents: [],
      },
    ]);
    expect(
      (await db.query(`SELECT to_status::text AS s FROM alerts.alert_status_change ORDER BY changed_at`)).map((r: { s: string }) => r.s),
    ).toEqual(['DRAFT', 'ISSUED']);
    expect(await db.query(`SELECT org, acknowledged_by FROM alerts.acknowledgement`)).toEqual([{ org: 'AU', acknowledged_by: 'au-analyst' }]);
    expect(await db.query(`SELECT record_id, source_id, source_type FROM alerts.record_floor`)).toEqual([
      { record_id: ALERT, source_id: SITUATION, source_type: 'Situation' },
    ]);

    // The new model's values are storable on the upgraded database.
    const recommendation = [{ text: 'Act.', addressee: 'SECURITY_COUNCIL', addresseeCode: null, pillar: 'PILLAR_3' }];
    await db.query(
      `UPDATE alerts.alert SET type = 'REPORT', recipients = '{GENERAL_ASSEMBLY,HUMAN_RIGHTS_COUNCIL}', recommendations = $2::jsonb,
         cited_assessment_ids = ARRAY[$3]::uuid[], cited_incident_ids = ARRAY[$3]::uuid[] WHERE id = $1`,
      [DRAFT, JSON.stringify(recommendation), SITUATION],
    );
    const [updated] = await db.query(
      `SELECT type::text, recipients::text[] AS recipients, recommendations, cited_incident_ids::text[] AS incidents FROM alerts.alert WHERE id = $1`,
      [DRAFT],
    );
    expect(updated).toEqual({
      type: 'REPORT',
      recipients: ['GENERAL_ASSEMBLY', 'HUMAN_RIGHTS_COUNCIL'],
      recommendations: recommendation,
      incidents: [SITUATION],
    });
  });
});
