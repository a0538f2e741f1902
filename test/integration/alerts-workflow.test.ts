// The alert workflow through the gateway over HTTP: from draft to close with acknowledgements from
// two partners, and every refusal the write path promises, each checked against what is stored.
import { randomUUID } from 'node:crypto';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { stableId } from '../../subgraphs/kernel/db/seeding';
import { startHub, type GraphQLResponse, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { waitFor } from '../support/network';
import { injectFault } from '../support/writes';

let hub: Hub;
let editor: string;
let admin: string;
let unjoViewer: string;
let auAnalyst: string;
let auAdmin: string;
let icglrEditor: string;
let ecowasEditor: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  admin = await tokenFor(users.jointOfficeAdmin);
  unjoViewer = await tokenFor(users.jointOfficeAnalyst);
  auAnalyst = await tokenFor(users.auAnalyst);
  auAdmin = await tokenFor(users.auAdmin);
  icglrEditor = await tokenFor(users.icglrEditor);
  ecowasEditor = await tokenFor(users.ecowasEditor);
});

afterAll(async () => {
  await hub?.stop();
});

const ALERT = `id status version classification sharedWith recipientOrgs title issuedAt
  statusHistory { fromStatus toStatus changedBy changedByOrg changedAt note }
  acknowledgements { id org acknowledgedBy ownerOrg classification }
  supersedes { id status } supersededBy { id }`;

const DRAFT = `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { ${ALERT} } }`;
const EDIT = `mutation Edit($input: EditAlertInput!) { editAlert(input: $input) { ${ALERT} } }`;
const ISSUE = `mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { ${ALERT} } }`;
const ESCALATE = `mutation Escalate($input: EscalateAlertInput!) { escalateAlert(input: $input) { ${ALERT} } }`;
const CLOSE = `mutation Close($input: CloseAlertInput!) { closeAlert(input: $input) { ${ALERT} } }`;
const CORRECT = `mutation Correct($input: CorrectAlertInput!) { correctAlert(input: $input) { ${ALERT} } }`;
const ACKNOWLEDGE = `mutation Acknowledge($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { id org acknowledgedBy ownerOrg classification sharedWith } }`;
const ALERT_BY_ID = `query Alert($id: ID!) { alert(id: $id) { ${ALERT} } }`;

type Alert = {
  id: string;
  status: string;
  version: number;
  classification: string;
  sharedWith: string[];
  issuedAt: string | null;
  statusHistory: { fromStatus: string | null; toStatus: string; changedBy: string; changedByOrg: string; changedAt: string; note: string | null }[];
  acknowledgements: { id: string; org: string; acknowledgedBy: string; ownerOrg: string; classification: string }[];
  supersedes: { id: string; status: string } | null;
  supersededBy: { id: string } | null;
};

const KIVU = illustrativeSituationId('great-lakes-kivu');
// ECOWAS's AMBER_STRICT situation, shared with UN-JO only.
const MIDDLE_BELT = illustrativeSituationId('west-africa-middle-belt');
// OSCE's RED situation, naming no UN-JO user: UN-JO may not know it exists.
const OSCE_CONFIDENTIAL = illustrativeSituationId('europe-minorities');

function kivuWarning(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'VERY_HIGH',
    title: '[Test] Early warning: mobilisation along ethnic lines in the Kivus',
    body: 'Test alert written by the workflow test.',
    recipients: ['SECRETARY_GENERAL', 'PARTNER_ORGANISATIONS'],
    recipientOrgs: ['ICGLR', 'AU'],
    crimes: ['GENOCIDE'],
    incitement: ['GENOCIDE'],
    citedRiskFactors: ['RF1', 'RF9', 'RF10'],
    situationId: KIVU,
    countryIso3: 'COD',
    classification: 'AMBER',
    ...overrides,
  };
}

async function ok(response: GraphQLResponse, field: string): Promise<Alert> {
  expect(response.errors).toBeUndefined();
  return response.data![field] as Alert;
}

