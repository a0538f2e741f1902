// The alerts subgraph's outbox dispatcher (kernel/events/outbox.ts), one per replica; the advisory
// lock lets one of them publish at a time. What publishing does besides numbering the events is
// the publish hooks' (webhook deliveries to write); live streams in this process listen to it, and
// so does the webhook delivery worker, which starts and stops with it. Beside it, every
// ALERT_ACK_SWEEP_MS, the sweep that reminds late recipients (overdue-sweep.ts).
import type { DataSource } from 'typeorm';
import { OutboxDispatcher, type PublishHook } from '../../kernel/events/outbox';
import type { DatabaseTarget } from '../../kernel/db/database';
import { logger } from '../../../platform/logger';
import { configureAckDeadlines } from '../rules/acknowledgement.deadlines';
import { insertWebhookDeliveries, startWebhookWorker } from '../webhooks/webhook-delivery';
import { sweepOverdueAcknowledgements } from './overdue-sweep';

/** Run in the transaction that publishes alert events, in this order. */
export const ALERT_PUBLISH_HOOKS: PublishHook[] = [insertWebhookDeliveries];

/** The dispatcher of this process, once the subgraph has started. */
export let alertDispatcher: OutboxDispatcher | undefined;

export const DEFAULT_ACK_SWEEP_MS = 30_000;

function sweepInterval(env: NodeJS.ProcessEnv): number {
  const text = env.ALERT_ACK_SWEEP_MS;
  if (text === undefined || text === '') return DEFAULT_ACK_SWEEP_MS;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 10) throw new Error(`ALERT_ACK_SWEEP_MS: "${text}" must be a whole number of milliseconds, at least 10`);
  return ms;
}

/** Reminds late recipients every `intervalMs`, one sweep at a time; returns what stops it (after the sweep under way). */
function startOverdueSweep(db: DataSource, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = sweepOverdueAcknowledgements(db)
      .catch((error: unknown) => logger.error('the sweep of overdue acknowledgements failed; the next one retries', { error }))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export async function startAlertDispatcher(db: DataSource, target: DatabaseTarget): Promise<() => Promise<void>> {
  // Configuration is checked before anything starts, so a mistake stops the subgraph at once.
  configureAckDeadlines(process.env);
  const sweepMs = sweepInterval(process.env);
  const dispatcher = new OutboxDispatcher(db, {
    hooks: ALERT_PUBLISH_HOOKS,
    listenUrl: target.kind === 'postgres' ? target.url : undefined,
    pollMs: Number(process.env.ALERT_OUTBOX_POLL_MS ?? 250),
  });
  await dispatcher.start();
  alertDispatcher = dispatcher;
  const stopSweep = startOverdueSweep(db, sweepMs);
  const stopWorker = startWebhookWorker(db, dispatcher);
  return async () => {
    await stopSweep();
    await stopWorker();
    if (alertDispatcher === dispatcher) alertDispatcher = undefined;
    await dispatcher.stop();
  };
}
