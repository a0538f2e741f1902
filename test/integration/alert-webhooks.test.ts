// Partners' webhooks for alert events, end to end over real HTTP: an organisation's admin registers
// an endpoint through the gateway, the alerts subgraph POSTs each event to a receiver in the test
// that checks the Standard Webhooks signature, retries what fails with backoff for a bounded time,
// replays on request, sends only what the organisation may read when the attempt starts, and
// signs with the replaced secret too for a while after a rotation.
import { createHmac, randomUUID } from 'node:crypto';
import { Webhook as Verifier } from 'standardwebhooks';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { startHub, subgraphModule, type GraphQLResponse, type Hub } from '../support/hub';
import { baseOf, waitFor } from '../support/network';
import { tokenFor, users } from '../support/users';
import { startWebhookReceiver, type Received, type WebhookReceiver } from '../support/webhook-receiver';
import { readWebhookConfig } from '../../subgraphs/alerts/webhooks/webhook-config';
import { WebhookWorker } from '../../subgraphs/alerts/webhooks/webhook-delivery';
import { injectFault } from '../support/writes';

// Small numbers so that retries, the retry bound, a lost attempt's lease and a rotation's overlap
// pass within a test.
const ENV = {
  ALERT_WEBHOOK_ROTATION_OVERLAP: '2s',
  ALERT_WEBHOOK_RETRY_BASE_MS: '40',
  ALERT_WEBHOOK_RETRY_CAP_MS: '200',
  ALERT_WEBHOOK_RETRY_FOR: '3s',
  ALERT_WEBHOOK_TIMEOUT_MS: '5000',
  ALERT_WEBHOOK_POLL_MS: '200',
  ALERT_OUTBOX_POLL_MS: '50',
};

let hub: Hub;
let receiver: WebhookReceiver;
let editor: string;
let auAdmin: string;
let auAnalyst: string;
let ecowasAdmin: string;
let unjoAdmin: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  receiver = await startWebhookReceiver();
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  auAdmin = await tokenFor(users.auAdmin);
  auAnalyst = await tokenFor(users.auAnalyst);
  ecowasAdmin = await tokenFor(users.ecowasAdmin);
  unjoAdmin = await tokenFor(users.jointOfficeAdmin);
});

