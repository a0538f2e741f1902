// The request log: one line per request at the gateway and at each subgraph it called, all under
// the request id the client got back, naming the operation, the viewer's organisation (the one the
// gateway verified, at the subgraphs too), status and duration, and never a token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startHub, SUPERGRAPH_PATH, testGatewayConfig, type Hub } from '../support/hub';
import { baseOf, loopback, postJson, waitFor } from '../support/network';
import { captureLogs, type LogLine } from '../support/observability';
import { tokenFor, users } from '../support/users';

const GREAT_LAKES = `query GreatLakes { partner(code: "ICGLR") { name memberStates { iso3 situations { title alerts { title } } trainingSessions { title } } } }`;

let hub: Hub;
let logs: ReturnType<typeof captureLogs>;
let analyst: string;

beforeAll(async () => {
  logs = captureLogs('info');
  hub = await startHub();
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
  logs?.stop();
});

const graphql = (headers: Record<string, string>, query = GREAT_LAKES) => postJson(loopback(hub.gateway.url), { query }, headers);

/** The request lines logged under `requestId`, once the gateway's is written (after its answer is sent). */
async function requestLines(requestId: string): Promise<{ gateway: LogLine; subgraphs: LogLine[] }> {
  const lines = () => logs.lines.filter((line) => line.message === 'request' && line.requestId === requestId);
  const gateway = await waitFor(async () => lines().find((line) => line.service === 'gateway'), 10_000, `the gateway's line for ${requestId}`);
  return { gateway, subgraphs: lines().filter((line) => line.service !== 'gateway') };
}

describe('request lines', () => {
  it('writes one line at the gateway and one at each subgraph called, under the id returned to the client', async () => {
    const answer = await graphql({ authorization: `Bearer ${analyst}` });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const requestId = answer.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const { gateway, subgraphs } = await requestLines(requestId);
    expect(gateway).toMatchObject({ level: 'info', operation: 'GreatLakes', org: 'UN-JO', status: 200 });
    expect(typeof gateway.durationMs).toBe('number');
    const calls = gateway.subgraphs as { subgraph: string; durationMs: number; status: number }[];
    expect(new Set(calls.map((call) => call.subgraph))).toEqual(new Set(['partners', 'situations', 'alerts', 'training']));
    for (const call of calls) {
      expect(call.status).toBe(200);
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
    }
    // Every call the gateway made was answered, and logged, by the subgraph under the same id.
    expect(subgraphs.map((line) => line.service).sort()).toEqual(calls.map((call) => call.subgraph).sort());
    for (const line of subgraphs) expect(line).toMatchObject({ operation: 'GreatLakes', org: 'UN-JO', status: 200 });
  });

  it('logs an anonymous reader with no organisation, and a refused token with its status', async () => {
    const anonymous = await graphql({});
    const { gateway, subgraphs } = await requestLines(anonymous.headers.get('x-request-id')!);
    expect(gateway).toMatchObject({ org: null, status: 200 });
    expect(subgraphs.length).toBeGreaterThan(0);
    for (const line of subgraphs) expect(line.org).toBeNull();

    const refused = await graphql({ authorization: `Bearer ${analyst.slice(0, -4)}AAAA` });
    expect(refused.status).toBe(401);
    const { gateway: line, subgraphs: none } = await requestLines(refused.headers.get('x-request-id')!);
    expect(line).toMatchObject({ org: null, status: 401 });
    expect(none).toEqual([]);
  });

  it('keeps a sane client request id and replaces one that is not', async () => {
    const kept = await graphql({ 'x-request-id': 'dashboard-7.a_b' });
    expect(kept.headers.get('x-request-id')).toBe('dashboard-7.a_b');
    expect((await requestLines('dashboard-7.a_b')).subgraphs.length).toBeGreaterThan(0);

    for (const bad of ['two words', 'x'.repeat(65), '"quoted"', 'line\\nbreak', 'ünïcode']) {
      const answer = await graphql({ 'x-request-id': encodeURI(bad) === bad ? bad : encodeURIComponent(bad) });
      const given = answer.headers.get('x-request-id')!;
      expect(given).toMatch(/^[0-9a-f-]{36}$/);
      expect((await requestLines(given)).gateway.status).toBe(200);
    }
    expect(logs.text()).not.toContain('x'.repeat(65));
  });

  it('logs at a subgraph the organisation of the verified gateway token, whatever else the client sends', async () => {
    // A token the gateway would sign for ECOWAS, sent by the client itself: the gateway does not forward it.
    const forged = await hub.keys.vouch(users.ecowasAnalyst, 'GreatLakes', 'partners');
    const answer = await graphql({ ...forged, 'x-hub-org': 'ECOWAS', 'x-request-id': 'forged-identity-1' });
    expect(answer.status).toBe(200);
    const { subgraphs } = await requestLines('forged-identity-1');
    expect(subgraphs.length).toBeGreaterThan(0);
    for (const line of subgraphs) expect(line.org).toBeNull();

    // Straight to a subgraph without the gateway's token: refused, and logged without an organisation.
    const direct = await postJson(
      loopback(hub.subgraphs.partners.url),
      { query: '{ partners { code } }' },
      { 'x-request-id': 'direct-call-1', 'x-hub-org': 'ECOWAS' },
    );
    expect(direct.status).toBe(401);
    const line = await waitFor(
      async () => logs.lines.find((l) => l.message === 'request' && l.requestId === 'direct-call-1'),
      10_000,
      'the direct call line',
    );
    expect(line).toMatchObject({ service: 'partners', org: null, status: 401 });
  });

  it('writes no token, internal or client, in any line', async () => {
    await graphql({ authorization: `Bearer ${analyst}` });
    await graphql({ authorization: `Bearer ${analyst}`, 'x-request-id': 'token-check' });
    await requestLines('token-check');
    const text = logs.text();
    expect(text).not.toContain(analyst);
    expect(text).not.toContain(analyst.split('.')[2]);
    // Every JWT (the client's, the gateway's vouching tokens) starts with a base64url JSON header.
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/authorization|bearer/i);
  });
});

describe('lines written while serving a request', () => {
  let garbage: http.Server;
  let gateway: RunningGateway;

  beforeAll(async () => {
    // A training subgraph that answers what the gateway cannot read: the gateway warns, mid-request.
    garbage = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": '));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', () => resolve()));
    const training = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/graphql`;
    gateway = await startGateway(
      testGatewayConfig({
        supergraphPath: SUPERGRAPH_PATH,
        subgraphUrls: { ...Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, loopback(s.url)])), training },
        internalKeys: { signingKey: hub.keys.signingKey },
      }),
    );
  });

  afterAll(async () => {
    await gateway?.stop(1000);
    await new Promise((resolve) => garbage?.close(resolve));
  });

  it('carry the request id of the request they were written for', async () => {
    const answer = await postJson(
      `${baseOf(gateway.url)}/graphql`,
      { query: 'query Training { trainingSessions(first: 1) { nodes { title } } }' },
      {
        'x-request-id': 'garbled-training',
      },
    );
    expect(answer.body.errors[0].extensions.code).toBe('SUBGRAPH_ERROR');
    const { gateway: line } = await requestLines('garbled-training');
    expect(line.subgraphs).toEqual([expect.objectContaining({ subgraph: 'training', status: 200 })]);
    const warning = logs.lines.find((l) => l.level === 'warn' && l.requestId === 'garbled-training');
    expect(warning).toMatchObject({ service: 'gateway', message: 'subgraph call failed', subgraph: 'training' });
  });
});
