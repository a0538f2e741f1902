// An organisation's webhooks and their delivery logs: read by its administrators only, who see
// no other organisation's (the policy hides them: a webhook is AMBER_STRICT to its organisation).
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { assertAdminOf } from '../../kernel/policy/access-policy';
import { queryOf, readVisible } from '../../kernel/read/reading';
import type { SubgraphContext } from '../../kernel/service/context';
import { ListSize, SlicedListSize } from '../../kernel/schema/list-size';
import { requireSignedIn } from '../../kernel/write/writing';
import { badInput } from '../../../platform/errors';
import { AlertWebhook, AlertWebhookDelivery, AlertWebhookDeliveryStatus } from './webhook.entity';

/** Webhooks one organisation may have; registerAlertWebhook refuses more. */
export const MAX_WEBHOOKS = 20;
const MAX_DELIVERIES = 100;

@Resolver(() => AlertWebhook)
export class AlertWebhookResolver {
  @ListSize(MAX_WEBHOOKS)
  @Query(() => [AlertWebhook], { nullable: true, description: "Your organisation's webhooks for alert events, oldest first. Administrators only." })
  async alertWebhooks(@Ctx() ctx: SubgraphContext): Promise<AlertWebhook[]> {
    requireSignedIn(ctx.viewer);
    assertAdminOf(ctx.viewer, ctx.viewer.org);
    const query = queryOf(ctx, AlertWebhook, 'w').andWhere('w.owner_org = :org', { org: ctx.viewer.org }).orderBy('w.created_at').addOrderBy('w.id');
    return readVisible(ctx, query);
  }

  // Null once passed, whether or not the worker has cleared the column yet: the field says whether
  // deliveries carry the second signature now.
  @FieldResolver(() => Date, { nullable: true })
  previousSecretValidUntil(@Root() webhook: AlertWebhook): Date | null {
    const until = webhook.previousSecretValidUntil;
    return until && until.getTime() > Date.now() ? until : null;
  }

  // Only reached through alertWebhooks, which admits administrators of the webhook's organisation.
  @SlicedListSize('first', 20)
  @FieldResolver(() => [AlertWebhookDelivery], { description: 'Its deliveries, newest event first.' })
  async deliveries(
    @Root() webhook: AlertWebhook,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many, at most ${MAX_DELIVERIES}.` }) first: number,
    @Arg('status', () => AlertWebhookDeliveryStatus, { nullable: true, description: 'Only those in this status.' })
    status: AlertWebhookDeliveryStatus | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AlertWebhookDelivery[]> {
    if (first < 0 || first > MAX_DELIVERIES) throw badInput(`first must be between 0 and ${MAX_DELIVERIES}`, 'first');
    const query = ctx.db
      .getRepository(AlertWebhookDelivery)
      .createQueryBuilder('d')
      .where('d.webhook_id = :id', { id: webhook.id })
      .orderBy('d.seq', 'DESC')
      .take(first);
    if (status) query.andWhere('d.status = :status', { status });
    return query.getMany();
  }
}