afterAll(async () => {
  await hub?.stop();
  await receiver?.stop();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const WEBHOOK = 'id url events enabled version ownerOrg previousSecretValidUntil';
const REGISTER = `mutation R($input: RegisterAlertWebhookInput!) { registerAlertWebhook(input: $input) { secret webhook { ${WEBHOOK} } } }`;
const LIST = `query { alertWebhooks { ${WEBHOOK} deliveries(first: 50) { id eventId seq topic status attempts lastStatus lastError nextAttemptAt deliveredAt } } }`;
const REPLAY = `mutation P($id: ID!) { replayAlertWebhookDelivery(id: $id) { id status attempts } }`;
const ROTATE = `mutation S($input: AlertWebhookVersionInput!, $overlapSeconds: Int) {
  rotateAlertWebhookSecret(input: $input, overlapSeconds: $overlapSeconds) { secret webhook { ${WEBHOOK} } }
}`;
const DISABLE = `mutation D($input: AlertWebhookVersionInput!) { disableAlertWebhook(input: $input) { id enabled } }`;
const DRAFT = `mutation Draft($input: DraftAlertInput!) { draftAlert(input: $input) { id version } }`;
const ISSUE = `mutation Issue($input: IssueAlertInput!) { issueAlert(input: $input) { id version status } }`;
const CORRECT = `mutation Correct($input: CorrectAlertInput!) { correctAlert(input: $input) { id version } }`;

interface Delivery {
  id: string;
  eventId: string;
  seq: number;
  topic: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
}
interface Webhook {
  id: string;
  url: string;
  version: number;
  previousSecretValidUntil: string | null;
  deliveries: Delivery[];
}

function ok<T = any>(response: GraphQLResponse, field: string): T {
  expect(response.errors).toBeUndefined();
  return response.data![field] as T;
}

function codes(response: GraphQLResponse): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

let paths = 0;
/** A new endpoint of `token`'s organisation at a new path of the receiver, with the secret it was given. */
async function register(token: string, answer?: (n: number) => number | 'hang', events = ['ISSUED', 'CORRECTED', 'CLOSED']) {
  const path = `/hook-${++paths}`;
  if (answer) receiver.on(path, answer);
  const { secret, webhook } = ok<{ secret: string; webhook: Webhook }>(
    await hub.query(REGISTER, { input: { url: receiver.url(path), events } }, { token }),
    'registerAlertWebhook',
  );
  receiver.secret(path, secret);
  return { path, secret, webhook };
}

async function webhooksOf(token: string): Promise<Webhook[]> {
  return ok<Webhook[]>(await hub.query(LIST, {}, { token }), 'alertWebhooks');
}

async function deliveriesOf(token: string, webhookId: string): Promise<Delivery[]> {
  return (await webhooksOf(token)).find((w) => w.id === webhookId)?.deliveries ?? [];
}

async function until(token: string, webhookId: string, test: (deliveries: Delivery[]) => boolean, what: string): Promise<Delivery[]> {
  let last: Delivery[] = [];
  await waitFor(
    async () => {
      last = await deliveriesOf(token, webhookId);
      return test(last);
    },
    30_000,
    what,
  );
  return last;
}

/** Rotates `webhook`'s secret as `token`; the new secret and the webhook as it is now. */
async function rotate(token: string, webhook: Webhook, overlapSeconds?: number): Promise<{ secret: string; webhook: Webhook }> {
  return ok(await hub.query(ROTATE, { input: { id: webhook.id, version: webhook.version }, overlapSeconds }, { token }), 'rotateAlertWebhookSecret');
}

/** Whether `secret` alone verifies what was received, as a receiver that holds only it would check. */
function verifies(secret: string, got: Received): boolean {
  try {
    new Verifier(secret).verify(got.body, { 'webhook-id': got.id, 'webhook-timestamp': got.timestamp, 'webhook-signature': got.signature });
    return true;
  } catch {
    return false;
  }
}

const KIVU = illustrativeSituationId('great-lakes-kivu');

function warning(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'VERY_HIGH',
    title: '[Test] Early warning for the webhook test',
    body: 'Test alert written by the webhook test.',
    recipients: ['PARTNER_ORGANISATIONS'],
    recipientOrgs: ['ICGLR', 'AU'],
    crimes: ['GENOCIDE'],
    citedRiskFactors: ['RF1'],
    situationId: KIVU,
    countryIso3: 'COD',
    classification: 'AMBER',
    ...overrides,
  };
}

async function issue(input: Record<string, unknown> = warning()): Promise<{ id: string; version: number }> {
  const drafted = ok<{ id: string; version: number }>(await hub.query(DRAFT, { input }, { token: editor }), 'draftAlert');
  return ok(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }), 'issueAlert');
}

async function eventIdOf(alertId: string, topic: string): Promise<string> {
  let id: string | undefined;
  await waitFor(
    async () => {
      const rows = await hub.subgraphs.alerts.db.query(
        `SELECT id FROM alerts.outbox_event WHERE subject_id = $1 AND topic = $2 AND seq IS NOT NULL`,
        [alertId, topic],
      );
      id = rows[0]?.id;
      return Boolean(id);
    },
    10_000,
    `${topic} of ${alertId} published`,
  );
  return id!;
}

