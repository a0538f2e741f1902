// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606588382 } from './1795606588382-Init';
import { AuditTrail1795607209433 } from './1795607209433-AuditTrail';

export const migrations = [Init1795606588382, AuditTrail1795607209433];
