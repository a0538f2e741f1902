// Acknowledgements and status changes: the organisation that made each, and the person, whose
// user id only that organisation's own members see.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../kernel/service/context';
import { staffIdFor } from '../../../platform/identity';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { AcknowledgementDue } from '../entities/acknowledgement-due.entity';
import { AlertStatusChange } from '../entities/alert-status-change.entity';
import { Partner } from '../entities/references';

@Resolver(() => Acknowledgement)
export class AcknowledgementResolver {
  @FieldResolver(() => Partner, { nullable: true, description: 'The acknowledging organisation (null while the partners subgraph cannot answer).' })
  organisation(@Root() acknowledgement: Acknowledgement): Partner {
    return { code: acknowledgement.org };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'User id of the person who acknowledged it; null unless you belong to the acknowledging organisation.',
  })
  acknowledgedBy(@Root() acknowledgement: Acknowledgement, @Ctx() ctx: SubgraphContext): string | null {
    return staffIdFor(ctx.viewer, acknowledgement.org, acknowledgement.acknowledgedBy);
  }
}

@Resolver(() => AcknowledgementDue)
export class AcknowledgementDueResolver {
  @FieldResolver(() => Partner, { nullable: true, description: 'The recipient organisation (null while the partners subgraph cannot answer).' })
  organisation(@Root() due: AcknowledgementDue): Partner {
    return { code: due.org };
  }
}

@Resolver(() => AlertStatusChange)
export class AlertStatusChangeResolver {
  @FieldResolver(() => String, { nullable: true, description: 'User id of the person who made the change; null unless you belong to changedByOrg.' })
  changedBy(@Root() change: AlertStatusChange, @Ctx() ctx: SubgraphContext): string | null {
    return staffIdFor(ctx.viewer, change.changedByOrg, change.changedBy);
  }
}
