// An organisation's sharing defaults read from the partners database, for the commands on the server
// (`npm run import`), which have no gateway to ask through: the database opened as the partners
// service opens it, the defaults as Partner.sharingDefaults gives them (rules/partner.rules.ts).
import { openCommandDatabase } from '../kernel/db/command-database';
import type { SharingDefaults } from '../kernel/policy/sharing-defaults';
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
  const opened = await openCommandDatabase(partnersSubgraph, { env, poolSize: 1, existingOnly: true });
  if ('missing' in opened) return { defaults: null, where: `${opened.missing}, which does not exist` };
  try {
    const defaults = sharingDefaultsOf(await opened.db.manager.findOneBy(Partner, { code: org }));
    return { defaults, where: defaults ? opened.where : `${opened.where}, which holds no partner ${org}` };
  } finally {
    await opened.close();
  }
}
