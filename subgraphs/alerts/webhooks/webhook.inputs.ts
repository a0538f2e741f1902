// Inputs of the webhook mutations; class-validator checks their shape, webhook-config.ts the URL's rule.
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsInt, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AlertEventTopic } from '../events/alert-events';

@InputType({ description: 'An endpoint for alert events of your organisation.' })
export class RegisterAlertWebhookInput {
  @Field({ description: 'Where to POST events: https (http only to localhost or 127.0.0.1 outside production).' })
  @MaxLength(2000)
  url: string;

  @Field(() => [AlertEventTopic], { description: 'The events to receive.' })
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(20)
  events: AlertEventTopic[];
}

@InputType({ description: 'A webhook at the version you read.' })
export class AlertWebhookVersionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version: number;
}