function refused(response: GraphQLResponse, code: string): { message: string; extensions?: Record<string, unknown> } {
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  return response.errors![0];
}

async function rows(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await hub.subgraphs.alerts.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row.n;
}

async function draft(input: Record<string, unknown> = kivuWarning(), token = editor): Promise<Alert> {
  return ok(await hub.query(DRAFT, { input }, { token }), 'draftAlert');
}

async function issued(input: Record<string, unknown> = kivuWarning()): Promise<Alert> {
  const alert = await draft(input);
  return ok(await hub.query(ISSUE, { input: { id: alert.id, version: alert.version } }, { token: editor }), 'issueAlert');
}

describe('the alert workflow', () => {
  it('takes an alert from draft to close, with acknowledgements from two partners and a full status history', async () => {
    const drafted = await draft();
    expect(drafted).toMatchObject({ status: 'DRAFT', version: 1, classification: 'AMBER', sharedWith: [], issuedAt: null });
    // A draft stays inside the Office: the recipients do not see it yet.
    expect((await hub.query(ALERT_BY_ID, { id: drafted.id }, { token: auAnalyst })).data!.alert).toBeNull();

    const edited = await ok(
      await hub.query(EDIT, { input: { id: drafted.id, version: 1, level: 'HIGH', title: '[Test] Early warning (revised)' } }, { token: editor }),
      'editAlert',
    );
    expect(edited).toMatchObject({ status: 'DRAFT', version: 2, title: '[Test] Early warning (revised)' });

    const sent = await ok(
      await hub.query(ISSUE, { input: { id: drafted.id, version: 2, note: 'Sent to the partners.' } }, { token: editor }),
      'issueAlert',
    );
    expect(sent).toMatchObject({ status: 'ISSUED', version: 3 });
    expect(sent.issuedAt).not.toBeNull();
    // Issuing shares the AMBER alert with its recipient organisations.
    expect([...sent.sharedWith].sort()).toEqual(['AU', 'ICGLR']);

    const au = await ok(
      await hub.query(ACKNOWLEDGE, { input: { alertId: drafted.id, note: 'Received by the situation room.' } }, { token: auAnalyst }),
      'acknowledgeAlert',
    );
    const icglr = await ok(await hub.query(ACKNOWLEDGE, { input: { alertId: drafted.id } }, { token: icglrEditor }), 'acknowledgeAlert');
    expect(au).toMatchObject({ org: 'AU', acknowledgedBy: 'au-analyst', ownerOrg: 'AU', classification: 'AMBER' });
    expect(icglr).toMatchObject({ org: 'ICGLR', ownerOrg: 'ICGLR' });
    // Acknowledging again is harmless: the same record, not a second one.
    const again = await ok(await hub.query(ACKNOWLEDGE, { input: { alertId: drafted.id } }, { token: auAnalyst }), 'acknowledgeAlert');
    expect(again.id).toBe(au.id);
    expect(await rows('alerts.acknowledgement WHERE alert_id = $1', [drafted.id])).toBe(2);

    const toSg = await ok(
      await hub.query(ESCALATE, { input: { id: drafted.id, version: 3, to: 'SECRETARY_GENERAL' } }, { token: editor }),
      'escalateAlert',
    );
    expect(toSg).toMatchObject({ status: 'ESCALATED_TO_SECRETARY_GENERAL', version: 4 });
    const toSc = await ok(
      await hub.query(ESCALATE, { input: { id: drafted.id, version: 4, to: 'SECURITY_COUNCIL', note: 'Briefing requested.' } }, { token: editor }),
      'escalateAlert',
    );
    expect(toSc).toMatchObject({ status: 'ESCALATED_TO_SECURITY_COUNCIL', version: 5 });
    const closed = await ok(
      await hub.query(CLOSE, { input: { id: drafted.id, version: 5, note: 'No further action expected.' } }, { token: editor }),
      'closeAlert',
    );
    expect(closed).toMatchObject({ status: 'CLOSED', version: 6 });

    expect(closed.statusHistory.map((s) => [s.fromStatus, s.toStatus, s.changedBy, s.changedByOrg, s.note])).toEqual([
      [null, 'DRAFT', 'un-jo-editor', 'UN-JO', null],
      ['DRAFT', 'ISSUED', 'un-jo-editor', 'UN-JO', 'Sent to the partners.'],
      ['ISSUED', 'ESCALATED_TO_SECRETARY_GENERAL', 'un-jo-editor', 'UN-JO', null],
      ['ESCALATED_TO_SECRETARY_GENERAL', 'ESCALATED_TO_SECURITY_COUNCIL', 'un-jo-editor', 'UN-JO', 'Briefing requested.'],
      ['ESCALATED_TO_SECURITY_COUNCIL', 'CLOSED', 'un-jo-editor', 'UN-JO', 'No further action expected.'],
    ]);
    const times = closed.statusHistory.map((s) => Date.parse(s.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Date.parse(sent.issuedAt!)).toBe(times[1]);
    expect(closed.acknowledgements.map((a) => a.org).sort()).toEqual(['AU', 'ICGLR']);

    // A recipient reads the alert with its whole history, now that it was shared with it.
    const seenByAu = await hub.query<{ alert: Alert }>(ALERT_BY_ID, { id: drafted.id }, { token: auAnalyst });
    expect(seenByAu.errors).toBeUndefined();
    expect(seenByAu.data!.alert.statusHistory).toHaveLength(5);

    // Every change is in the owner's audit trail, inside the transaction that made it.
    const trail = await hub.query<{
      alertsAuditTrail: { action: string; recordType: string; recordId: string; actorSub: string; actorOrg: string; classification: string }[];
    }>(
      `query Trail($filter: AuditTrailFilter) { alertsAuditTrail(filter: $filter, limit: 500) { action recordType recordId actorSub actorOrg classification } }`,
      { filter: { actions: ['CREATE', 'UPDATE'] } },
      { token: admin },
    );
    expect(trail.errors).toBeUndefined();
    const alertEvents = trail.data!.alertsAuditTrail.filter((e) => e.recordId === drafted.id);
    expect(alertEvents.map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE', 'UPDATE']);
    expect(alertEvents.every((e) => e.recordType === 'Alert' && e.actorSub === 'un-jo-editor' && e.actorOrg === 'UN-JO')).toBe(true);
    const historyIds = new Set(
      (await hub.subgraphs.alerts.db.query('SELECT id FROM alerts.alert_status_change WHERE alert_id = $1', [drafted.id])).map(
        (r: { id: string }) => r.id,
      ),
    );
    const historyCreates = trail.data!.alertsAuditTrail.filter(
      (e) => e.recordType === 'AlertStatusChange' && e.action === 'CREATE' && historyIds.has(e.recordId),
    );
    expect(historyCreates).toHaveLength(5);
    // The acknowledgements are the recipients' records, so they are in the recipients' trails.
    const auTrail = await hub.query<{ alertsAuditTrail: { action: string; recordId: string; actorSub: string }[] }>(
      `{ alertsAuditTrail(filter: { recordType: "Acknowledgement", actions: [CREATE] }) { action recordId actorSub } }`,
      {},
      { token: auAdmin },
    );
    expect(auTrail.data!.alertsAuditTrail).toContainEqual({ action: 'CREATE', recordId: au.id, actorSub: 'au-analyst' });

    // Every step an addressee should hear of left one event in the outbox, in the order taken; the draft and its edit none.
    expect(await publishedEvents(drafted.id)).toEqual([
      ['alert.issued', null],
      ['alert.acknowledged', 'AU'],
      ['alert.acknowledged', 'ICGLR'],
      ['alert.escalated', null],
      ['alert.escalated', null],
      ['alert.closed', null],
    ]);
  });

  it('corrects an issued alert with a new version that supersedes it, never in place', async () => {
    const original = await issued();
    const key = randomUUID();
    const input = {
      idempotencyKey: key,
      id: original.id,
      version: original.version,
      title: '[Test] Early warning (corrected)',
      note: 'Corrects the date of the events cited.',
    };
    const correction = await ok(await hub.query(CORRECT, { input }, { token: editor }), 'correctAlert');
    expect(correction.id).not.toBe(original.id);
    expect(correction).toMatchObject({ status: 'ISSUED', version: 1, supersedes: { id: original.id, status: 'SUPERSEDED' } });
    expect(correction.statusHistory.map((s) => [s.fromStatus, s.toStatus, s.note])).toEqual([
      [null, 'ISSUED', 'Corrects the date of the events cited.'],
    ]);

    const old = (await hub.query<{ alert: Alert }>(ALERT_BY_ID, { id: original.id }, { token: editor })).data!.alert;
    expect(old).toMatchObject({
      status: 'SUPERSEDED',
      title: '[Test] Early warning: mobilisation along ethnic lines in the Kivus',
      supersededBy: { id: correction.id },
    });
    expect(old.statusHistory.map((s) => s.toStatus)).toEqual(['DRAFT', 'ISSUED', 'SUPERSEDED']);

    // The retry of a correction that went through gets it back, though the old version has moved on.
    const retried = await ok(await hub.query(CORRECT, { input }, { token: editor }), 'correctAlert');
    expect(retried.id).toBe(correction.id);
    expect(await rows('alerts.alert WHERE supersedes_id = $1', [original.id])).toBe(1);
    // A draft is edited, not corrected; a superseded alert is corrected no more.
    const aDraft = await draft();
    refused(
      await hub.query(CORRECT, { input: { ...input, idempotencyKey: randomUUID(), id: aDraft.id, version: 1 } }, { token: editor }),
      'CONFLICT',
    );
    refused(await hub.query(CORRECT, { input: { ...input, idempotencyKey: randomUUID(), version: old.version } }, { token: editor }), 'CONFLICT');
    // The correction raised one event, on the new version, whatever its retry did; the refusals none.
    expect(await publishedEvents(correction.id)).toEqual([['alert.corrected', null]]);
    expect(await publishedEvents(original.id)).toEqual([['alert.issued', null]]);
    expect(await publishedEvents(aDraft.id)).toEqual([]);
  });

  it('writes no event for a step that rolled back', async () => {
    const drafted = await draft();
    const heal = await injectFault(hub, 'alerts', 'alert_status_change', `NEW.to_status = 'ISSUED'`);
    try {
      refused(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }), 'SUBGRAPH_ERROR');
    } finally {
      await heal();
    }
    const sent = await ok(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }), 'issueAlert');
    expect(sent.status).toBe('ISSUED');
    expect(await publishedEvents(drafted.id)).toEqual([['alert.issued', null]]);
  });
});

