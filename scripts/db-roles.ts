// `npm run db:roles`: creates the PostgreSQL role of each subgraph the manifest lists with a module, owner of its schema and of
// nothing else (subgraphs/kernel/db/database-roles.ts). Connects as DATABASE_URL (with the password
// of DATABASE_PASSWORD_FILE when set), a user allowed to create roles; safe to run again, e.g.
// to change a password or after the database was used as a superuser.
import { databaseUrlOf } from '../subgraphs/kernel/service/config';
import { provisionSubgraphRoles, subgraphRolesOf } from '../subgraphs/kernel/db/database-roles';
import { moduleEntries } from '../platform/manifest';

async function main(): Promise<number> {
  // The administrator's own URL: DATABASE_URL, not a subgraph's (no subgraph is named "admin").
  const adminUrl = databaseUrlOf('admin', { ...process.env, DATABASE_URL_ADMIN: '', DATABASE_PASSWORD_FILE_ADMIN: '' });
  if (!adminUrl) {
    console.error('set DATABASE_URL to the database, as a user allowed to create roles (its owner or a superuser)');
    return 2;
  }
  // One role per subgraph built on our kernel; a partner's own service keeps its data elsewhere.
  const roles = subgraphRolesOf(moduleEntries().map((entry) => entry.name));
  await provisionSubgraphRoles(adminUrl, roles);
  for (const { role, schema } of roles) console.log(`${role} owns schema ${schema}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
