// The alerts subgraph: early warnings, advisory notes, public statements and briefings, their
// status workflow and the recipients' acknowledgements. `node dist/subgraphs/alerts` runs it.
import 'reflect-metadata';
import { RecordFloor } from '../kernel/policy/record-floor';
import { OutboxEvent } from '../kernel/events/outbox';
import { runSubgraph, type SubgraphModule } from '../kernel/service/subgraph-service';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { AcknowledgementDue } from './entities/acknowledgement-due.entity';
import { Alert } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';
import { startAlertDispatcher } from './events/dispatch';
import { streamAlertEvents } from './resolvers/alert-event.stream';
import { ALERT_EVENTS_PATH } from '../../platform/downloads';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildAlertsSchema } from './schema';
import { seedIllustrative, seedReference } from './seed';
import { AlertWebhook, AlertWebhookDelivery } from './webhooks/webhook.entity';

export const alertsSubgraph: SubgraphModule = {
  name: 'alerts',
  entities: [RecordFloor, OutboxEvent, Alert, Acknowledgement, AcknowledgementDue, AlertStatusChange, AlertWebhook, AlertWebhookDelivery],
  migrations,
  createLoaders,
  buildSchema: buildAlertsSchema,
  seedReference,
  seedIllustrative,
  background: startAlertDispatcher,
  // The live events the gateway's /graphql/stream serves to each subscriber (README "Live alert events").
  streams: { [ALERT_EVENTS_PATH]: streamAlertEvents },
};

if (require.main === module) void runSubgraph(alertsSubgraph);
