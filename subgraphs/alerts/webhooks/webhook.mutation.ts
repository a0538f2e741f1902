// The webhook mutations an organisation's administrators use for their own organisation's
// endpoints: register, rotate the secret (with an overlap), disable and enable, delete, replay a delivery. Each is one
// audited transaction (kernel/write/writing.ts); another organisation's webhook is NOT_FOUND.
import { randomBytes, randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { AuditAction } from '../../kernel/audit/audit-event.entity';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import { Classification, ownership } from '../../kernel/policy/ownership';
import type { SubgraphContext } from '../../kernel/service/context';
import { uuid } from '../../kernel/write/validation';
import {
  insertAudited,
  lockForUpdate,
  requireSignedIn,
  runMutation,
  updateVersioned,
  visibleRecord,
  type MutationScope,
} from '../../kernel/write/writing';
import { badInput, conflict, notFound } from '../../../platform/errors';
import { MAX_ROTATION_OVERLAP_MS, readWebhookConfig, webhookUrl } from './webhook-config';
import { alertWebhookWorker } from './webhook-delivery';
import { AlertWebhook, AlertWebhookDelivery, AlertWebhookDeliveryStatus } from './webhook.entity';
import { AlertWebhookVersionInput, RegisterAlertWebhookInput } from './webhook.inputs';
import { MAX_WEBHOOKS } from './webhook.resolver';

const KIND = 'alert webhook';
const RECORD_TYPE = 'AlertWebhook';

@ObjectType({ description: 'A webhook with its signing secret, shown this once.' })
export class AlertWebhookWithSecret {
  @Field(() => AlertWebhook)
  webhook: AlertWebhook;

  @Field({
    description:
      'The signing secret (Standard Webhooks: "whsec_" and base64). Keep it: the hub never shows it again. Verify each delivery with it (README "Webhooks for partners").',
  })
  secret: string;
}

/** A new signing secret: 32 random bytes, in the Standard Webhooks format. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The overlap a rotation asked for, or the configured one; BAD_USER_INPUT outside 0 to 7 days. */
function rotationOverlapMs(overlapSeconds: number | null | undefined): number {
  if (overlapSeconds === null || overlapSeconds === undefined) return readWebhookConfig().rotationOverlapMs;
  if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds * 1000 > MAX_ROTATION_OVERLAP_MS)
    throw badInput(`overlapSeconds must be a whole number of seconds from 0 to ${MAX_ROTATION_OVERLAP_MS / 1000} (7 days)`, 'overlapSeconds');
  return overlapSeconds * 1000;
}

/** The webhook, locked, for an administrator of its organisation at the version they read. */
function lockedWebhook(tx: MutationScope, input: AlertWebhookVersionInput): Promise<AlertWebhook> {
  return lockForUpdate(tx, AlertWebhook, KIND, uuid(input.id, 'id'), input.version, assertAdminOf);
}

