// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606588382 } from './1795606588382-Init';
import { AuditTrail1795607209433 } from './1795607209433-AuditTrail';
import { Idempotency1795607803189 } from './1795607803189-Idempotency';
import { SessionCancellation1795609247760 } from './1795609247760-SessionCancellation';
import { Confidentiality1795610000002 } from './1795610000002-Confidentiality';
import { OrganiserConfirmation1796154181431 } from './1796154181431-OrganiserConfirmation';
import { AuditLayout1796200000000 } from './1796200000000-AuditLayout';
import { TrainingRecord1796360000001 } from './1796360000001-TrainingRecord';
import { TrainingOrganisers1796370000000 } from './1796370000000-TrainingOrganisers';
import { OfficeName1796394000001 } from './1796394000001-OfficeName';

export const migrations = [
  Init1795606588382,
  AuditTrail1795607209433,
  Idempotency1795607803189,
  SessionCancellation1795609247760,
  Confidentiality1795610000002,
  OrganiserConfirmation1796154181431,
  AuditLayout1796200000000,
  TrainingRecord1796360000001,
  TrainingOrganisers1796370000000,
  OfficeName1796394000001,
];
