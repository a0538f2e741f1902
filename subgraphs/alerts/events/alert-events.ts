// What the alerts subgraph tells the world: one outbox event (kernel/events/outbox.ts) per step an
// addressee should hear of, written in the transaction that takes the step. An event says which
// alert and what happened, never what the alert says: whoever delivers it reads the alert again,
// under the policy of the moment of delivery.
import { randomUUID } from 'node:crypto';
import { registerEnumType } from 'type-graphql';
import { recordEvent } from '../../kernel/events/outbox';
import type { MutationScope } from '../../kernel/write/writing';
import { AlertStatus, type Alert } from '../entities/alert.entity';

export enum AlertEventTopic {
  ISSUED = 'alert.issued',
  ESCALATED = 'alert.escalated',
  CORRECTED = 'alert.corrected',
  ACKNOWLEDGED = 'alert.acknowledged',
  CLOSED = 'alert.closed',
  ACKNOWLEDGEMENT_OVERDUE = 'alert.acknowledgement_overdue',
}
registerEnumType(AlertEventTopic, {
  name: 'AlertEventType',
  description: 'What happened to an alert.',
  valuesConfig: {
    ISSUED: { description: 'Sent to its recipients.' },
    ESCALATED: { description: 'Brought to the Secretary-General, or through him to the Security Council.' },
    CORRECTED: { description: 'A correction superseded it: the event names the new version.' },
    ACKNOWLEDGED: { description: 'A recipient organisation acknowledged it (the event names which).' },
    CLOSED: { description: 'Closed: no further action expected.' },
    ACKNOWLEDGEMENT_OVERDUE: { description: "A recipient organisation's acknowledgement is past due (the event names which); raised once." },
  },
});

/** What an event carries besides its topic: enough to decide whether to fetch the alert, nothing it says. */
export function eventPayload(alert: Alert): Record<string, unknown> {
  return { alertId: alert.id, version: alert.version, status: alert.status, level: alert.level, supersedesId: alert.supersedesId };
}

/** The event a status change raises, if its addressees should hear of it: drafts and abandoned drafts raise none. */
export function topicOf(alert: Alert, from: AlertStatus | null, to: AlertStatus): AlertEventTopic | null {
  if (from === null) return alert.supersedesId && to !== AlertStatus.DRAFT ? AlertEventTopic.CORRECTED : null;
  if (from === AlertStatus.DRAFT) return to === AlertStatus.ISSUED ? AlertEventTopic.ISSUED : null;
  switch (to) {
    case AlertStatus.ESCALATED_TO_SECRETARY_GENERAL:
    case AlertStatus.ESCALATED_TO_SECURITY_COUNCIL:
      return AlertEventTopic.ESCALATED;
    case AlertStatus.CLOSED:
      return AlertEventTopic.CLOSED;
    default:
      // SUPERSEDED: the correction's own event tells it.
      return null;
  }
}

/** Records the event of a status change in its transaction (alert.mutation.ts appendStatusChange calls it for every step). */
export async function recordAlertEvent(tx: MutationScope, alert: Alert, from: AlertStatus | null, to: AlertStatus): Promise<void> {
  const topic = topicOf(alert, from, to);
  if (!topic) return;
  await recordEvent(tx.manager, { id: randomUUID(), topic, subjectId: alert.id, payload: eventPayload({ ...alert, status: to } as Alert) });
}