@Resolver()
export class AlertWebhookMutationResolver {
  @Mutation(() => AlertWebhookWithSecret, {
    description: "Registers an endpoint for your organisation's alert events (administrators). Returns its signing secret, once.",
  })
  async registerAlertWebhook(
    @Arg('input', () => RegisterAlertWebhookInput) input: RegisterAlertWebhookInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AlertWebhookWithSecret> {
    requireSignedIn(ctx.viewer);
    const org = ctx.viewer.org;
    assertAdminOf(ctx.viewer, org);
    const url = webhookUrl(input.url, readWebhookConfig().production);
    const secret = newSecret();
    return runMutation(ctx, async (tx) => {
      const [{ n }] = await tx.manager.query(
        `SELECT count(*)::int AS n FROM ${tx.manager.connection.getMetadata(AlertWebhook).tablePath} WHERE owner_org = $1`,
        [org],
      );
      if (n >= MAX_WEBHOOKS) throw conflict(`${org} has ${MAX_WEBHOOKS} webhooks already, the most it may have; delete one first`);
      const webhook = await insertAudited(tx, AlertWebhook, RECORD_TYPE, {
        id: randomUUID(),
        url,
        events: input.events,
        enabled: true,
        secret,
        // Its organisation's own: no other organisation learns of it.
        ...ownership({ ownerOrg: org, classification: Classification.AMBER_STRICT }),
      });
      return { webhook, secret };
    });
  }

  @Mutation(() => AlertWebhookWithSecret, {
    description:
      'Gives the webhook a new signing secret, shown once. Until previousSecretValidUntil deliveries carry two signatures, with the new secret and with the one it replaces, so receivers keep verifying while they switch; then the new one only. A rotation during that overlap drops the older secret: only the one it replaces is kept.',
  })
  rotateAlertWebhookSecret(
    @Arg('input', () => AlertWebhookVersionInput) input: AlertWebhookVersionInput,
    @Arg('overlapSeconds', () => Int, {
      nullable: true,
      description: `How long deliveries are still signed with the replaced secret, in seconds, at most ${MAX_ROTATION_OVERLAP_MS / 1000} (7 days): 0 for not at all (it leaked, say). Left out: the hub's ALERT_WEBHOOK_ROTATION_OVERLAP, 24 hours unless configured otherwise.`,
    })
    overlapSeconds: number | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    const overlapMs = rotationOverlapMs(overlapSeconds);
    const secret = newSecret();
    return runMutation(ctx, async (tx) => {
      const current = await lockedWebhook(tx, input);
      const overlapping = overlapMs > 0;
      const webhook = await updateVersioned(
        tx,
        AlertWebhook,
        RECORD_TYPE,
        current,
        {
          secret,
          // Only the secret being replaced: one still overlapping from an earlier rotation is dropped.
          previousSecret: overlapping ? current.secret : null,
          previousSecretValidUntil: overlapping ? new Date(Date.now() + overlapMs) : null,
        },
        { kind: KIND },
      );
      return { webhook, secret };
    });
  }

  @Mutation(() => AlertWebhook, { description: 'Stops deliveries to the webhook; what is pending waits until it is enabled again.' })
  disableAlertWebhook(@Arg('input', () => AlertWebhookVersionInput) input: AlertWebhookVersionInput, @Ctx() ctx: SubgraphContext) {
    return runMutation(ctx, async (tx) =>
      updateVersioned(tx, AlertWebhook, RECORD_TYPE, await lockedWebhook(tx, input), { enabled: false }, { kind: KIND }),
    );
  }

  @Mutation(() => AlertWebhook, { description: 'Resumes deliveries to a disabled webhook.' })
  async enableAlertWebhook(@Arg('input', () => AlertWebhookVersionInput) input: AlertWebhookVersionInput, @Ctx() ctx: SubgraphContext) {
    const webhook = await runMutation(ctx, async (tx) =>
      updateVersioned(tx, AlertWebhook, RECORD_TYPE, await lockedWebhook(tx, input), { enabled: true }, { kind: KIND }),
    );
    alertWebhookWorker?.wake();
    return webhook;
  }

  @Mutation(() => ID, { description: 'Deletes the webhook and its delivery log; returns its id.' })
  deleteAlertWebhook(@Arg('input', () => AlertWebhookVersionInput) input: AlertWebhookVersionInput, @Ctx() ctx: SubgraphContext): Promise<string> {
    return runMutation(ctx, async (tx) => {
      const webhook = await lockedWebhook(tx, input);
      await tx.manager.delete(AlertWebhook, { id: webhook.id });
      await ctx.audit.change(tx.manager, AuditAction.DELETE, RECORD_TYPE, webhook.id, webhook);
      return webhook.id;
    });
  }

  @Mutation(() => AlertWebhookDelivery, {
    description:
      'Sends a FAILED (or DELIVERED) delivery again: PENDING from now, retried as a new one is. Whether it is sent is decided when it is due, under the policy then.',
  })
  async replayAlertWebhookDelivery(@Arg('id', () => ID) rawId: string, @Ctx() ctx: SubgraphContext): Promise<AlertWebhookDelivery> {
    requireSignedIn(ctx.viewer);
    const viewer = ctx.viewer;
    const id = uuid(rawId, 'id');
    const retryForMs = readWebhookConfig().retryForMs;
    const replayed = await runMutation(ctx, async (tx) => {
      const delivery = await tx.manager
        .getRepository(AlertWebhookDelivery)
        .createQueryBuilder('d')
        .where('d.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!delivery) throw notFound('alert webhook delivery', id);
      // Another organisation's delivery is not found, exactly as one that does not exist.
      const webhook = await visibleRecord(tx.manager, viewer, AlertWebhook, KIND, delivery.webhookId).catch(() => {
        throw notFound('alert webhook delivery', id);
      });
      assertAdminOf(viewer, webhook.ownerOrg);
      if (delivery.status !== AlertWebhookDeliveryStatus.FAILED && delivery.status !== AlertWebhookDeliveryStatus.DELIVERED)
        throw conflict(`delivery ${id} is ${delivery.status}; only a FAILED or DELIVERED delivery is replayed`);
      await tx.manager.update(
        AlertWebhookDelivery,
        { id },
        {
          status: AlertWebhookDeliveryStatus.PENDING,
          attempts: 0,
          nextAttemptAt: () => 'now()',
          retryUntil: new Date(Date.now() + retryForMs),
          claim: null,
          deliveredAt: null,
        },
      );
      await ctx.audit.change(tx.manager, AuditAction.UPDATE, 'AlertWebhookDelivery', id, webhook);
      return tx.manager.findOneByOrFail(AlertWebhookDelivery, { id });
    });
    alertWebhookWorker?.wake();
    return replayed;
  }
}
