// The hub on the Node LTS the Docker image runs (Node 24), while development and CI machines may
// run Node 20: the built gateway and four subgraphs as real processes of a Node 24 binary (PGlite
// in a folder of the test's own, ephemeral ports), answering a query across the subgraphs.
// The binary is HUB_LTS_NODE, else the one `npm run lts-node` installs (npm test runs it first).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { moduleEntries } from '../../platform/manifest';
import { EXAMPLE_QUERY } from '../../scripts/start';
import { postGraphQL } from '../support/hub';
import { baseOf, freePort } from '../support/network';
import { type ChildService, kill, spawnService, waitReady } from '../support/processes';

const LTS_MAJOR = 24;
const ROOT = path.resolve(__dirname, '..', '..', '..');
const ltsNode = path.resolve(process.env.HUB_LTS_NODE || path.join(ROOT, '.ci', 'cache', 'node-lts', 'bin', 'node'));
// Every subgraph built on our kernel, as `npm start` runs them.
const SUBGRAPHS = moduleEntries().map((entry) => entry.name);

let dataDir: string;
const services: ChildService[] = [];

beforeAll(() => {
  if (!existsSync(ltsNode))
    throw new Error(
      `No Node ${LTS_MAJOR} binary at ${ltsNode}: run \`npm run lts-node\` (npm test runs it first) to install it, or set HUB_LTS_NODE to one.`,
    );
  const version = execFileSync(ltsNode, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${LTS_MAJOR}.`))
    throw new Error(
      `${ltsNode} is Node ${version}, not ${LTS_MAJOR}: run \`npm run lts-node\` to install Node ${LTS_MAJOR}, or set HUB_LTS_NODE to one.`,
    );
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-node-lts-'));
});

afterAll(async () => {
  for (const service of services) await kill(service);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`the hub on Node ${LTS_MAJOR} LTS`, () => {
  it('runs as the gateway and subgraph processes of that binary, ready, answering a query that spans the subgraphs', async () => {
    const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (name) => [name, await freePort()] as const)));
    // Every service learns where the subgraphs answer, as `npm start` tells them.
    const urls = Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]));
    const subgraphs = SUBGRAPHS.map((name) =>
      spawnService('scripts/start-service.js', ports[name], { SEED_ON_START: 'true', PGLITE_DIR: dataDir, ...urls }, ltsNode, [name]),
    );
    services.push(...subgraphs);
    await Promise.all(subgraphs.map((service) => waitReady(service)));
    const gateway = spawnService('gateway/index.js', await freePort(), urls, ltsNode);
    services.push(gateway);
    await waitReady(gateway);

    // Each process is the Node 24 binary itself, not this test's Node.
    for (const service of services) expect(readlinkSync(`/proc/${service.child.pid}/exe`)).toBe(realpathSync(ltsNode));
    for (const service of services) expect((await fetch(`${baseOf(service.url)}/ready`)).status).toBe(200);

    const response = await postGraphQL<{
      partner: { memberStates: { situations: { alerts: unknown[] }[]; trainingSessions: unknown[] }[] };
    }>(gateway.url, EXAMPLE_QUERY);
    expect(response.errors).toBeUndefined();
    const members = response.data!.partner.memberStates;
    expect(members.length).toBe(12);
    expect(members.some((m) => m.situations.length > 0)).toBe(true);
    expect(members.some((m) => m.trainingSessions.length > 0)).toBe(true);
    expect(members.some((m) => m.situations.some((s) => s.alerts.length > 0))).toBe(true);
    // Four PGlite subgraphs migrating and seeding on a busy 2-core machine: the deadline is generous.
  }, 420_000);
});
