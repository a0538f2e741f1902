// How much the audit trail grows per 1,000 main-dashboard views: starts the hub (on PostgreSQL when
// DATABASE_URL is set) with the bench's data at 1,000 situations, asks MAIN_DASHBOARD as the bench
// viewer VIEWS times through the gateway, and prints the rows and bytes (every partition, indexes
// and TOAST included; indexes also apart) each subgraph's audit tables gained.
// node --experimental-vm-modules dist/bench/audit-growth.js [views]
import './environment';
import { startHub, type Hub } from '../test/support/hub';
import { addSituations, addSources, addTrainingSessions, storedSituations } from './data';
import { ask, gatewayEndpoint } from './measure';
import { MAIN_DASHBOARD } from './queries';

const SITUATIONS = 1000;
const TRAINING_SESSIONS = 3000;

interface Size {
  rows: number;
  bytes: number;
  indexBytes: number;
}

async function auditSize(hub: Hub): Promise<Record<string, Size>> {
  const sizes: Record<string, Size> = {};
  for (const [name, subgraph] of Object.entries(hub.subgraphs))
    for (const table of ['audit_event', 'audit_read']) {
      const [row] = await subgraph.db.query(
        `SELECT (SELECT count(*)::int FROM "${name}"."${table}") AS rows,
                (SELECT sum(pg_total_relation_size(relid))::bigint FROM pg_partition_tree('"${name}"."${table}"'::regclass)) AS bytes,
                (SELECT sum(pg_indexes_size(relid))::bigint FROM pg_partition_tree('"${name}"."${table}"'::regclass)) AS "indexBytes"`,
      );
      sizes[`${name}.${table}`] = { rows: row.rows, bytes: Number(row.bytes), indexBytes: Number(row.indexBytes) };
    }
  return sizes;
}

async function main(): Promise<void> {
  const views = Number(process.argv[2] ?? 1000);
  const hub = await startHub();
  try {
    await addSources(hub);
    await addTrainingSessions(hub, TRAINING_SESSIONS);
    await addSituations(hub, 0, SITUATIONS - (await storedSituations(hub)));
    const endpoint = await gatewayEndpoint(hub);
    const before = await auditSize(hub);
    for (let i = 0; i < views; i++) await ask(endpoint, MAIN_DASHBOARD);
    const after = await auditSize(hub);
    let rows = 0;
    let bytes = 0;
    for (const table of Object.keys(after)) {
      const grown = {
        rows: after[table].rows - before[table].rows,
        bytes: after[table].bytes - before[table].bytes,
        indexBytes: after[table].indexBytes - before[table].indexBytes,
      };
      if (grown.rows === 0 && grown.bytes === 0) continue;
      rows += grown.rows;
      bytes += grown.bytes;
      console.log(`${table}: +${grown.rows} rows, +${(grown.bytes / 1024).toFixed(0)} KiB (indexes ${(grown.indexBytes / 1024).toFixed(0)} KiB)`);
    }
    const per1000 = 1000 / views;
    console.log(
      `${views} views at ${await storedSituations(hub)} situations: +${rows} rows, +${(bytes / 1024 / 1024).toFixed(2)} MiB; per 1,000 views ${Math.round(rows * per1000)} rows, ${((bytes * per1000) / 1024 / 1024).toFixed(2)} MiB`,
    );
  } finally {
    await hub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