/** The alert's events once the dispatcher has published them all: [topic, org] in publication order. */
async function publishedEvents(alertId: string): Promise<[string, string | null][]> {
  const db = hub.subgraphs.alerts.db;
  await waitFor(
    async () => (await db.query(`SELECT count(*)::int AS n FROM alerts.outbox_event WHERE seq IS NULL`))[0].n === 0,
    10_000,
    'the outbox published',
  );
  const events: { topic: string; org: string | null }[] = await db.query(
    `SELECT topic, org FROM alerts.outbox_event WHERE subject_id = $1 ORDER BY seq`,
    [alertId],
  );
  return events.map((event) => [event.topic, event.org]);
}

describe('refusals', () => {
  it('rejects bad fields with one BAD_USER_INPUT naming each of them, and stores nothing', async () => {
    const before = await rows('alerts.alert');
    const shape = await hub.query(
      DRAFT,
      { input: kivuWarning({ idempotencyKey: 'short', title: '', recipientOrgs: ['icglr'], citedRiskFactors: ['RF 1'] }) },
      { token: editor },
    );
    const shapeError = refused(shape, 'BAD_USER_INPUT');
    expect(shapeError.extensions!.fields).toEqual(expect.arrayContaining(['idempotencyKey', 'title', 'recipientOrgs', 'citedRiskFactors']));
    for (const field of ['idempotencyKey', 'title', 'recipientOrgs', 'citedRiskFactors']) expect(shapeError.message).toContain(field);
    expect(JSON.stringify(shape)).not.toContain('validationErrors');

    const rules = await hub.query(
      DRAFT,
      { input: kivuWarning({ countryIso3: 'QQQ', crimes: [], classification: 'GREEN', sharedWith: ['AU'], situationId: 'not-an-id' }) },
      { token: editor },
    );
    expect(refused(rules, 'BAD_USER_INPUT').extensions!.fields).toEqual(
      expect.arrayContaining(['countryIso3', 'crimes', 'sharedWith', 'situationId']),
    );
    const recipients = await hub.query(DRAFT, { input: kivuWarning({ recipients: ['SECRETARY_GENERAL'] }) }, { token: editor });
    expect(refused(recipients, 'BAD_USER_INPUT').extensions!.field).toBe('recipients');

    const cited = await hub.query(DRAFT, { input: kivuWarning({ countryIso3: 'NGA', citedRiskFactors: ['RF1', 'RF99'] }) }, { token: editor });
    const citedError = refused(cited, 'BAD_USER_INPUT');
    expect(citedError.extensions!.fields).toEqual(expect.arrayContaining(['countryIso3', 'citedRiskFactors']));
    expect(citedError.message).toContain('RF99');

    // Recipients and readers must be partners of the hub (asked of the partners subgraph).
    const partners = await hub.query(
      DRAFT,
      { input: kivuWarning({ recipientOrgs: ['AU', 'NOT-A-PARTNER'], classification: 'AMBER', sharedWith: ['NO-SUCH-ORG'] }) },
      { token: editor },
    );
    const partnersError = refused(partners, 'BAD_USER_INPUT');
    expect(partnersError.extensions!.fields).toEqual(['recipientOrgs', 'sharedWith']);
    expect(partnersError.message).toMatch(/unknown partner code NOT-A-PARTNER.*unknown partner code NO-SUCH-ORG/s);

    const enumValue = await hub.query(DRAFT, { input: kivuWarning({ level: 'APOCALYPTIC' }) }, { token: editor });
    refused(enumValue, 'BAD_USER_INPUT');
    expect(await rows('alerts.alert')).toBe(before);
  });

  it('refuses anonymous callers with UNAUTHENTICATED before looking anything up', async () => {
    const alert = await draft();
    refused(await hub.query(DRAFT, { input: kivuWarning() }), 'UNAUTHENTICATED');
    refused(await hub.query(ISSUE, { input: { id: alert.id, version: 1 } }), 'UNAUTHENTICATED');
    refused(await hub.query(ACKNOWLEDGE, { input: { alertId: alert.id } }), 'UNAUTHENTICATED');
  });

  it('lets only editors of the owning organisation change an alert (FORBIDDEN otherwise)', async () => {
    // UN-JO's GREEN advisory note on Burundi: every member of the hub may read it.
    const advisory = stableId('illustrative-alert', 'burundi-advisory');
    const seen = (await hub.query<{ alert: Alert }>(ALERT_BY_ID, { id: advisory }, { token: ecowasEditor })).data!.alert;
    expect(seen.status).toBe('ISSUED');
    refused(await hub.query(CLOSE, { input: { id: advisory, version: seen.version } }, { token: ecowasEditor }), 'FORBIDDEN');
    refused(await hub.query(CLOSE, { input: { id: advisory, version: seen.version } }, { token: unjoViewer }), 'FORBIDDEN');
    refused(await hub.query(DRAFT, { input: kivuWarning() }, { token: unjoViewer }), 'FORBIDDEN');
    // Acknowledging is for the organisations the alert is addressed to.
    refused(await hub.query(ACKNOWLEDGE, { input: { alertId: advisory } }, { token: ecowasEditor }), 'FORBIDDEN');
    const unchanged = (await hub.query<{ alert: Alert }>(ALERT_BY_ID, { id: advisory }, { token: editor })).data!.alert;
    expect(unchanged).toMatchObject({ status: 'ISSUED', version: seen.version });
  });

  it('answers NOT_FOUND for an alert the caller may not read, exactly as for one that does not exist', async () => {
    // ICGLR's AMBER draft, shared with nobody yet.
    const hidden = stableId('illustrative-alert', 'burundi-draft-warning');
    const missing = randomUUID();
    for (const [query, input] of [
      [EDIT, { version: 1, title: 'x' }],
      [ISSUE, { version: 1 }],
      [CLOSE, { version: 1 }],
      [CORRECT, { version: 1, idempotencyKey: randomUUID(), note: 'x' }],
    ] as const) {
      const forHidden = refused(await hub.query(query, { input: { ...input, id: hidden } }, { token: editor }), 'NOT_FOUND');
      const forMissing = refused(await hub.query(query, { input: { ...input, id: missing } }, { token: editor }), 'NOT_FOUND');
      expect(forHidden.message.replace(hidden, 'ID')).toBe(forMissing.message.replace(missing, 'ID'));
      expect(forHidden.extensions).toEqual(forMissing.extensions);
    }
    const ackHidden = refused(await hub.query(ACKNOWLEDGE, { input: { alertId: hidden } }, { token: editor }), 'NOT_FOUND');
    expect(ackHidden.message).not.toMatch(/ICGLR|DRAFT|Burundi/);
  });

  it('allows only the transitions of the workflow (CONFLICT otherwise), and changes nothing when refusing', async () => {
    const alert = await draft();
    const escalateDraft = refused(
      await hub.query(ESCALATE, { input: { id: alert.id, version: 1, to: 'SECRETARY_GENERAL' } }, { token: editor }),
      'CONFLICT',
    );
    expect(escalateDraft.message).toMatch(/DRAFT and cannot be brought to the Secretary-General; it can be edited, issued, closed/);
    const sent = await ok(await hub.query(ISSUE, { input: { id: alert.id, version: 1 } }, { token: editor }), 'issueAlert');
    // The Security Council is reached through the Secretary-General.
    refused(await hub.query(ESCALATE, { input: { id: alert.id, version: sent.version, to: 'SECURITY_COUNCIL' } }, { token: editor }), 'CONFLICT');
    // An issued alert is never edited in place.
    refused(await hub.query(EDIT, { input: { id: alert.id, version: sent.version, title: 'changed after issue' } }, { token: editor }), 'CONFLICT');
    refused(await hub.query(ISSUE, { input: { id: alert.id, version: sent.version } }, { token: editor }), 'CONFLICT');
    const closed = await ok(await hub.query(CLOSE, { input: { id: alert.id, version: sent.version } }, { token: editor }), 'closeAlert');
    refused(await hub.query(ESCALATE, { input: { id: alert.id, version: closed.version, to: 'SECRETARY_GENERAL' } }, { token: editor }), 'CONFLICT');
    expect(closed.statusHistory.map((s) => s.toStatus)).toEqual(['DRAFT', 'ISSUED', 'CLOSED']);
    // A draft is not sent yet: its recipients cannot see it, so to them it does not exist.
    const another = await draft();
    refused(await hub.query(ACKNOWLEDGE, { input: { alertId: another.id } }, { token: auAnalyst }), 'NOT_FOUND');
  });

  it('refuses a stale version with CONFLICT, and of concurrent edits from one version exactly one wins', async () => {
    const alert = await draft();
    await ok(await hub.query(EDIT, { input: { id: alert.id, version: 1, body: 'First edit.' } }, { token: editor }), 'editAlert');
    const stale = refused(
      await hub.query(EDIT, { input: { id: alert.id, version: 1, body: 'Edit of what was read before the first.' } }, { token: editor }),
      'CONFLICT',
    );
    expect(stale.message).toContain('version 2');

    const racing = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => hub.query(EDIT, { input: { id: alert.id, version: 2, body: `Concurrent edit ${n}.` } }, { token: editor })),
    );
    const winners = racing.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    expect(racing.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    expect((winners[0].data!.editAlert as Alert).version).toBe(3);
    const [stored] = await hub.subgraphs.alerts.db.query('SELECT version, body FROM alerts.alert WHERE id = $1', [alert.id]);
    expect(stored.version).toBe(3);
    expect(stored.body).toMatch(/^Concurrent edit \d\.$/);
  });

  it('returns the first alert for a repeated idempotency key, also under concurrency, and refuses the key for another alert', async () => {
    const before = await rows('alerts.alert');
    const input = kivuWarning();
    const first = await draft(input);
    const retry = await draft(input);
    expect(retry.id).toBe(first.id);
    const concurrentInput = kivuWarning();
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => hub.query(DRAFT, { input: concurrentInput }, { token: editor })));
    expect(concurrent.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(concurrent.map((r) => (r.data!.draftAlert as Alert).id)).size).toBe(1);
    expect(await rows('alerts.alert')).toBe(before + 2);
    expect(await rows('alerts.alert_status_change WHERE alert_id = $1', [first.id])).toBe(1);

    const reused = refused(await hub.query(DRAFT, { input: { ...input, title: '[Test] A different alert' } }, { token: editor }), 'BAD_USER_INPUT');
    expect(reused.extensions!.field).toBe('idempotencyKey');
    expect(await rows('alerts.alert')).toBe(before + 2);
  });

  it('refuses to re-share an AMBER_STRICT situation wider through an alert', async () => {
    const before = await rows('alerts.alert');
    const middleBelt = { situationId: MIDDLE_BELT, countryIso3: 'NGA', recipientOrgs: ['ECOWAS'], classification: 'AMBER_STRICT' };
    const lower = await hub.query(DRAFT, { input: kivuWarning({ ...middleBelt, classification: 'AMBER' }) }, { token: editor });
    expect(refused(lower, 'BAD_USER_INPUT').extensions!.field).toBe('classification');
    const wider = await hub.query(DRAFT, { input: kivuWarning({ ...middleBelt, sharedWith: ['AU'] }) }, { token: editor });
    expect(refused(wider, 'BAD_USER_INPUT').message).toMatch(/sharedWith: may not be shared with AU/);
    const toWiderRecipients = await hub.query(DRAFT, { input: kivuWarning({ ...middleBelt, recipientOrgs: ['ECOWAS', 'AU'] }) }, { token: editor });
    expect(refused(toWiderRecipients, 'BAD_USER_INPUT').extensions!.field).toBe('recipientOrgs');
    expect(await rows('alerts.alert')).toBe(before);

    // Within the situation's circle it is allowed, and stays there once issued.
    const within = await draft(kivuWarning({ ...middleBelt, sharedWith: ['ECOWAS'] }));
    refused(
      await hub.query(EDIT, { input: { id: within.id, version: within.version, classification: 'GREEN', sharedWith: [] } }, { token: editor }),
      'BAD_USER_INPUT',
    );
    const sent = await ok(await hub.query(ISSUE, { input: { id: within.id, version: within.version } }, { token: editor }), 'issueAlert');
    expect(sent).toMatchObject({ classification: 'AMBER_STRICT', sharedWith: ['ECOWAS'] });
  });

  it('treats a situation the caller may not read as unknown, exactly like one that does not exist', async () => {
    const hidden = await hub.query(DRAFT, { input: kivuWarning({ situationId: OSCE_CONFIDENTIAL, countryIso3: 'MDA' }) }, { token: editor });
    const missingId = randomUUID();
    const missing = await hub.query(DRAFT, { input: kivuWarning({ situationId: missingId, countryIso3: 'MDA' }) }, { token: editor });
    const a = refused(hidden, 'BAD_USER_INPUT');
    const b = refused(missing, 'BAD_USER_INPUT');
    expect(a.message).toMatch(/unknown situation/);
    expect(a.message.replace(OSCE_CONFIDENTIAL, 'ID')).toBe(b.message.replace(missingId, 'ID'));
    expect(a.extensions).toEqual(b.extensions);
  });

  describe('when the database fails halfway through a mutation', () => {
    // A fault injected after the first rows are written: the status change of this user's steps fails.
    beforeAll(async () => {
      await hub.subgraphs.alerts.db.query(
        `CREATE FUNCTION alerts.test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.changed_by = 'fault-injector' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`,
      );
      await hub.subgraphs.alerts.db.query(
        'CREATE TRIGGER test_fault BEFORE INSERT ON alerts.alert_status_change FOR EACH ROW EXECUTE FUNCTION alerts.test_fault()',
      );
    });

    afterAll(async () => {
      await hub.subgraphs.alerts.db.query('DROP TRIGGER IF EXISTS test_fault ON alerts.alert_status_change');
      await hub.subgraphs.alerts.db.query('DROP FUNCTION IF EXISTS alerts.test_fault()');
    });

    // The gateway reports a subgraph's unexpected error as SUBGRAPH_ERROR naming the subgraph, without its detail.
    function unexpectedFailure(response: GraphQLResponse): void {
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_ERROR']);
      expect(JSON.stringify(response)).not.toMatch(/injected fault|alert_status_change/);
    }

    it('leaves nothing half-written: no alert, key or audit event without its status change, and the step can be retried', async () => {
      const faulty = await tokenFor(member('UN-JO', 'editor', 'fault-injector'));
      const counts = async () => [
        await rows('alerts.alert'),
        await rows('alerts.alert_status_change'),
        await rows('alerts.idempotency_key'),
        await rows('alerts.audit_event WHERE action <> $1', ['READ']),
      ];
      const before = await counts();
      const input = kivuWarning();
      const failed = await hub.query(DRAFT, { input }, { token: faulty });
      unexpectedFailure(failed);
      expect(await counts()).toEqual(before);

      const alert = await draft(input);
      const issuing = await hub.query(ISSUE, { input: { id: alert.id, version: alert.version } }, { token: faulty });
      unexpectedFailure(issuing);
      const [stored] = await hub.subgraphs.alerts.db.query('SELECT status, version, issued_at, shared_with FROM alerts.alert WHERE id = $1', [
        alert.id,
      ]);
      expect(stored).toMatchObject({ status: 'DRAFT', version: 1, issued_at: null });
      expect(await rows('alerts.alert_status_change WHERE alert_id = $1', [alert.id])).toBe(1);
      expect(await rows('alerts.audit_event WHERE record_id = $1 AND action = $2', [alert.id, 'UPDATE'])).toBe(0);

      const retried = await ok(await hub.query(ISSUE, { input: { id: alert.id, version: alert.version } }, { token: editor }), 'issueAlert');
      expect(retried).toMatchObject({ status: 'ISSUED', version: 2 });
    });
  });

  // Last: it stops the situations subgraph of this file's hub.
  describe('when the situations subgraph is down', () => {
    it('refuses an alert whose citations it cannot check, and drafts one that cites nothing', async () => {
      await hub.subgraphs.situations.stop(1000);
      const before = await rows('alerts.alert');
      const citing = await hub.query(DRAFT, { input: kivuWarning() }, { token: editor });
      expect(citing.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_ERROR']);
      expect(await rows('alerts.alert')).toBe(before);
      const plain = await draft(kivuWarning({ situationId: null, citedRiskFactors: [] }));
      expect(plain.status).toBe('DRAFT');
    });
  });
});
