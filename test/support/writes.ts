// Assertions the write-path tests share: a mutation that went through, one refused with exactly one
// error code and no data, and counts of stored rows to prove a refusal or a retry stored nothing.
import type { GraphQLResponse, Hub } from './hub';

export interface Refusal {
  message: string;
  extensions?: Record<string, unknown>;
}

export function accepted<T = Record<string, any>>(response: GraphQLResponse, field: string): T {
  expect(response.errors).toBeUndefined();
  return response.data![field] as T;
}

export function refused(response: GraphQLResponse, code: string): Refusal {
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  return response.errors![0];
}

/** A BAD_USER_INPUT that names each of `fields` (and no others when `exactly`). */
export function refusedFields(response: GraphQLResponse, fields: string[], exactly = false): Refusal {
  const error = refused(response, 'BAD_USER_INPUT');
  const named = error.extensions!.fields as string[];
  if (exactly) expect([...named].sort()).toEqual([...fields].sort());
  else expect(named).toEqual(expect.arrayContaining(fields));
  for (const field of fields) expect(error.message).toContain(field.split('.').pop()!);
  return error;
}

/** `SELECT count(*) FROM <from>` in one subgraph's database. */
export async function countRows(hub: Hub, subgraph: string, from: string, params: unknown[] = []): Promise<number> {
  const [row] = await hub.subgraphs[subgraph].db.query(`SELECT count(*)::int AS n FROM ${from}`, params);
  return row.n;
}

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string;
  actorSub: string | null;
  actorOrg: string | null;
  classification: string;
}

/** The CREATE, UPDATE and DELETE events an admin of the owner reads in `<subgraph>AuditTrail`. */
export async function changesInTrail(hub: Hub, subgraph: string, adminToken: string, recordType?: string): Promise<AuditEntry[]> {
  const field = `${subgraph}AuditTrail`;
  const response = await hub.query<Record<string, AuditEntry[]>>(
    `query Trail($filter: AuditTrailFilter) { ${field}(filter: $filter, limit: 500) { action recordType recordId actorSub actorOrg classification } }`,
    { filter: { actions: ['CREATE', 'UPDATE', 'DELETE'], ...(recordType ? { recordType } : {}) } },
    { token: adminToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data![field];
}

/** A fault injected into one table: inserts (or updates) of rows matching `when` fail inside the transaction. */
export async function injectFault(hub: Hub, subgraph: string, table: string, when: string, on = 'INSERT'): Promise<() => Promise<void>> {
  const db = hub.subgraphs[subgraph].db;
  const name = `test_fault_${table}`;
  await db.query(
    `CREATE FUNCTION ${subgraph}.${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${when} THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`,
  );
  await db.query(`CREATE TRIGGER ${name} BEFORE ${on} ON ${subgraph}.${table} FOR EACH ROW EXECUTE FUNCTION ${subgraph}.${name}()`);
  return async () => {
    await db.query(`DROP TRIGGER IF EXISTS ${name} ON ${subgraph}.${table}`);
    await db.query(`DROP FUNCTION IF EXISTS ${subgraph}.${name}()`);
  };
}

/** The gateway reports a subgraph's unexpected error as SUBGRAPH_ERROR, without its detail. */
export function failedUnexpectedly(response: GraphQLResponse): void {
  expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_ERROR']);
  expect(JSON.stringify(response)).not.toMatch(/injected fault/);
}
