// Who may scrape GET /metrics, and which operation names keep a label of their own: with a token
// (METRICS_TOKEN_FILE at the gateway, as in production) only a request bearing it is answered, at
// the gateway and at a subgraph alike; the persisted manifest's operations are labelled by name
// even after junk names filled the label cap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../gateway/persisted-operations';
import type { RunningGateway } from '../../gateway/server';
import type { RunningSubgraph } from '../../subgraphs/kernel/service/subgraph-service';
import { OPERATION_LABEL_CAP } from '../../platform/metrics';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startSubgraphs, startTestGateway, subgraphUrlEnv } from '../support/hub';
import { writePersistedManifest } from '../support/persisted-manifest';
import { baseOf, loopback, postJson, send } from '../support/network';
import { scrape, total } from '../support/observability';

const TOKEN = randomBytes(24).toString('hex');
const BEARER = { authorization: `Bearer ${TOKEN}` };
const KNOWN = 'query ManifestProbe { __typename }';

let dir: string;
let database: TestDatabase;
let partners: RunningSubgraph;
let gateway: RunningGateway;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-metrics-'));
  const tokenFile = path.join(dir, 'metrics-token');
  writeFileSync(tokenFile, `${TOKEN}\n`); // as a secret file is often written: the final newline is not the token's
  const manifest = writePersistedManifest(dir, [KNOWN]);
  database = await createTestDatabase();
  ({ partners } = await startSubgraphs(database.target, ['partners'], { seed: false, metricsToken: TOKEN }));
  gateway = await startTestGateway({
    ...(await subgraphUrlEnv({ partners: partners.url })),
    METRICS_TOKEN_FILE: tokenFile,
    PERSISTED_OPERATIONS: manifest,
  });
});

afterAll(async () => {
  await gateway?.stop(1000);
  await partners?.stop(1000);
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const metricsUrl = (service: 'gateway' | 'partners') => `${baseOf(service === 'gateway' ? gateway.url : partners.url)}/metrics`;

describe('METRICS_TOKEN', () => {
  it.each(['gateway', 'partners'] as const)('at the %s, answers 401 without the token or with a wrong one, 200 with it', async (service) => {
    const wrongSameLength = `Bearer ${randomBytes(24).toString('hex')}`;
    for (const headers of [
      {} as Record<string, string>,
      { authorization: wrongSameLength },
      { authorization: 'Bearer short' },
      { authorization: TOKEN },
    ]) {
      const refused = await send(metricsUrl(service), { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect(refused.text).not.toContain('hub_');
    }
    const answered = await send(metricsUrl(service), { headers: BEARER });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('# TYPE hub_http_requests_total counter');
  });
});

describe('operation labels', () => {
  it('labels a manifest operation by its name after 200 junk names filled the cap', async () => {
    const url = loopback(gateway.url);
    for (let i = 0; i < 2 * OPERATION_LABEL_CAP; i++) await postJson(url, { query: `query Junk_${randomBytes(6).toString('hex')} { __typename }` });
    const answer = await postJson(url, { documentId: sha256Hex(KNOWN) });
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    const samples = await scrape(gateway.url, BEARER);
    expect(total(samples, 'hub_http_requests_total', { service: 'gateway', operation: 'other' })).toBeGreaterThan(0);
    expect(total(samples, 'hub_http_requests_total', { service: 'gateway', operation: 'ManifestProbe', status: '200' })).toBe(1);
  });
});
