// `npm start`: runs the four subgraphs and the gateway as separate processes, as production
// would, each on its own port and (without DATABASE_URL) its own PGlite folder under .data/.
// Seeds empty databases, waits until every service is ready, prints the endpoint; Ctrl-C stops all.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { integer } from '../subgraphs/kernel/config';

interface ServiceSpec {
  name: string;
  script: string;
  port: number;
}

const DIST = path.resolve(__dirname, '..');
const SUBGRAPH_PORTS: Record<string, number> = { situations: 4001, partners: 4002, training: 4003, alerts: 4004 };

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
  return integer(process.env[`${name.toUpperCase()}_PORT`], fallback, `${name.toUpperCase()}_PORT`, 1, 65535);
}

async function waitReady(spec: ServiceSpec, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`http://127.0.0.1:${spec.port}/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${spec.name} was not ready on port ${spec.port} after ${timeoutMs / 1000}s`);
}

function launch(spec: ServiceSpec, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(DIST, spec.script)], {
    env: { ...process.env, ...env, PORT: String(spec.port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function main(): Promise<void> {
  const subgraphs: ServiceSpec[] = Object.entries(SUBGRAPH_PORTS).map(([name, port]) => ({
    name,
    script: `subgraphs/${name}/index.js`,
    port: portOf(name, port),
  }));
  const gateway: ServiceSpec = { name: 'gateway', script: 'gateway/index.js', port: portOf('gateway', 4000) };
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exits = [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const watch = (spec: ServiceSpec, child: ChildProcess) => {
    children.set(spec.name, child);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${spec.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the hub.`);
        void stopAll(1);
      }
    });
  };

  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite under ${process.env.PGLITE_DIR ?? path.resolve('.data', 'pglite')}`;
  console.log(`Starting the hub on ${database}...`);
  // Every service learns where the subgraphs answer: the gateway to plan, subgraphs for peer filters.
  const urls = Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}/graphql`]));
  try {
    for (const spec of subgraphs) watch(spec, launch(spec, { ...urls, SEED_ON_START: process.env.SEED_ON_START ?? 'true' }));
    await Promise.all(subgraphs.map((spec) => waitReady(spec, children.get(spec.name)!, 180_000)));
    watch(gateway, launch(gateway, urls));
    await waitReady(gateway, children.get('gateway')!, 60_000);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
    return;
  }
  const endpoint = `http://localhost:${gateway.port}/graphql`;
  console.log(`
The hub is ready: ${endpoint}
  subgraphs: ${subgraphs.map((s) => `${s.name} :${s.port}`).join(', ')}
  health:    http://localhost:${gateway.port}/health   readiness: http://localhost:${gateway.port}/ready

Open ${endpoint} in a browser for the sandbox, or try (anonymous readers see CLEAR records only;
the token below reads as a Joint Office analyst, see README "Who sees what"):

TOKEN=$(npm run -s token -- --org UN-JO --roles viewer --sub un-jo-analyst)
curl -s ${endpoint} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  --data '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') })}'

Press Ctrl-C to stop.`);
}

if (require.main === module) void main();
