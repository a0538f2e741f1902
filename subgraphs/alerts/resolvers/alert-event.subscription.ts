// The subscription a dashboard sends to the gateway's /graphql/stream, declared here so that the
// composed schema has it: AlertEvent, its filter and Subscription.alertEvents. The gateway serves
// it (gateway/alert-event-stream.ts), reading this subgraph's GET /alert-events
// (alert-event.stream.ts) for each subscriber; the field's own resolver refuses, since
// @apollo/gateway never calls it and nothing else may.
import { GraphQLError } from 'graphql';
import { Arg, Field, ID, InputType, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { RiskLevel } from '../../kernel/schema/vocabulary';
import { Alert } from '../entities/alert.entity';
import { AlertEventTopic } from '../events/alert-events';

@ObjectType({ description: 'Something that happened to an alert the subscriber may read, in the order the hub published it.' })
export class AlertEvent {
  @Field(() => Int, { description: 'Its place in the order of publication (1, 2, 3 ...): also the SSE id to resume after (Last-Event-ID).' })
  seq: number;

  @Field(() => ID, { description: "The event's id, as a webhook delivery of it names it too." })
  id: string;

  @Field(() => AlertEventTopic)
  type: AlertEventTopic;

  @Field(() => Date, { description: 'When the step it reports committed.' })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: 'The organisation it concerns besides the alert (the one that acknowledged).' })
  org: string | null;

  @Field(() => Alert, { nullable: true, description: 'The alert as the subscriber may read it when the event is delivered.' })
  alert: Alert | null;
}

@InputType({ description: 'Which alert events to receive; every field narrows, an empty filter takes all.' })
export class AlertEventFilter {
  @Field(() => [AlertEventTopic], { nullable: true, description: 'Only events of these types.' })
  types?: AlertEventTopic[];

  @Field(() => [RiskLevel], { nullable: true, description: "Only events about alerts at one of these levels (the alert's level when delivered)." })
  levels?: RiskLevel[];

  @Field(() => [String], { nullable: true, description: 'Only events about alerts concerning one of these countries (ISO 3166-1 alpha-3).' })
  countries?: string[];
}

@Resolver()
export class AlertEventSubscriptionResolver {
  @Subscription(() => AlertEvent, {
    description:
      "Alert events as they are published, each only if the subscriber may read its alert at that moment. Served by the gateway's /graphql/stream (GraphQL over SSE); resume with Last-Event-ID.",
    subscribe: () => {
      throw new GraphQLError("Subscribe to alertEvents through the hub gateway's /graphql/stream", { extensions: { code: 'BAD_REQUEST' } });
    },
  })
  alertEvents(@Root() event: AlertEvent, @Arg('filter', () => AlertEventFilter, { nullable: true }) _filter?: AlertEventFilter): AlertEvent {
    return event;
  }
}