describe('webhooks for partners', () => {
  it('registers an endpoint for admins only, shows its secret once, and refuses a URL that is not https or local http', async () => {
    const { secret, webhook } = await register(auAdmin);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(webhook).toMatchObject({ enabled: true, ownerOrg: 'AU', events: ['ISSUED', 'CORRECTED', 'CLOSED'] });
    const listed = await hub.query(LIST, {}, { token: auAdmin });
    expect(listed.errors).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain(secret.slice('whsec_'.length));
    // The schema has no field that holds it.
    expect(codes(await hub.query(`query { alertWebhooks { secret } }`, {}, { token: auAdmin }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    for (const url of ['http://alerts.example.org/hub', 'ftp://127.0.0.1/x', 'not a url', 'https://user:pw@alerts.example.org/']) {
      expect(codes(await hub.query(REGISTER, { input: { url, events: ['ISSUED'] } }, { token: auAdmin }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(codes(await hub.query(REGISTER, { input: { url: 'https://alerts.example.org/hub', events: [] } }, { token: auAdmin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await hub.query(REGISTER, { input: { url: receiver.url('/x'), events: ['ISSUED'] } }, { token: auAnalyst }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.query(LIST, {}, { token: auAnalyst }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.query(LIST, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('delivers an issued alert to a recipient organisation, signed per Standard Webhooks, and nothing to an organisation that may not read it', async () => {
    const au = await register(auAdmin);
    const ecowas = await register(ecowasAdmin);
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    const [delivered] = await until(
      auAdmin,
      au.webhook.id,
      (d) => d.some((x) => x.eventId === eventId && x.status === 'DELIVERED'),
      'delivered to AU',
    );
    expect(delivered).toMatchObject({ topic: 'ISSUED', attempts: 1, lastStatus: 204, lastError: null });

    const [got] = receiver.to(au.path).filter((r) => r.id === eventId);
    expect(got.verified).toBe(true);
    // The signature, as a receiver without the library checks it: HMAC-SHA256 of "id.timestamp.body".
    const key = Buffer.from(au.secret.slice('whsec_'.length), 'base64');
    expect(got.signature).toBe(`v1,${createHmac('sha256', key).update(`${got.id}.${got.timestamp}.${got.body}`).digest('base64')}`);
    expect(Math.abs(Number(got.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      type: 'alert.issued',
      data: { alertId: alert.id, version: alert.version, status: 'ISSUED', level: 'VERY_HIGH', seq: delivered.seq },
    });
    expect(Date.parse(body.timestamp)).not.toBeNaN();

    // ECOWAS is no recipient of this AMBER alert: no delivery, nothing in its log.
    expect(receiver.to(ecowas.path).some((r) => r.id === eventId)).toBe(false);
    expect((await deliveriesOf(ecowasAdmin, ecowas.webhook.id)).some((d) => d.eventId === eventId)).toBe(false);
  });

  it('retries an endpoint that fails, with the same id, until it answers 2xx', async () => {
    const au = await register(auAdmin, (n) => (n <= 2 ? 500 : 200));
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    const [delivery] = await until(
      auAdmin,
      au.webhook.id,
      (d) => d.some((x) => x.eventId === eventId && x.status === 'DELIVERED'),
      'delivered after two failures',
    );
    expect(delivery).toMatchObject({ attempts: 3, lastStatus: 200, status: 'DELIVERED' });
    const attempts = receiver.to(au.path).filter((r) => r.id === eventId);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((r) => r.verified)).toBe(true);
  });

  it('marks a delivery FAILED once the retry period is over, and delivers it when an admin replays it', async () => {
    let healthy = false;
    const au = await register(auAdmin, () => (healthy ? 200 : 503));
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    const [failed] = await until(
      auAdmin,
      au.webhook.id,
      (d) => d.some((x) => x.eventId === eventId && x.status === 'FAILED'),
      'failed after the retry period',
    );
    expect(failed.attempts).toBeGreaterThan(1);
    expect(failed).toMatchObject({ lastStatus: 503, lastError: 'answered 503', nextAttemptAt: null });

    // Another organisation's admin cannot see or replay it; nor can a member who is not an admin.
    expect((await webhooksOf(ecowasAdmin)).some((w) => w.id === au.webhook.id)).toBe(false);
    expect(codes(await hub.query(REPLAY, { id: failed.id }, { token: ecowasAdmin }))).toEqual(['NOT_FOUND']);
    expect(codes(await hub.query(DISABLE, { input: { id: au.webhook.id, version: au.webhook.version } }, { token: ecowasAdmin }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await hub.query(REPLAY, { id: failed.id }, { token: auAnalyst }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.query(REPLAY, { id: randomUUID() }, { token: auAdmin }))).toEqual(['NOT_FOUND']);

    healthy = true;
    const before = receiver.to(au.path).length;
    expect(ok(await hub.query(REPLAY, { id: failed.id }, { token: auAdmin }), 'replayAlertWebhookDelivery')).toMatchObject({
      status: 'PENDING',
      attempts: 0,
    });
    await until(
      auAdmin,
      au.webhook.id,
      (d) => d.some((x) => x.id === failed.id && x.status === 'DELIVERED' && x.attempts === 1),
      'delivered on replay',
    );
    expect(
      receiver
        .to(au.path)
        .slice(before)
        .map((r) => [r.id, r.verified]),
    ).toEqual([[eventId, true]]);
  });

  it('stops the deliveries of an organisation that a correction drops: what was pending is DROPPED, unsent', async () => {
    let answering = 500;
    const au = await register(auAdmin, () => answering);
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    await until(auAdmin, au.webhook.id, (d) => d.some((x) => x.eventId === eventId && x.attempts >= 1), 'tried once');
    const correction = ok<{ id: string }>(
      await hub.query(
        CORRECT,
        {
          input: {
            idempotencyKey: randomUUID(),
            id: alert.id,
            version: alert.version,
            recipientOrgs: ['ICGLR'],
            sharedWith: [],
            note: 'AU is no longer an addressee.',
          },
        },
        { token: editor },
      ),
      'correctAlert',
    );
    answering = 200;
    // AU may no longer read what it was told before (the correction is a floor of the earlier version).
    const asAu = await hub.query(`query A($id: ID!) { alert(id: $id) { id } }`, { id: alert.id }, { token: auAnalyst });
    expect(asAu.errors).toBeUndefined();
    expect(asAu.data!.alert).toBeNull();
    const [dropped] = (await until(auAdmin, au.webhook.id, (d) => d.some((x) => x.eventId === eventId && x.status === 'DROPPED'), 'dropped')).filter(
      (d) => d.eventId === eventId,
    );
    expect(dropped.lastError).toMatch(/may no longer read/);
    const correctedId = await eventIdOf(correction.id, 'alert.corrected');
    // The correction's own event is published, and AU gets neither it nor a row for it.
    await waitFor(
      async () =>
        (await hub.subgraphs.alerts.db.query(`SELECT 1 FROM alerts.outbox_event WHERE id = $1 AND seq IS NOT NULL`, [correctedId])).length === 1,
      10_000,
      'published',
    );
    expect((await deliveriesOf(auAdmin, au.webhook.id)).some((d) => d.eventId === correctedId)).toBe(false);
    expect(receiver.to(au.path).every((r) => r.id === eventId)).toBe(true);
    expect(receiver.to(au.path).every((r) => JSON.parse(r.body).data.alertId === alert.id)).toBe(true);
  });

  it('never sends a RED alert to a webhook, not even to its owner organisation', async () => {
    const unjo = await register(unjoAdmin);
    const au = await register(auAdmin);
    const red = await issue(warning({ classification: 'RED', sharedWithUsers: ['au-analyst'], situationId: null }));
    const eventId = await eventIdOf(red.id, 'alert.issued');
    // A GREEN alert issued after it reaches both: the worker has passed the RED one by then.
    const green = await issue(warning({ classification: 'GREEN', situationId: null }));
    const greenEvent = await eventIdOf(green.id, 'alert.issued');
    for (const [token, hook] of [
      [unjoAdmin, unjo],
      [auAdmin, au],
    ] as const) {
      const deliveries = await until(
        token,
        hook.webhook.id,
        (d) => d.some((x) => x.eventId === greenEvent && x.status === 'DELIVERED'),
        'the GREEN alert delivered',
      );
      expect(deliveries.some((d) => d.eventId === eventId)).toBe(false);
      expect(receiver.to(hook.path).some((r) => r.id === eventId)).toBe(false);
    }
  });

  it('delivers nothing for a mutation that rolled back', async () => {
    const au = await register(auAdmin);
    const input = warning();
    const drafted = ok<{ id: string; version: number }>(await hub.query(DRAFT, { input }, { token: editor }), 'draftAlert');
    const heal = await injectFault(hub, 'alerts', 'alert_status_change', `NEW.to_status = 'ISSUED'`);
    try {
      expect(codes(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }))).toEqual(['SUBGRAPH_ERROR']);
    } finally {
      await heal();
    }
    ok(await hub.query(ISSUE, { input: { id: drafted.id, version: drafted.version } }, { token: editor }), 'issueAlert');
    const eventId = await eventIdOf(drafted.id, 'alert.issued');
    await until(auAdmin, au.webhook.id, (d) => d.some((x) => x.eventId === eventId && x.status === 'DELIVERED'), 'delivered');
    const about = receiver.to(au.path).filter((r) => JSON.parse(r.body).data.alertId === drafted.id);
    expect(about.map((r) => r.id)).toEqual([eventId]);
  });

  it('loses nothing when the alerts subgraph restarts in the middle of a delivery', async () => {
    const au = await register(auAdmin, (n) => (n === 1 ? 'hang' : 200));
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    await waitFor(async () => receiver.to(au.path).length === 1, 10_000, 'the first attempt in flight');
    const port = Number(new URL(baseOf(hub.subgraphs.alerts.url)).port);
    await hub.subgraphs.alerts.stop(1000);
    await hub.restartSubgraph('alerts', port);
    await until(auAdmin, au.webhook.id, (d) => d.some((x) => x.eventId === eventId && x.status === 'DELIVERED'), 'delivered after the restart');
    expect(receiver.to(au.path).map((r) => r.id)).toEqual([eventId, eventId]);
  });

  it('delivers every event exactly once per endpoint with two delivery workers on one database', async () => {
    // PostgreSQL: a second replica of the alerts subgraph, with its own pool, dispatcher and worker.
    // PGlite is one session that one process's connections share, so there the second worker
    // shares the first one's connection: the claims still must not overlap.
    let stopSecond: () => Promise<void>;
    if (hub.database.target.kind === 'postgres') {
      const second: RunningSubgraph = await startSubgraph(subgraphModule('alerts'), {
        target: hub.database.target,
        seed: false,
        port: 0,
        gatewayKeys: hub.keys.gatewayKeys,
        peerUrls: hub.peerUrls,
      });
      stopSecond = () => second.stop(1000);
    } else {
      const worker = new WebhookWorker(hub.subgraphs.alerts.db, readWebhookConfig());
      worker.start();
      stopSecond = () => worker.stop();
    }
    try {
      const icglrAdmin = await tokenFor(users.icglrAdmin);
      const au = await register(auAdmin);
      const icglr = await register(icglrAdmin);
      const alerts = await Promise.all(Array.from({ length: 8 }, () => issue()));
      const events = await Promise.all(alerts.map((a) => eventIdOf(a.id, 'alert.issued')));
      for (const [token, hook] of [
        [auAdmin, au],
        [icglrAdmin, icglr],
      ] as const) {
        await until(
          token,
          hook.webhook.id,
          (d) => events.every((id) => d.some((x) => x.eventId === id && x.status === 'DELIVERED')),
          'all delivered',
        );
        const ids = receiver.to(hook.path).map((r) => r.id);
        expect([...ids].sort()).toEqual([...events].sort());
      }
    } finally {
      await stopSecond();
    }
  });
});

describe('rotating a webhook secret', () => {
  /** Issues an alert and waits for the endpoint at `path` to receive it; what it received. */
  async function deliveredTo(path: string): Promise<Received> {
    const alert = await issue();
    const eventId = await eventIdOf(alert.id, 'alert.issued');
    return waitFor(async () => receiver.to(path).find((r) => r.id === eventId), 30_000, `${eventId} received at ${path}`);
  }

  const signatures = (got: Received) => got.signature.split(' ');

  it('signs with the new secret and the replaced one during the overlap, each verifying on its own, and shows until when', async () => {
    const au = await register(auAdmin);
    expect(au.webhook.previousSecretValidUntil).toBeNull();
    const before = Date.now();
    const rotated = await rotate(auAdmin, au.webhook, 3600);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(au.secret);
    expect(rotated.webhook.version).toBe(au.webhook.version + 1);
    const until = Date.parse(rotated.webhook.previousSecretValidUntil!);
    expect(until).toBeGreaterThanOrEqual(before + 3600_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 3600_000);
    const listed = await hub.query(LIST, {}, { token: auAdmin });
    expect(listed.data!.alertWebhooks.find((w: Webhook) => w.id === au.webhook.id).previousSecretValidUntil).toBe(
      rotated.webhook.previousSecretValidUntil,
    );
    // Neither secret is readable anywhere.
    for (const secret of [au.secret, rotated.secret]) expect(JSON.stringify(listed)).not.toContain(secret.slice('whsec_'.length));

    const got = await deliveredTo(au.path);
    expect(signatures(got)).toHaveLength(2);
    expect(verifies(rotated.secret, got)).toBe(true);
    expect(verifies(au.secret, got)).toBe(true);
    // The new secret's signature comes first.
    const key = Buffer.from(rotated.secret.slice('whsec_'.length), 'base64');
    expect(signatures(got)[0]).toBe(`v1,${createHmac('sha256', key).update(`${got.id}.${got.timestamp}.${got.body}`).digest('base64')}`);
  });

  it('stops signing with the replaced secret once the configured overlap has ended', async () => {
    const au = await register(auAdmin);
    const before = Date.now();
    const rotated = await rotate(auAdmin, au.webhook);
    // ALERT_WEBHOOK_ROTATION_OVERLAP is 2s in this file.
    const until = Date.parse(rotated.webhook.previousSecretValidUntil!);
    expect(until).toBeGreaterThanOrEqual(before + 2000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2000);

    // Alerts one after another until one arrives that the old secret no longer verifies. Every one
    // verifies with the new secret; one signed with the old as well was claimed before the end.
    const received: Received[] = [];
    await waitFor(
      async () => {
        const got = await deliveredTo(au.path);
        received.push(got);
        return !verifies(au.secret, got);
      },
      60_000,
      'a delivery the replaced secret no longer verifies',
    );
    for (const got of received) {
      expect(verifies(rotated.secret, got)).toBe(true);
      expect(signatures(got)).toHaveLength(verifies(au.secret, got) ? 2 : 1);
    }
    const last = received[received.length - 1];
    expect(signatures(last)).toHaveLength(1);
    // Signed (webhook-timestamp, in whole seconds) no earlier than the end of the overlap.
    expect(Number(last.timestamp)).toBeGreaterThanOrEqual(Math.floor(until / 1000));
    expect((await webhooksOf(auAdmin)).find((w) => w.id === au.webhook.id)!.previousSecretValidUntil).toBeNull();
  });

  it('signs with the new secret only after a rotation without overlap', async () => {
    const au = await register(auAdmin);
    const rotated = await rotate(auAdmin, au.webhook, 0);
    expect(rotated.webhook.previousSecretValidUntil).toBeNull();
    const got = await deliveredTo(au.path);
    expect(signatures(got)).toHaveLength(1);
    expect(verifies(rotated.secret, got)).toBe(true);
    expect(verifies(au.secret, got)).toBe(false);
  });

  it('keeps only the latest replaced secret when rotated again during an overlap', async () => {
    const au = await register(auAdmin);
    const second = await rotate(auAdmin, au.webhook, 3600);
    const third = await rotate(auAdmin, second.webhook, 3600);
    expect(Date.parse(third.webhook.previousSecretValidUntil!)).toBeGreaterThanOrEqual(Date.parse(second.webhook.previousSecretValidUntil!));
    const got = await deliveredTo(au.path);
    expect(signatures(got)).toHaveLength(2);
    expect(verifies(third.secret, got)).toBe(true);
    expect(verifies(second.secret, got)).toBe(true);
    expect(verifies(au.secret, got)).toBe(false);
  });

  it('refuses an overlap outside 0 to 7 days, and a rotation by anyone but an admin of the organisation', async () => {
    const au = await register(auAdmin);
    const input = { id: au.webhook.id, version: au.webhook.version };
    for (const overlapSeconds of [-1, 7 * 86_400 + 1]) {
      const refused = await hub.query(ROTATE, { input, overlapSeconds }, { token: auAdmin });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions?.field).toBe('overlapSeconds');
    }
    expect(codes(await hub.query(ROTATE, { input }, { token: ecowasAdmin }))).toEqual(['NOT_FOUND']);
    expect(codes(await hub.query(ROTATE, { input }, { token: auAnalyst }))).toEqual(['FORBIDDEN']);
    // Nothing changed: the webhook is still at the version registered, signed with its one secret.
    expect((await webhooksOf(auAdmin)).find((w) => w.id === au.webhook.id)).toMatchObject({
      version: au.webhook.version,
      previousSecretValidUntil: null,
    });
  });
});
