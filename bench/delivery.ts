// How fast an issued alert reaches its addressees, with the hub as production runs it (bench/services.ts):
// a partner's webhook endpoint (an https receiver of the bench's, checking each Standard Webhooks
// signature) and a dashboard's GraphQL-over-SSE subscription through our gateway (graphql-sse's own
// client). Two measurements:
// - at a steady rate (BENCH_ALERTS_PER_S, sent on a clock, not after the previous answer), the time
//   from each `issueAlert` answer (its transaction has committed by then) to its event arriving at
//   the receiver and at the subscriber, p50/p95; and from the request being sent, which bounds it above;
// - the outbox's throughput: a backlog of events committed in one transaction, drained by the alerts
//   subgraph's dispatcher (events numbered and webhook deliveries written, per second), then delivered.
// Run alone with `npm run bench:delivery`, or as the last part of `npm run bench`.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-sse';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { mintDevelopmentToken } from '../gateway/auth';
import { recordEvent } from '../subgraphs/kernel/events/outbox';
import { illustrativeSituationId } from '../subgraphs/kernel/reference/illustrative-situations';
import { waitFor } from '../test/support/network';
import { summariseLatencies, type LatencySummary } from './latency';
import type { BenchSecrets, RunningServices } from './services';

export interface DeliverySettings {
  /** Alerts issued per second in the steady-rate measurement. */
  alertsPerSecond: number;
  /** How long the steady rate is kept up. */
  seconds: number;
  /** Events in the backlog the outbox drains. */
  backlog: number;
}

export interface DeliveryResult {
  steady: {
    alerts: number;
    alertsPerSecond: number;
    /** Alerts issued per second as sent (first to last request). */
    achievedPerSecond: number;
    /** issueAlert's own round trip through our gateway. */
    issue: LatencySummary;
    /** From the issueAlert answer to the event's arrival. */
    webhook: LatencySummary;
    sse: LatencySummary;
    /** From the issueAlert request being sent to the event's arrival. */
    webhookFromRequest: LatencySummary;
    sseFromRequest: LatencySummary;
    /** Events that never arrived within the wait, and arrivals beyond the first (at-least-once). */
    webhookMissing: number;
    sseMissing: number;
    webhookRepeats: number;
    sseRepeats: number;
    /** Deliveries whose signature did not verify with the secret the endpoint was given. */
    badSignatures: number;
  };
  outbox: {
    events: number;
    /** Events numbered and handed to the publish hooks (webhook deliveries written), per second, from the backlog's commit. */
    publishedPerSecond: number;
    /** The backlog delivered, per second, from the same commit. */
    webhookPerSecond: number;
    ssePerSecond: number;
    webhookMissing: number;
    sseMissing: number;
    /** Arrivals beyond the first, by event id, over the whole run. */
    webhookRepeats: number;
    sseRepeats: number;
  };
}

/** Where the receiver's certificate lives; the alerts subgraph trusts it through NODE_EXTRA_CA_CERTS. */
export interface ReceiverCertificate {
  certFile: string;
  keyFile: string;
}

