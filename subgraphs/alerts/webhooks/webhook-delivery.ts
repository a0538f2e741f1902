// Webhook deliveries of alert events: the publish hook that writes one delivery per (event,
// endpoint) in the transaction that publishes the event, and the worker that sends them. Every
// send is decided under the policy of its moment: the endpoint's organisation must read the alert
// when the attempt starts, or the delivery is DROPPED unsent (a correction that dropped the
// organisation stops what was still pending for it).
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { OutboxEvent, type OutboxDispatcher, type PublishedEvent, type PublishHook } from '../../kernel/events/outbox';
import { restrictToVisible } from '../../kernel/read/policed-query';
import { Classification } from '../../kernel/policy/ownership';
import { logger } from '../../../platform/logger';
import type { Viewer } from '../../../platform/identity';
import { Alert } from '../entities/alert.entity';
import { AlertEventTopic } from '../events/alert-events';
import { readWebhookConfig, retryDelay, type WebhookConfig } from './webhook-config';
import { AlertWebhook, AlertWebhookDelivery, AlertWebhookDeliveryStatus } from './webhook.entity';

const TOPICS = new Set<string>(Object.values(AlertEventTopic));
/** Deliveries one worker claims at a time. */
const BATCH = 20;
/** How often a worker clears the previous secrets whose overlap has ended. */
const CLEAR_PREVIOUS_EVERY_MS = 60_000;

/**
 * Whom an endpoint reads as: its organisation, as no named user (the subject can be no JWT's, as
 * it has a space). RED alerts are for named users only, so they are excluded outright as well:
 * the owner organisation reads its RED alerts through its people, never through an endpoint.
 */
export function endpointViewer(org: string): Viewer {
  return { sub: `webhook of ${org}`, org, roles: ['viewer'] };
}

/** Of `alertIds`, those `org`'s endpoints may be told about now. */
async function readableBy(manager: EntityManager, org: string, alertIds: string[]): Promise<Set<string>> {
  if (alertIds.length === 0) return new Set();
  const query = manager
    .getRepository(Alert)
    .createQueryBuilder('a')
    .select('a.id', 'id')
    .where('a.id IN (:...alertIds)', { alertIds })
    .andWhere('a.classification <> :red', { red: Classification.RED });
  restrictToVisible(query, endpointViewer(org), 'a');
  const rows: { id: string }[] = await query.getRawMany();
  return new Set(rows.map((row) => row.id));
}

// Claims of the workers in this process, one at a time. Across processes FOR UPDATE SKIP LOCKED
// keeps them apart; under PGlite every worker shares one session, where row locks do not, so this
// is what keeps two workers of one process (two replicas in a test) from claiming one row.
let claiming: Promise<unknown> = Promise.resolve();

let activeConfig: WebhookConfig | undefined;
const config = (): WebhookConfig => (activeConfig ??= readWebhookConfig());

/**
 * The publish hook (events/dispatch.ts): one PENDING delivery per event and enabled endpoint that
 * takes its topic, only for alerts the endpoint's organisation may read now, so a delivery log
 * never shows an event about an alert its organisation could not read when it happened.
 */
export const insertWebhookDeliveries: PublishHook = async (manager, events) => {
  const alertEvents = events.filter((event) => TOPICS.has(event.topic));
  if (alertEvents.length === 0) return;
  const webhooks = await manager
    .getRepository(AlertWebhook)
    .createQueryBuilder('w')
    .where('w.enabled')
    .andWhere('w.events && :topics::varchar[]', { topics: [...new Set(alertEvents.map((event) => event.topic))] })
    .getMany();
  if (webhooks.length === 0) return;
  const alertIds = [...new Set(alertEvents.map((event) => event.subjectId))];
  const readable = new Map<string, Set<string>>();
  for (const org of new Set(webhooks.map((webhook) => webhook.ownerOrg))) readable.set(org, await readableBy(manager, org, alertIds));
  const retryUntil = new Date(Date.now() + config().retryForMs);
  const rows = alertEvents.flatMap((event: PublishedEvent) =>
    webhooks
      .filter((webhook) => webhook.events.includes(event.topic as AlertEventTopic) && readable.get(webhook.ownerOrg)!.has(event.subjectId))
      .map((webhook) => ({
        id: randomUUID(),
        webhookId: webhook.id,
        eventId: event.id,
        seq: event.seq,
        topic: event.topic as AlertEventTopic,
        alertId: event.subjectId,
        status: AlertWebhookDeliveryStatus.PENDING,
        nextAttemptAt: () => 'now()',
        retryUntil,
      })),
  );
  if (rows.length > 0) await manager.createQueryBuilder().insert().into(AlertWebhookDelivery).values(rows).orIgnore().execute();
};

/** What one claimed attempt sends. */
interface Attempt {
  id: string;
  claim: string;
  url: string;
  /** The current secret, and the previous one while a rotation's overlap lasts. */
  secrets: string[];
  eventId: string;
  body: string;
}

