// The alerts subgraph: early warnings, advisory notes, public statements and briefings, their
// status workflow and the recipients' acknowledgements. `node dist/subgraphs/alerts` runs it.
import 'reflect-metadata';
import { RecordFloor } from '../kernel/policy/record-floor';
import { OutboxEvent } from '../kernel/events/outbox';
import { runSubgraph, type SubgraphModule } from '../kernel/service/subgraph-service';
import { Acknowledgement } from './entities/acknowledgement.entity';
import { Alert } from './entities/alert.entity';
import { AlertStatusChange } from './entities/alert-status-change.entity';
import { startAlertDispatcher } from './events/dispatch';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { buildAlertsSchema } from './schema';
import { seedIllustrative, seedReference } from './seed';
import { AlertWebhook, AlertWebhookDelivery } from './webhooks/webhook.entity';

export const alertsSubgraph: SubgraphModule = {
  name: 'alerts',
  entities: [RecordFloor, OutboxEvent, Alert, Acknowledgement, AlertStatusChange, AlertWebhook, AlertWebhookDelivery],
  migrations,
  createLoaders,
  buildSchema: buildAlertsSchema,
  seedReference,
  seedIllustrative,
  background: startAlertDispatcher,
};

if (require.main === module) void runSubgraph(alertsSubgraph);
