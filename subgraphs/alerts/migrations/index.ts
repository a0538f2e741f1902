// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606603920 } from './1795606603920-Init';
import { AuditTrail1795607211982 } from './1795607211982-AuditTrail';
import { Idempotency1795607809043 } from './1795607809043-Idempotency';
import { Confidentiality1795610000003 } from './1795610000003-Confidentiality';
import { AuditLayout1796200000000 } from './1796200000000-AuditLayout';
import { CrimeLists1796231636272 } from './1796231636272-CrimeLists';
import { ExerciseAlerts1796233000000 } from './1796233000000-ExerciseAlerts';
import { RecommendationsAndCitations1796310000000 } from './1796310000000-RecommendationsAndCitations';
import { Outbox1796390000000 } from './1796390000000-Outbox';
import { AlertWebhooks1796391000000 } from './1796391000000-AlertWebhooks';
import { AcknowledgementDeadlines1796392000000 } from './1796392000000-AcknowledgementDeadlines';
import { WebhookSecretRotation1796393000000 } from './1796393000000-WebhookSecretRotation';
import { ExerciseAlertTexts1796396000000 } from './1796396000000-ExerciseAlertTexts';

export const migrations = [
  Init1795606603920,
  AuditTrail1795607211982,
  Idempotency1795607809043,
  Confidentiality1795610000003,
  AuditLayout1796200000000,
  CrimeLists1796231636272,
  ExerciseAlerts1796233000000,
  RecommendationsAndCitations1796310000000,
  Outbox1796390000000,
  AlertWebhooks1796391000000,
  AcknowledgementDeadlines1796392000000,
  WebhookSecretRotation1796393000000,
  ExerciseAlertTexts1796396000000,
];
