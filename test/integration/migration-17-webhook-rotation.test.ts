// The webhook secret rotation migration on a database already in use: a webhook registered before
// it keeps its one secret and reads as having no previous secret, so its deliveries are signed as
// before, and it can be rotated with an overlap afterwards.
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { AlertWebhook } from '../../subgraphs/alerts/webhooks/webhook.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openAtMigration, upgradeToCurrent } from '../support/upgrade';

const alerts = SUBGRAPHS.find((s) => s.name === 'alerts')!;

/** The last alerts migration before the rotation's columns (the acknowledgement deadlines). */
const BEFORE_ROTATION = 1796392000000;

const HOOK = '00000000-0000-5000-8000-0000000000d1';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe.each(['pglite', 'postgres'] as const)('the webhook secret rotation migration on %s', (kind) => {
  let database: TestDatabase;
  let db: DataSource | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('leaves a webhook registered before it with its one secret and no previous secret', async () => {
    db = await openAtMigration(alerts, database.target, BEFORE_ROTATION);
    await db.query(
      `INSERT INTO alerts.alert_webhook (id, owner_org, created_by_org, version, classification, url, events, enabled, secret)
       VALUES ($1, 'AU', 'AU', 3, 'AMBER_STRICT', 'https://ews.example.org/hub', '{alert.issued}', true, $2)`,
      [HOOK, SECRET],
    );

    db = await upgradeToCurrent(db, alerts, database.target);

    const webhook = await db.manager.findOneByOrFail(AlertWebhook, { id: HOOK });
    expect(webhook).toMatchObject({ version: 3, secret: SECRET, previousSecret: null, previousSecretValidUntil: null, enabled: true });
    // The new columns take a rotation's values.
    await db.manager.update(AlertWebhook, { id: HOOK }, { previousSecret: SECRET, previousSecretValidUntil: new Date('2026-12-04T00:00:00Z') });
    expect((await db.manager.findOneByOrFail(AlertWebhook, { id: HOOK })).previousSecretValidUntil).toEqual(new Date('2026-12-04T00:00:00Z'));
  });
});
