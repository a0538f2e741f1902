// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1796182967880 } from './1796182967880-Init';

export const migrations = [Init1796182967880];
