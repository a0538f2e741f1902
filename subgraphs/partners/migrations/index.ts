// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606343722 } from './1795606343722-Init';

export const migrations = [Init1795606343722];
