// Least privilege on PostgreSQL: each subgraph logs in as a role of its own that owns its schema
// and nothing else, so a subgraph (or whoever takes it over) cannot read or change another's
// tables. Run once per database by an administrator (`npm run db:roles`, or docker-compose's
// db-roles service); the subgraphs then apply their own migrations as those roles.
import { Client } from 'pg';
import { readSecretFile } from '../../../platform/config';
import { logger } from '../../../platform/logger';

export interface SubgraphRole {
  /** The subgraph's schema, e.g. "training". */
  schema: string;
  /** The role it logs in as, e.g. "hub_training". */
  role: string;
  password: string;
}

/** The role a subgraph logs in as unless DATABASE_ROLE_<SUBGRAPH> names another. */
export function defaultRoleName(schema: string): string {
  return `hub_${schema}`;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a role or schema name this tool creates (lower-case letters, digits and _)`);
  return `"${name}"`;
}

// What lives in a schema and has an owner, as `ALTER <kind> <target>` names it: tables, views and
// sequences of its own (a sequence a column owns follows its table; a partition does not follow
// its parent, so each is named), enum and domain types (a table's row type and array types follow
// their base), and functions (the audit trail's trigger and partition maker).
const OWNED_OBJECTS = `
  SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
         format('%I.%I', $1::text, c.relname) AS target
    FROM pg_class c
   WHERE c.relnamespace = $1::text::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> $2::text::regrole
     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i') AND d.refobjsubid <> 0)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', $1::text, t.typname)
    FROM pg_type t
   WHERE t.typnamespace = $1::text::regnamespace AND t.typtype IN ('e', 'd') AND t.typowner <> $2::text::regrole
  UNION ALL
  SELECT 'ROUTINE', format('%I.%I(%s)', $1::text, p.proname, pg_get_function_identity_arguments(p.oid))
    FROM pg_proc p
   WHERE p.pronamespace = $1::text::regnamespace AND p.proowner <> $2::text::regrole`;

/**
 * Creates (or updates) each role with LOGIN and its password and no other attribute, and makes it
 * the owner of its schema and of everything already in it, so that a database the hub used as a
 * superuser before passes to the roles unchanged. Other roles get no right on the schema. Runs as
 * `adminUrl`'s user, which must be allowed to create roles (the database's owner or a superuser).
 */
export async function provisionSubgraphRoles(adminUrl: string, roles: readonly SubgraphRole[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const [{ database }] = (await client.query('SELECT current_database() AS database')).rows;
    // Before PostgreSQL 15 anyone could create tables in public: a space every role would share.
    await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    for (const { schema, role, password } of roles) {
      if (!password) throw new Error(`no password for role ${role}`);
      const quotedRole = identifier(role);
      const quotedSchema = identifier(schema);
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
      const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
      await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${quotedRole} WITH ${attributes}`);
      await client.query(`GRANT CONNECT ON DATABASE "${database.replace(/"/g, '""')}" TO ${quotedRole}`);
      const schemaExists = (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
      if (!schemaExists) await client.query(`CREATE SCHEMA ${quotedSchema} AUTHORIZATION ${quotedRole}`);
      else {
        await client.query(`ALTER SCHEMA ${quotedSchema} OWNER TO ${quotedRole}`);
        const objects = (await client.query(OWNED_OBJECTS, [schema, role])).rows as { kind: string; target: string }[];
        for (const object of objects) await client.query(`ALTER ${object.kind} ${object.target} OWNER TO ${quotedRole}`);
      }
      await client.query(`REVOKE ALL ON SCHEMA ${quotedSchema} FROM PUBLIC`);
      logger.info('database role ready', { role, schema });
    }
  } finally {
    await client.end();
  }
}

/**
 * The roles `npm run db:roles` creates, from the variables the subgraphs read themselves: the
 * user of DATABASE_URL_<SUBGRAPH> (hub_<subgraph> when unset) with the password of
 * DATABASE_PASSWORD_FILE_<SUBGRAPH>, or else the one in that URL. A role without a password is refused.
 */
export function subgraphRolesOf(names: readonly string[], env: NodeJS.ProcessEnv = process.env): SubgraphRole[] {
  return names.map((name) => {
    const suffix = name.toUpperCase();
    const own = env[`DATABASE_URL_${suffix}`] ? new URL(env[`DATABASE_URL_${suffix}`]!) : undefined;
    const file = env[`DATABASE_PASSWORD_FILE_${suffix}`];
    const role = own?.username ? decodeURIComponent(own.username) : defaultRoleName(name);
    const password = file ? readSecretFile(file, `DATABASE_PASSWORD_FILE_${suffix}`) : decodeURIComponent(own?.password ?? '');
    if (!password) throw new Error(`set DATABASE_PASSWORD_FILE_${suffix} (or a password in DATABASE_URL_${suffix}) for role ${role}`);
    return { schema: name, role, password };
  });
}