/**
 * The webhook-signature header: one `v1,` signature per secret, the current one first, separated
 * by spaces. Standard Webhooks has a receiver accept a delivery when any of them matches, so during
 * a rotation's overlap both the old and the new secret verify it.
 */
export function signatureHeader(secrets: string[], id: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' ');
}

/** The JSON body of an event's delivery: which alert, what happened, nothing the alert says. */
export function deliveryBody(event: { topic: string; recordedAt: Date; seq: number; org: string | null; payload: Record<string, unknown> }): string {
  const { alertId, version, status, level } = event.payload as Record<string, unknown>;
  return JSON.stringify({
    type: event.topic,
    timestamp: new Date(event.recordedAt).toISOString(),
    data: { alertId, version, status, level, ...(event.org ? { org: event.org } : {}), seq: Number(event.seq) },
  });
}

/**
 * Sends due deliveries until stopped. An attempt is claimed in a short transaction (FOR UPDATE
 * SKIP LOCKED, so replicas claim different rows) that also moves its next attempt past the POST's
 * timeout: the claim is a lease, so no other worker sends it while it is in flight, and one that
 * died mid-POST (a restart) leaves it due again once the lease runs out, losing nothing. The POST
 * itself runs outside any transaction: a slow endpoint holds no lock and, under PGlite, does not
 * hold up the one session every subgraph shares.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private clearPreviousAt = 0;
  private readonly inFlight = new AbortController();
  private readonly onPublished = () => this.wake();

  constructor(
    private readonly db: DataSource,
    private readonly config: WebhookConfig,
    private readonly dispatcher?: OutboxDispatcher,
  ) {}

  start(): void {
    activeConfig = this.config;
    // Published here or, on PostgreSQL, by any replica: the hook may just have written deliveries.
    this.dispatcher?.published.on('published', this.onPublished);
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.work().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      } else void this.schedule();
    });
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    let wait = this.config.pollMs;
    try {
      const [{ due }] = await this.db.query(
        `SELECT extract(epoch FROM min(next_attempt_at) - now()) * 1000 AS due FROM ${this.table} WHERE status = 'PENDING'`,
      );
      if (due !== null) wait = Math.max(0, Math.min(wait, Math.ceil(Number(due))));
    } catch {
      // The database is away: look again after the poll interval.
    }
    if (this.stopped || this.running) return;
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private get table(): string {
    return this.db.getMetadata(AlertWebhookDelivery).tablePath;
  }

  private async work(): Promise<void> {
    try {
      await this.clearEndedOverlaps();
      for (;;) {
        if (this.stopped || !this.db.isInitialized) return;
        const attempts = await this.claim();
        await Promise.all(attempts.map((attempt) => this.send(attempt)));
        if (attempts.length < BATCH) return;
      }
    } catch (error) {
      if (!this.stopped) logger.error('webhook delivery failed; retrying', { error });
    }
  }

  /**
   * Forgets the previous secrets whose overlap has ended, at most once a minute: no longer used to
   * sign (claimDue checks the time itself), so not kept either. A plain UPDATE: it changes no
   * version, as nothing an administrator sees changes (previousSecretValidUntil already reads null).
   */
  private async clearEndedOverlaps(): Promise<void> {
    if (this.stopped || !this.db.isInitialized || Date.now() < this.clearPreviousAt) return;
    this.clearPreviousAt = Date.now() + CLEAR_PREVIOUS_EVERY_MS;
    await this.db.query(
      `UPDATE ${this.db.getMetadata(AlertWebhook).tablePath} SET previous_secret = NULL, previous_secret_valid_until = NULL
        WHERE previous_secret_valid_until <= $1`,
      [new Date()],
    );
  }

  /** Claims due deliveries, dropping those whose organisation may no longer read the alert. */
  private claim(): Promise<Attempt[]> {
    const claimed = claiming.then(() => this.claimDue());
    claiming = claimed.catch(() => undefined);
    return claimed;
  }

  private claimDue(): Promise<Attempt[]> {
    return this.db.transaction(async (manager) => {
      const due: (AlertWebhookDelivery & {
        org: string;
        url: string;
        secret: string;
        previousSecret: string | null;
        previousSecretValidUntil: Date | null;
      })[] = await manager.query(
        `SELECT d.id, d.event_id AS "eventId", d.alert_id AS "alertId", w.owner_org AS org, w.url, w.secret,
                w.previous_secret AS "previousSecret", w.previous_secret_valid_until AS "previousSecretValidUntil"
           FROM ${this.table} d JOIN ${manager.connection.getMetadata(AlertWebhook).tablePath} w ON w.id = d.webhook_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND w.enabled
          ORDER BY d.next_attempt_at, d.seq LIMIT ${BATCH} FOR UPDATE OF d SKIP LOCKED`,
      );
      if (due.length === 0) return [];
      const readable = new Map<string, Set<string>>();
      for (const org of new Set(due.map((row) => row.org)))
        readable.set(org, await readableBy(manager, org, [...new Set(due.filter((row) => row.org === org).map((row) => row.alertId))]));
      const dropped = due.filter((row) => !readable.get(row.org)!.has(row.alertId)).map((row) => row.id);
      if (dropped.length > 0)
        await manager.query(
          `UPDATE ${this.table} SET status = 'DROPPED', next_attempt_at = NULL, claim = NULL,
                  last_error = 'not sent: the organisation may no longer read the alert' WHERE id = ANY($1::uuid[])`,
          [dropped],
        );
      const sending = due.filter((row) => !dropped.includes(row.id));
      if (sending.length === 0) return [];
      const events: { id: string; topic: string; recordedAt: Date; seq: number; org: string | null; payload: Record<string, unknown> }[] =
        await manager.query(
          `SELECT id, topic, recorded_at AS "recordedAt", seq, org, payload FROM ${manager.connection.getMetadata(OutboxEvent).tablePath} WHERE id = ANY($1::uuid[])`,
          [[...new Set(sending.map((row) => row.eventId))]],
        );
      const bodies = new Map(events.map((event) => [event.id, deliveryBody(event)]));
      // The clock the rotation set previousSecretValidUntil by, and the field reads it by.
      const now = Date.now();
      const overlapping = (row: (typeof sending)[number]) =>
        row.previousSecret !== null && row.previousSecretValidUntil !== null && new Date(row.previousSecretValidUntil).getTime() > now;
      const attempts = sending.map((row) => ({
        id: row.id,
        claim: randomUUID(),
        url: row.url,
        secrets: overlapping(row) ? [row.secret, row.previousSecret!] : [row.secret],
        eventId: row.eventId,
        body: bodies.get(row.eventId)!,
      }));
      // Past the POST's timeout with room for recording its answer on a busy database: a lease that
      // ran out under a slow write would let another worker send the same delivery again.
      const lease = this.config.timeoutMs + 5000;
      await manager.query(
        `UPDATE ${this.table} d SET claim = c.claim, attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $3::float8 / 1000)
           FROM unnest($1::uuid[], $2::uuid[]) AS c(id, claim) WHERE d.id = c.id`,
        [attempts.map((a) => a.id), attempts.map((a) => a.claim), lease],
      );
      return attempts;
    });
  }

  /** POSTs one attempt, signed per Standard Webhooks; never follows a redirect. */
  private async send(attempt: Attempt): Promise<void> {
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'atrocity-prevention-hub-webhooks',
      'webhook-id': attempt.eventId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signatureHeader(attempt.secrets, attempt.eventId, sentAt, attempt.body),
    };
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(attempt.url, {
        method: 'POST',
        headers,
        body: attempt.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.config.timeoutMs), this.inFlight.signal]),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status >= 300 && status < 400) error = `answered ${status} (a redirect, not followed)`;
      else if (status < 200 || status >= 300) error = `answered ${status}`;
    } catch (cause) {
      // Stopping: the lease lets another worker, or this one after its restart, send it again.
      if (this.stopped) return;
      const name = (cause as Error).name;
      error =
        name === 'TimeoutError'
          ? `no answer within ${this.config.timeoutMs} ms`
          : `could not connect: ${String((cause as Error).cause ?? cause).slice(0, 300)}`;
    }
    if (this.stopped && !this.db.isInitialized) return;
    if (error === null) {
      await this.db.query(
        `UPDATE ${this.table} SET status = 'DELIVERED', delivered_at = now(), last_status = $3, last_error = NULL, next_attempt_at = NULL, claim = NULL
          WHERE id = $1 AND claim = $2`,
        [attempt.id, attempt.claim, status],
      );
      return;
    }
    const attempts: { attempts: number }[] = await this.db.query(`SELECT attempts FROM ${this.table} WHERE id = $1`, [attempt.id]);
    const delay = retryDelay(this.config, attempts[0]?.attempts ?? 1);
    await this.db.query(
      `UPDATE ${this.table}
          SET last_status = $3, last_error = $4, claim = NULL,
              status = CASE WHEN now() + make_interval(secs => $5::float8 / 1000) > retry_until THEN 'FAILED' ELSE 'PENDING' END,
              next_attempt_at = CASE WHEN now() + make_interval(secs => $5::float8 / 1000) > retry_until THEN NULL ELSE now() + make_interval(secs => $5::float8 / 1000) END
        WHERE id = $1 AND claim = $2`,
      [attempt.id, attempt.claim, status, error, delay],
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.dispatcher?.published.off('published', this.onPublished);
    if (this.timer) clearTimeout(this.timer);
    this.inFlight.abort();
    await this.running;
  }
}

/** The worker of this process, once the subgraph has started (a replay wakes it). */
export let alertWebhookWorker: WebhookWorker | undefined;

export function startWebhookWorker(db: DataSource, dispatcher: OutboxDispatcher, given: WebhookConfig = readWebhookConfig()): () => Promise<void> {
  const worker = new WebhookWorker(db, given, dispatcher);
  worker.start();
  alertWebhookWorker = worker;
  return async () => {
    if (alertWebhookWorker === worker) alertWebhookWorker = undefined;
    await worker.stop();
  };
}