/** A throwaway self-signed certificate for 127.0.0.1 (openssl): production delivers over https only. */
export function createReceiverCertificate(dir: string): ReceiverCertificate {
  const certFile = path.join(dir, 'receiver-cert.pem');
  const keyFile = path.join(dir, 'receiver-key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]),
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

const SENDER = { sub: 'bench-delivery-editor', org: 'UN-JO', roles: ['editor' as const] };
const PARTNER_ADMIN = { sub: 'bench-delivery-au-admin', org: 'AU', roles: ['admin' as const] };
const PARTNER_VIEWER = { sub: 'bench-delivery-au-analyst', org: 'AU', roles: ['viewer' as const] };

interface Arrivals {
  /** Key (alert id, or event id) → when it first arrived (performance.now()). */
  first: Map<string, number>;
  repeats: number;
}

const arrive = (arrivals: Arrivals, key: string) => {
  if (arrivals.first.has(key)) arrivals.repeats += 1;
  else arrivals.first.set(key, performance.now());
};

interface Receiver {
  url: string;
  secret: (secret: string) => void;
  /** By alert id (ISSUED events) and by event id. */
  byAlert: Arrivals;
  byEvent: Arrivals;
  badSignatures: () => number;
  stop: () => Promise<void>;
}

async function startReceiver(certificate: ReceiverCertificate): Promise<Receiver> {
  let verifier: Webhook | undefined;
  let bad = 0;
  const byAlert: Arrivals = { first: new Map(), repeats: 0 };
  const byEvent: Arrivals = { first: new Map(), repeats: 0 };
  const server: Server = createServer({ cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      try {
        verifier!.verify(body, {
          'webhook-id': header('webhook-id'),
          'webhook-timestamp': header('webhook-timestamp'),
          'webhook-signature': header('webhook-signature'),
        });
      } catch {
        bad += 1;
        response.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body) as { type: string; data: { alertId: string } };
      arrive(byEvent, header('webhook-id'));
      if (event.type === 'alert.issued') arrive(byAlert, event.data.alertId);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/hub-alerts`,
    secret: (secret) => (verifier = new Webhook(secret)),
    byAlert,
    byEvent,
    badSignatures: () => bad,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

interface Subscriber {
  byAlert: Arrivals;
  byEvent: Arrivals;
  stop: () => void;
}

function subscribe(streamUrl: string, token: string, opened: () => void): Subscriber {
  const byAlert: Arrivals = { first: new Map(), repeats: 0 };
  const byEvent: Arrivals = { first: new Map(), repeats: 0 };
  const client = createClient({ url: streamUrl, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const stop = client.subscribe<{ alertEvents: { id: string; type: string; alert: { id: string } | null } }>(
    { query: 'subscription BenchDelivery { alertEvents(filter: { types: [ISSUED] }) { id type alert { id } } }' },
    {
      next: (result) => {
        const event = result.data?.alertEvents;
        if (!event) return;
        arrive(byEvent, event.id);
        if (event.alert) arrive(byAlert, event.alert.id);
      },
      error: (error) => process.stderr.write(`bench delivery: the SSE subscription failed: ${String(error)}\n`),
      complete: () => undefined,
    },
    { connected: () => opened() },
  );
  return { byAlert, byEvent, stop: () => (stop(), client.dispose()) };
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`bench delivery: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
}

interface Draft {
  id: string;
  version: number;
}

const DRAFT = `mutation BenchDraft($input: DraftAlertInput!) { draftAlert(input: $input) { id version } }`;
const ISSUE = `mutation BenchIssue($input: IssueAlertInput!) { issueAlert(input: $input) { id version } }`;
const REGISTER = `mutation BenchRegister($input: RegisterAlertWebhookInput!) { registerAlertWebhook(input: $input) { secret webhook { id } } }`;

function alertInput(n: number): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    type: 'EARLY_WARNING',
    level: 'HIGH',
    title: `[Exercise] Bench delivery alert ${n}`,
    body: 'Written by the benchmark to time delivery; not a real alert.',
    recipients: ['PARTNER_ORGANISATIONS'],
    recipientOrgs: ['AU'],
    crimes: ['GENOCIDE'],
    citedRiskFactors: ['RF1'],
    situationId: illustrativeSituationId('great-lakes-kivu'),
    countryIso3: 'COD',
    classification: 'AMBER',
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()`, looking every 10 ms (the times measured are tens of milliseconds); false after `ms`. */
async function poll(done: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await pause(10);
  }
  return true;
}

/** Waits until `have()` reaches `want` or `ms` pass; the bench reports what is missing rather than stop. */
async function settle(have: () => number, want: number, ms: number): Promise<void> {
  await poll(() => have() >= want, ms);
}

export async function measureDelivery(
  services: RunningServices,
  secrets: BenchSecrets,
  certificate: ReceiverCertificate,
  alertsDb: DataSource,
  settings: DeliverySettings,
  progress: (message: string) => void,
): Promise<DeliveryResult> {
  const mint = (viewer: typeof SENDER | typeof PARTNER_ADMIN | typeof PARTNER_VIEWER) =>
    mintDevelopmentToken(secrets.jwtSecret, viewer, '12h', secrets.audience, secrets.issuer);
  const [editor, admin, viewer] = await Promise.all([mint(SENDER), mint(PARTNER_ADMIN), mint(PARTNER_VIEWER)]);
  const gateway = services.gateway.url;
  const receiver = await startReceiver(certificate);
  let subscriber: Subscriber | undefined;
  try {
    const registered = await graphql<{ registerAlertWebhook: { secret: string } }>(gateway, admin, REGISTER, {
      input: { url: receiver.url, events: ['ISSUED'] },
    });
    receiver.secret(registered.registerAlertWebhook.secret);
    let connected = false;
    subscriber = subscribe(gateway.replace(/\/graphql$/, '/graphql/stream'), viewer, () => (connected = true));
    await waitFor(async () => connected, 30_000, 'the SSE subscription open');
    // A probe, not counted: both paths are open end to end before the clock starts.
    const probe = (await graphql<{ draftAlert: Draft }>(gateway, editor, DRAFT, { input: alertInput(0) })).draftAlert;
    await graphql(gateway, editor, ISSUE, { input: probe });
    await waitFor(async () => receiver.byAlert.first.has(probe.id) && subscriber!.byAlert.first.has(probe.id), 60_000, 'the probe alert delivered');

    const count = settings.alertsPerSecond * settings.seconds;
    progress(`delivery: drafting ${count} alerts addressed to AU`);
    const drafts: Draft[] = [];
    for (let i = 0; i < count; i++)
      drafts.push((await graphql<{ draftAlert: Draft }>(gateway, editor, DRAFT, { input: alertInput(i + 1) })).draftAlert);

    progress(`delivery: issuing them at ${settings.alertsPerSecond} per second for ${settings.seconds} s`);
    const sent = new Map<string, number>();
    const answered = new Map<string, number>();
    const interval = 1000 / settings.alertsPerSecond;
    const start = performance.now();
    await Promise.all(
      drafts.map(async (draft, i) => {
        await pause(Math.max(0, start + i * interval - performance.now()));
        sent.set(draft.id, performance.now());
        await graphql(gateway, editor, ISSUE, { input: draft });
        answered.set(draft.id, performance.now());
      }),
    );
    const lastSent = Math.max(...sent.values());
    const got = (arrivals: Arrivals) => drafts.filter((d) => arrivals.first.has(d.id)).length;
    await settle(() => Math.min(got(receiver.byAlert), got(subscriber!.byAlert)), count, 120_000);
    const after = (arrivals: Arrivals, from: Map<string, number>) =>
      summariseLatencies(drafts.filter((d) => arrivals.first.has(d.id)).map((d) => arrivals.first.get(d.id)! - from.get(d.id)!));
    const steady: DeliveryResult['steady'] = {
      alerts: count,
      alertsPerSecond: settings.alertsPerSecond,
      achievedPerSecond: count > 1 ? ((count - 1) * 1000) / (lastSent - start) : Number.NaN,
      issue: summariseLatencies(drafts.map((d) => answered.get(d.id)! - sent.get(d.id)!)),
      webhook: after(receiver.byAlert, answered),
      sse: after(subscriber.byAlert, answered),
      webhookFromRequest: after(receiver.byAlert, sent),
      sseFromRequest: after(subscriber.byAlert, sent),
      webhookMissing: drafts.filter((d) => !receiver.byAlert.first.has(d.id)).length,
      sseMissing: drafts.filter((d) => !subscriber!.byAlert.first.has(d.id)).length,
      webhookRepeats: receiver.byAlert.repeats,
      sseRepeats: subscriber.byAlert.repeats,
      badSignatures: receiver.badSignatures(),
    };

    // The backlog: copies of the issued events (new ids, the same alerts), committed at once.
    progress(`delivery: a backlog of ${settings.backlog} events for the outbox to drain`);
    const issued: { subject_id: string; payload: Record<string, unknown> }[] = await alertsDb.query(
      `SELECT subject_id, payload FROM alerts.outbox_event WHERE topic = 'alert.issued' AND subject_id = ANY($1::uuid[])`,
      [drafts.map((d) => d.id)],
    );
    const ids = Array.from({ length: settings.backlog }, () => randomUUID());
    const [{ high }] = await alertsDb.query(`SELECT coalesce(max(seq), 0)::int AS high FROM alerts.outbox_event`);
    await alertsDb.transaction(async (manager) => {
      for (const [i, id] of ids.entries()) {
        const copy = issued[i % issued.length];
        await recordEvent(manager, { id, topic: 'alert.issued', subjectId: copy.subject_id, payload: copy.payload });
      }
    });
    const committed = performance.now();
    const published = await poll(async () => {
      const [{ n }] = await alertsDb.query(`SELECT count(*)::int AS n FROM alerts.outbox_event WHERE seq > $1 AND id = ANY($2::uuid[])`, [high, ids]);
      return n === ids.length;
    }, 300_000);
    const publishedAt = published ? performance.now() : Number.NaN;
    const webhookGot = () => ids.filter((id) => receiver.byEvent.first.has(id)).length;
    const sseGot = () => ids.filter((id) => subscriber!.byEvent.first.has(id)).length;
    await settle(() => Math.min(webhookGot(), sseGot()), ids.length, 300_000);
    const lastArrival = (arrivals: Arrivals) => Math.max(...ids.map((id) => arrivals.first.get(id) ?? Number.NaN).filter(Number.isFinite));
    const perSecond = (until: number) => (ids.length * 1000) / (until - committed);
    return {
      steady,
      outbox: {
        events: ids.length,
        publishedPerSecond: perSecond(publishedAt),
        webhookPerSecond: perSecond(lastArrival(receiver.byEvent)),
        ssePerSecond: perSecond(lastArrival(subscriber.byEvent)),
        webhookMissing: ids.length - webhookGot(),
        sseMissing: ids.length - sseGot(),
        webhookRepeats: receiver.byEvent.repeats,
        sseRepeats: subscriber.byEvent.repeats,
      },
    };
  } finally {
    subscriber?.stop();
    await receiver.stop();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : 'n/a');

/** The report's section on delivery (Markdown lines). */
export function deliverySection(result: DeliveryResult): string[] {
  const { steady, outbox } = result;
  const row = (what: string, summary: LatencySummary) =>
    `| ${what} | ${summary.samples} | ${ms(summary.p50Ms)} | ${ms(summary.p95Ms)} | ${ms(summary.p99Ms)} | ${ms(summary.maxMs)} |`;
  return [
    '## Alert delivery',
    '',
    `${steady.alerts} alerts (HIGH, AMBER, addressed to AU) issued through our gateway at ${steady.alertsPerSecond} per second ` +
      `(${ms(steady.achievedPerSecond)} as sent), each on a clock rather than after the previous answer. An AU admin's webhook endpoint ` +
      `(https, a receiver in the bench that checks every signature) and an AU viewer's \`alertEvents\` subscription through the gateway's ` +
      '`/graphql/stream` (graphql-sse client) receive them. Times in milliseconds.',
    '',
    '| from → to | events | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|---|',
    row('issueAlert answered → webhook received', steady.webhook),
    row('issueAlert answered → SSE event received', steady.sse),
    row('issueAlert sent → webhook received', steady.webhookFromRequest),
    row('issueAlert sent → SSE event received', steady.sseFromRequest),
    row('issueAlert round trip', steady.issue),
    '',
    `The answer comes after the commit, so "answered →" is the commit-to-arrival time short of the answer's own trip back (under a millisecond on loopback); ` +
      `"sent →" bounds it above. Never arrived: ${steady.webhookMissing} by webhook, ${steady.sseMissing} by SSE; ` +
      `arrived again: ${steady.webhookRepeats} by webhook, ${steady.sseRepeats} by SSE; signatures that did not verify: ${steady.badSignatures}.`,
    '',
    `**Outbox throughput.** ${outbox.events} ISSUED events committed in one transaction (copies of those above, new ids), drained by the alerts ` +
      `subgraph's dispatcher: ${rate(outbox.publishedPerSecond)} events/s numbered and handed to the publish hook (webhook deliveries written), ` +
      `${rate(outbox.webhookPerSecond)} events/s delivered to the webhook, ${rate(outbox.ssePerSecond)} events/s to the SSE subscriber, each from the commit ` +
      `to the last one. Not delivered within five minutes: ${outbox.webhookMissing} by webhook, ${outbox.sseMissing} by SSE; ` +
      `any event delivered twice in the whole run: ${outbox.webhookRepeats} by webhook, ${outbox.sseRepeats} by SSE.`,
    '',
  ];
}
