// The supergraph runs on another router: Hive Gateway (@graphql-hive/gateway), started with its own
// CLI over the checked-in schema/supergraph.graphql and our running subgraphs, configured only
// through its documented options (transportEntries' `location` per subgraph) and our identity plugin
// (gateway/routers/hive-identity.ts), by the command in the README's "Serving the supergraph with
// another router". The README's example operations are sent to it and to our gateway, as an
// anonymous reader and as a signed-in analyst, and must get the same answers. The CLI loads the
// compiled configuration file (dist/), so this test needs `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';
import { postGraphQL, startHub, TEST_JWT_SECRET, type GraphQLResponse, type Hub } from '../support/hub';
import { freePort, loopback, waitFor } from '../support/network';
import { readmeQueries, readmeRequestBodies } from '../support/readme';
import { tokenFor, users } from '../support/users';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HIVE_GATEWAY_BIN = path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const CONFIG_FILE = path.join(ROOT, 'dist', 'gateway', 'routers', 'hive-gateway.config.js');

/** The README's `npx hive-gateway ...` line, as arguments to the CLI: the command this test runs. */
function readmeCommand(port: number): string[] {
  const line = /^npx hive-gateway (.+)$/m.exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))?.[1];
  if (!line) throw new Error('the README has no `npx hive-gateway` command');
  const args = line.trim().split(/\s+/);
  const portAt = args.indexOf('--port');
  if (portAt < 0) throw new Error("the README's hive-gateway command names no --port");
  // An ephemeral port on loopback, in place of the README's.
  args.splice(portAt, 2, '--port', String(port), '--host', '127.0.0.1');
  return args;
}

const VARIABLES = { id: illustrativeSituationId('great-lakes-kivu'), code: 'ICGLR' };
const examples = [...readmeQueries, ...readmeRequestBodies];

let hub: Hub;
let hive: ChildProcess | undefined;
let hiveOutput = '';
let hiveUrl: string;
let keysDir: string;
let analyst: string;

/** What must be the same through either router: the data, and each error's path and code. */
function answerOf(response: GraphQLResponse<unknown>): { data: unknown; errors: { path?: (string | number)[]; code: unknown }[] } {
  return {
    data: response.data ?? null,
    errors: (response.errors ?? []).map((error) => ({ path: error.path, code: error.extensions?.code })),
  };
}

beforeAll(async () => {
  if (!existsSync(CONFIG_FILE)) throw new Error(`${CONFIG_FILE} is missing: run npm run build first`);
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
  // Hive Gateway signs with our gateway's key, given as our gateway is given it: a key file.
  keysDir = mkdtempSync(path.join(os.tmpdir(), 'hub-hive-keys-'));
  const signingKeyFile = path.join(keysDir, 'signing-key.json');
  writeFileSync(signingKeyFile, JSON.stringify(hub.keys.signingKey), { mode: 0o600 });
  const subgraphUrls = Object.fromEntries(Object.entries(hub.gateway.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
  const port = await freePort();
  hive = spawn(process.execPath, [HIVE_GATEWAY_BIN, ...readmeCommand(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HUB_JWT_SECRET: TEST_JWT_SECRET,
      HUB_GATEWAY_SIGNING_KEY_FILE: signingKeyFile,
      ...subgraphUrls,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hive.stdout!.on('data', (chunk) => (hiveOutput += chunk));
  hive.stderr!.on('data', (chunk) => (hiveOutput += chunk));
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
  const exited = new Promise<never>((_resolve, reject) => hive!.once('exit', (code) => reject(new Error(`Hive Gateway exited with ${code}`))));
  const ready = waitFor(
    async () => (await fetch(`http://127.0.0.1:${port}/readiness`, { signal: AbortSignal.timeout(2000) })).ok,
    120_000,
    'Hive Gateway ready',
  );
  // Its exit later (afterAll stops it) is expected; before it is ready, it fails the test.
  exited.catch(() => undefined);
  await Promise.race([ready, exited]).catch((error: Error) => {
    throw new Error(`${error.message}\n${hiveOutput}`);
  });
  // Five services and a second router starting on a shared 2-core machine.
}, 300_000);

afterAll(async () => {
  if (hive && hive.exitCode === null && hive.signalCode === null) {
    const exited = new Promise((resolve) => hive!.once('exit', resolve));
    hive.kill('SIGTERM');
    await exited;
  }
  await hub?.stop();
  if (keysDir) rmSync(keysDir, { recursive: true, force: true });
});

describe('the supergraph served by Hive Gateway', () => {
  it('has the README examples to compare', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['GreatLakesHigh', 'EcowasMembers', 'Dashboard']));
  });

  it.each(examples.map((e) => [e.name, e.block]))('answers %s as our gateway does, for a signed-in analyst', async (_name, block) => {
    const ours = await hub.query(block, VARIABLES, { token: analyst });
    const theirs = await postGraphQL(hiveUrl, block, VARIABLES, { token: analyst });
    expect(ours.errors).toBeUndefined();
    expect(theirs.status).toBe(200);
    expect(answerOf(theirs)).toEqual(answerOf(ours));
  });

  it.each(examples.map((e) => [e.name, e.block]))('answers %s as our gateway does, for an anonymous reader', async (_name, block) => {
    const ours = await hub.query(block, VARIABLES);
    const theirs = await postGraphQL(hiveUrl, block, VARIABLES);
    expect(answerOf(theirs)).toEqual(answerOf(ours));
  });

  it('shows the signed-in analyst what an anonymous reader does not see', async () => {
    const block = readmeQueries.find((e) => e.name === 'GreatLakesHigh')!.block;
    const signedIn = await postGraphQL<any>(hiveUrl, block, undefined, { token: analyst });
    const anonymous = await postGraphQL<any>(hiveUrl, block);
    expect(signedIn.data!.situations.nodes.map((n: { title: string }) => n.title)).toEqual([
      '[Exercise] Scenario A: invented armed groups and hate speech',
    ]);
    expect(anonymous.data!.situations.nodes).toEqual([]);
  });

  it('refuses a token that does not verify, as our gateway does', async () => {
    const forged = `${analyst.slice(0, -4)}AAAA`;
    const ours = await hub.query('{ __typename }', undefined, { token: forged });
    const theirs = await postGraphQL(hiveUrl, '{ __typename }', undefined, { token: forged });
    expect(ours.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(theirs.data ?? null).toBeNull();
  });

  it('reaches the subgraphs only with the tokens it attaches: a subgraph asked directly refuses', async () => {
    const direct = await postGraphQL(loopback(hub.gateway.subgraphUrls.situations), '{ __typename }');
    expect(direct.errors?.[0].extensions?.code).toBeDefined();
    expect(direct.data ?? null).toBeNull();
  });
});
