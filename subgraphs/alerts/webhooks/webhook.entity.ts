// A partner organisation's webhook endpoint for alert events, and the log of what was delivered
// to it: one delivery per (event, endpoint), written when the event is published and worked by the
// delivery worker (webhook-delivery.ts) until it is delivered, failed or dropped.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OwnedRecord } from '../../kernel/policy/ownership';
import { AlertEventTopic } from '../events/alert-events';

@ObjectType({
  description:
    "An endpoint of an organisation that receives alert events, signed per the Standard Webhooks specification. Only the organisation's administrators see it.",
})
@Entity({ name: 'alert_webhook' })
@Index(['ownerOrg'])
export class AlertWebhook extends OwnedRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Field({ description: 'Where events are POSTed: https, or http to localhost outside production.' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field(() => [AlertEventTopic], { description: 'The events it receives.' })
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  events: AlertEventTopic[];

  @Field({ description: 'A disabled endpoint receives nothing; what was pending for it waits until it is enabled again.' })
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  // The signing secret (whsec_...). Stored, not hashed: the hub must compute each delivery's HMAC
  // with it, so it cannot keep only a digest as it would for a password. Never in the schema, and
  // shown once (registerAlertWebhook, rotateAlertWebhookSecret). An operator who wants it encrypted
  // at rest keeps the alerts schema on an encrypted volume, or wraps this column with pgcrypto
  // (pgp_sym_encrypt with a key from a secret store) in the two places that write and read it.
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  // The secret a rotation replaced, still signed with (besides `secret`) until
  // previousSecretValidUntil, so the organisation's receivers keep verifying deliveries while its
  // operators deploy the new one. Stored and never shown, as `secret` is; only the latest one is
  // kept (a rotation during an overlap drops the older), and the delivery worker clears it once
  // its overlap has ended.
  @Column({ type: 'varchar', length: 100, name: 'previous_secret', nullable: true })
  previousSecret: string | null;

  // Its field resolver (webhook.resolver.ts) shows null once the moment has passed.
  @Field(() => Date, {
    nullable: true,
    description:
      'Until when deliveries are also signed with the secret the last rotation replaced (a second signature in webhook-signature); null when they are signed with the current secret only.',
  })
  @Column({ type: 'timestamptz', name: 'previous_secret_valid_until', nullable: true })
  previousSecretValidUntil: Date | null;
}

export enum AlertWebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  DROPPED = 'DROPPED',
}
registerEnumType(AlertWebhookDeliveryStatus, {
  name: 'AlertWebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: its next attempt is due at nextAttemptAt.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Every attempt within the retry period failed; an administrator may replay it.' },
    DROPPED: { description: 'Not sent: when it was due, the organisation could no longer read the alert (a correction dropped it, say).' },
  },
});

@ObjectType({ description: 'One event delivered, or to be delivered, to one webhook.' })
@Entity({ name: 'alert_webhook_delivery' })
@Index('UQ_alert_webhook_delivery_event', ['webhookId', 'eventId'], { unique: true })
@Index('IDX_alert_webhook_delivery_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
export class AlertWebhookDelivery {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'webhook_id' })
  webhookId: string;

  // Deleting a webhook deletes its log with it (the audit trail keeps that it existed).
  @ManyToOne(() => AlertWebhook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: AlertWebhook;

  @Field(() => ID, { description: "The event's id: the webhook-id header, the same on every attempt (receivers deduplicate by it)." })
  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Field(() => Int, { description: "The event's place in the alerts subgraph's publication order." })
  @Column({
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  seq: number;

  @Field(() => AlertEventTopic, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 60 })
  topic: AlertEventTopic;

  @Column({ type: 'uuid', name: 'alert_id' })
  alertId: string;

  @Field(() => AlertWebhookDeliveryStatus)
  @Column({ type: 'varchar', length: 12, default: AlertWebhookDeliveryStatus.PENDING })
  status: AlertWebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt, if the endpoint answered.' })
  @Column({ type: 'int', name: 'last_status', nullable: true })
  lastStatus: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed, if it did (timeout, refused connection, redirect, HTTP status).',
  })
  @Column({ type: 'varchar', length: 500, name: 'last_error', nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true, description: 'When it is next tried; null once delivered, failed or dropped.' })
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  /** No attempt starts after this: then it is FAILED. Set when the event is published, and again on a replay. */
  @Column({ type: 'timestamptz', name: 'retry_until' })
  retryUntil: Date;

  /** The attempt in flight: its worker's claim, so a late answer to a claim that expired changes nothing. */
  @Column({ type: 'uuid', nullable: true })
  claim: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @Field({ description: 'When the event was published to this webhook.' })
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
