// Acknowledgements: the organisation that made each one.
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Acknowledgement } from '../entities/acknowledgement.entity';
import { Partner } from '../entities/references';

@Resolver(() => Acknowledgement)
export class AcknowledgementResolver {
  @FieldResolver(() => Partner, { description: 'The acknowledging organisation.' })
  organisation(@Root() acknowledgement: Acknowledgement): Partner {
    return { code: acknowledgement.org };
  }
}
