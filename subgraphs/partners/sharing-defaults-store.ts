// An organisation's sharing defaults read from the partners database, for the commands on the server
// (`npm run import`), which have no gateway to ask through: the database opened as the partners
// service opens it, the defaults as Partner.sharingDefaults gives them (rules/partner.rules.ts).
import { existsSync } from 'node:fs';
import { defaultPortOf } from '../../platform/manifest';
import { openPGlite, openSubgraphDatabase, type DatabaseTarget } from '../kernel/db/database';
import type { SharingDefaults } from '../kernel/policy/sharing-defaults';
import { readServiceConfig } from '../kernel/service/config';
import { Partner } from './entities/partner.entity';
import { partnersSubgraph } from './index';
import { sharingDefaultsOf } from './rules/partner.rules';

export interface StoredSharingDefaults {
  /** Null when the partners database holds no partner of that code, or there is no partners database. */
  defaults: SharingDefaults | null;
  /** Where they were looked for ("PostgreSQL (DATABASE_URL)" or the PGlite folder), and why none came back. */
  where: string;
}

/**
 * The sharing defaults `org` has set (the partner's record holds them from the seed on: the hub's
 * GREEN, shared with no one, until its admins change them). A PGlite folder that does not exist is
 * not created: there is then no organisation to read them from. Throws FolderInUseError while a
 * running partners service holds the folder.
 */
export async function readStoredSharingDefaults(org: string, env: NodeJS.ProcessEnv = process.env): Promise<StoredSharingDefaults> {
  const config = readServiceConfig(partnersSubgraph.name, defaultPortOf(partnersSubgraph.name), env);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.pgliteDir}`;
  if (!config.databaseUrl && !existsSync(config.pgliteDir)) return { defaults: null, where: `${where}, which does not exist` };
  let target: DatabaseTarget;
  let closeGate = async () => {};
  if (config.databaseUrl) target = { kind: 'postgres', url: config.databaseUrl, poolSize: 1 };
  else {
    const gate = await openPGlite(config.pgliteDir);
    target = { kind: 'pglite', gate };
    closeGate = () => gate.close();
  }
  try {
    const db = await openSubgraphDatabase({
      schema: partnersSubgraph.name,
      entities: partnersSubgraph.entities,
      migrations: partnersSubgraph.migrations,
      target,
    });
    try {
      const defaults = sharingDefaultsOf(await db.manager.findOneBy(Partner, { code: org }));
      return { defaults, where: defaults ? where : `${where}, which holds no partner ${org}` };
    } finally {
      await db.destroy();
    }
  } finally {
    await closeGate();
  }
}
