// `npm start`: runs every subgraph of the manifest built on our kernel (schema/subgraphs.json,
// entries with a `module`) and the gateway as separate processes, as production would, each on its
// own port (the manifest's, or <NAME>_PORT) and (without DATABASE_URL) its own PGlite folder under .data/.
// Seeds empty databases, waits until every service is ready, prints the endpoint, and keeps the
// services running (scripts/supervisor.ts): one that exits is started again. Ctrl-C stops all.
// WEB_CONCURRENCY (with DATABASE_URL) makes each service the primary of that many workers.
import path from 'node:path';
import { readConfig, wholeNumber, workerVariables } from '../platform/config';
import { developmentKeyFiles, developmentKeysDir } from '../platform/gateway-keys';
import { manifest, moduleEntries } from '../platform/manifest';
import { pgliteRefusesWorkers } from '../subgraphs/kernel/service/config';
import { Supervisor, type ServiceSpec } from './supervisor';

const DIST = path.resolve(__dirname, '..');
// Each service drains within this on Ctrl-C, so that the whole hub stops inside 5 s.
const SERVICE_SHUTDOWN_MS = '2500';

export const EXAMPLE_QUERY = `query PartnerWalk {
  partner(code: "ICGLR") {
    name
    memberStates {
      iso3
      name
      situations { title currentLevel alerts { title level status } }
      trainingSessions { title startDate city }
    }
  }
}`;

function portOf(name: string, fallback: number): number {
  const variable = `${name.toUpperCase()}_PORT`;
  return readConfig(wholeNumber(variable, 1, 65535, fallback), process.env[variable]);
}

/** Waits until every named service answers /ready (a service restarting meanwhile is waited for too). */
async function waitReady(specs: ServiceSpec[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(specs);
  while (pending.size > 0) {
    if (Date.now() > deadline)
      throw new Error(`${[...pending].map((s) => `${s.name} (port ${s.port})`).join(', ')} not ready after ${timeoutMs / 1000}s`);
    for (const spec of [...pending]) {
      try {
        const response = await fetch(`http://127.0.0.1:${spec.port}/ready`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) pending.delete(spec);
      } catch {
        // not listening yet
      }
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * The gateway's key pair: the configured files, or (development) the pair generated once under
 * .data/keys. Only the gateway is told where the private key is; subgraphs get the public set.
 */
function keyEnv(): { gateway: Record<string, string>; subgraphs: Record<string, string> } {
  if (process.env.HUB_GATEWAY_SIGNING_KEY_FILE || process.env.NODE_ENV === 'production') return { gateway: {}, subgraphs: {} };
  const files = developmentKeyFiles(developmentKeysDir());
  return {
    gateway: { HUB_GATEWAY_SIGNING_KEY_FILE: files.signingKeyFile, HUB_GATEWAY_JWKS_FILE: files.publicKeysFile },
    subgraphs: { HUB_GATEWAY_JWKS_FILE: files.publicKeysFile },
  };
}

async function main(): Promise<void> {
  // Every service runs WEB_CONCURRENCY workers; the subgraphs would refuse them on PGlite, again and again.
  const workers = readConfig(workerVariables.WEB_CONCURRENCY, process.env.WEB_CONCURRENCY);
  if (workers > 1 && !process.env.DATABASE_URL) {
    console.error(pgliteRefusesWorkers(workers));
    process.exit(2);
  }
  const keys = keyEnv();
  const subgraphs: ServiceSpec[] = moduleEntries().map(({ name, port }) => ({
    name,
    script: path.join(DIST, 'scripts', 'start-service.js'),
    args: [name],
    port: portOf(name, port),
    env: { SEED_ON_START: process.env.SEED_ON_START ?? 'true', ...keys.subgraphs },
  }));
  const gateway: ServiceSpec = {
    name: 'gateway',
    script: path.join(DIST, 'gateway/index.js'),
    port: portOf('gateway', manifest().gateway.port),
    env: keys.gateway,
  };
  // Every service learns where the subgraphs answer: the gateway to plan, subgraphs for peer filters.
  // Services built elsewhere (`sdl` entries) keep their manifest URL unless <NAME>_URL says otherwise.
  const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`]));
  const elsewhere = manifest().subgraphs.filter((entry) => entry.module === undefined);
  const supervisor = new Supervisor(process.execPath, { SHUTDOWN_DEADLINE_MS: SERVICE_SHUTDOWN_MS, ...process.env, ...urls });

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const clean = await supervisor.stop();
    process.exit(clean ? code : 1);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const database = process.env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite under ${process.env.PGLITE_DIR ?? path.resolve('.data', 'pglite')}`;
  console.log(`Starting the hub on ${database}...`);
  try {
    for (const spec of subgraphs) supervisor.start(spec);
    await waitReady(subgraphs, 180_000);
    supervisor.start(gateway);
    await waitReady([gateway], 60_000);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
    return;
  }
  const endpoint = `http://localhost:${gateway.port}/graphql`;
  console.log(`
The hub is ready: ${endpoint}
  subgraphs: ${subgraphs.map((s) => `${s.name} :${s.port}`).join(', ')}${
    elsewhere.length ? `\n  elsewhere: ${elsewhere.map((e) => `${e.name} ${process.env[`${e.name.toUpperCase()}_URL`] ?? e.url}`).join(', ')}` : ''
  }
  health:    http://localhost:${gateway.port}/health   readiness: http://localhost:${gateway.port}/ready

In a browser: the explorer at ${endpoint}, the dashboard at http://localhost:${gateway.port}/dashboard
(README "The explorer", "The dashboard"). Or try (anonymous readers see CLEAR records only;
the token below reads as an analyst of the Office, see README "Who sees what"):

TOKEN=$(npm run -s token -- --org UN-JO --roles viewer --sub un-jo-analyst)
curl -s ${endpoint} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  --data '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') })}'

Press Ctrl-C to stop.`);
}

if (require.main === module) void main();
