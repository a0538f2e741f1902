// The alerts subgraph's outbox dispatcher (kernel/events/outbox.ts), one per replica; the advisory
// lock lets one of them publish at a time. What publishing does besides numbering the events is
// the publish hooks' (webhook deliveries to write); live streams in this process listen to it, and
// so does the webhook delivery worker, which starts and stops with it.
import type { DataSource } from 'typeorm';
import { OutboxDispatcher, type PublishHook } from '../../kernel/events/outbox';
import type { DatabaseTarget } from '../../kernel/db/database';
import { insertWebhookDeliveries, startWebhookWorker } from '../webhooks/webhook-delivery';

/** Run in the transaction that publishes alert events, in this order. */
export const ALERT_PUBLISH_HOOKS: PublishHook[] = [insertWebhookDeliveries];

/** The dispatcher of this process, once the subgraph has started. */
export let alertDispatcher: OutboxDispatcher | undefined;

export async function startAlertDispatcher(db: DataSource, target: DatabaseTarget): Promise<() => Promise<void>> {
  const dispatcher = new OutboxDispatcher(db, {
    hooks: ALERT_PUBLISH_HOOKS,
    listenUrl: target.kind === 'postgres' ? target.url : undefined,
    pollMs: Number(process.env.ALERT_OUTBOX_POLL_MS ?? 250),
  });
  await dispatcher.start();
  alertDispatcher = dispatcher;
  const stopWorker = startWebhookWorker(db, dispatcher);
  return async () => {
    await stopWorker();
    if (alertDispatcher === dispatcher) alertDispatcher = undefined;
    await dispatcher.stop();
  };
}
