// The committed migrations of this subgraph, oldest first; written by scripts/generate-migration.ts.
import { Init1795606603920 } from './1795606603920-Init';

export const migrations = [Init1795606603920];
