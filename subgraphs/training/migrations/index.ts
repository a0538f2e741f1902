// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606588382 } from './1795606588382-Init';

export const migrations = [Init1795606588382];
