// The gateway's defences that do not depend on who asks: operation limits, introspection and
// field suggestions in production, CSRF prevention, CORS, and refusing development secrets.
import { startGateway, type RunningGateway } from '../../gateway/server';
import { DEFAULT_MAX_QUERY_COST, readGatewayConfig } from '../../gateway/config';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';
import { postGraphQL, startHub, SUPERGRAPH_PATH, TEST_JWT_SECRET, type Hub } from '../support/hub';
import { member, tokenFor, users } from '../support/users';
import { loopback } from '../support/network';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import { illustrativeSituationId } from '../../subgraphs/kernel/reference/illustrative-situations';

let hub: Hub;
let production: RunningGateway;

beforeAll(async () => {
  hub = await startHub();
  production = await startGateway({
    host: '127.0.0.1',
    port: 0,
    production: true,
    supergraphPath: SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, loopback(s.url)])),
    subgraphTimeoutMs: 10_000,
    bodyLimit: '1mb',
    corsOrigins: ['https://dashboard.example.org'],
    auth: { jwtSecret: TEST_JWT_SECRET, issuer: DEVELOPMENT_ISSUER, audience: DEVELOPMENT_AUDIENCE },
    internalKeys: { signingKey: hub.keys.signingKey },
  });
});

afterAll(async () => {
  await production?.stop(1000);
  await hub?.stop();
});

const productionUrl = () => loopback(production.url);

describe('operation limits', () => {
  it('refuses a deeply nested query before executing it', async () => {
    const deep = `{ partner(code: "AU") { ${'memberStates { partners { '.repeat(8)} code ${'} } '.repeat(8)} } }`;
    const response = await hub.query(deep);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/depth/i);
  });

  it('refuses an alias flood', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: partners { code }`).join(' ');
    const response = await hub.query(`{ ${aliases} }`);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses batched operations', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ partners { code } }' }, { query: '{ partners { code } }' }]),
    });
    expect(response.status).toBe(400);
  });
});

describe('in production', () => {
  it('turns introspection off', async () => {
    const response = await postGraphQL(productionUrl(), '{ __schema { types { name } } }');
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.data).toBeUndefined();
  });

  it('does not suggest field names', async () => {
    const response = await postGraphQL(productionUrl(), '{ situationz { totalCount } }');
    expect(response.errors?.[0].message).not.toMatch(/did you mean/i);
    const development = await hub.query('{ situationz { totalCount } }');
    expect(development.errors?.[0].message).toMatch(/did you mean/i);
  });

  it.each([
    ['a misspelt field', '{ situationz { totalCount } }', undefined],
    ['a misspelt argument', '{ situations(frist: 5) { totalCount } }', undefined],
    ['a misspelt type in a fragment', '{ situations { nodes { ... on Situatoin { title } } } }', undefined],
    ['a misspelt enum value written in the query', '{ situations(filter: { minLevel: HIHG }) { totalCount } }', undefined],
    [
      'a misspelt enum value in variables',
      'query Levels($level: RiskLevel) { situations(filter: { minLevel: $level }) { totalCount } }',
      { level: 'HIHG' },
    ],
    [
      'a misspelt enum value in a list in variables',
      'query Counts($by: [SituationGrouping!]!) { situationCounts(groupBy: $by) { situations } }',
      { by: ['LEVLE'] },
    ],
  ])('suggests nothing for %s, though development does', async (_name, query, variables) => {
    const response = await postGraphQL(productionUrl(), query, variables);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(error.message).not.toMatch(/did you mean|suggestion/i);
    expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(response.errors![0].extensions?.code);
    const development = await hub.query(query, variables);
    expect(development.errors?.[0].message).toMatch(/did you mean/i);
  });

  it('allows cross-origin reads only from the configured origins', async () => {
    const ask = (origin: string) =>
      fetch(productionUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ partners { code } }' }),
      });
    expect((await ask('https://dashboard.example.org')).headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
    expect((await ask('https://elsewhere.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple cross-site request (GET without a preflight header)', async () => {
    const response = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ partners { code } }')}`);
    expect(response.status).toBe(400);
  });

  it('refuses a form-encoded POST', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ partners { code } }"}',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('configuration', () => {
  it('refuses to start in production with the development secrets', () => {
    const signing = { HUB_GATEWAY_SIGNING_KEY_FILE: '/run/secrets/hub-gateway-signing-key' };
    const provider = {
      HUB_JWKS_URL: 'https://id.example.org/jwks',
      HUB_JWT_ISSUER: 'https://id.example.org/',
      HUB_JWT_AUDIENCE: 'atrocity-prevention-hub',
    };
    expect(() => readGatewayConfig({ NODE_ENV: 'production', ...signing })).toThrow(/HUB_JWKS_URL/);
    expect(() => readGatewayConfig({ NODE_ENV: 'production', ...provider })).toThrow(/HUB_GATEWAY_SIGNING_KEY_FILE/);
    expect(() => readGatewayConfig({ NODE_ENV: 'production', ...provider, ...signing })).not.toThrow();
    expect(() => readServiceConfig('situations', 4001, { NODE_ENV: 'production' })).toThrow(/HUB_GATEWAY_JWKS_FILE/);
    expect(() =>
      readServiceConfig('situations', 4001, { NODE_ENV: 'production', HUB_GATEWAY_JWKS_FILE: '/run/secrets/hub-gateway-jwks' }),
    ).not.toThrow();
  });
});

describe('query cost', () => {
  it('refuses nested lists that would multiply into millions of objects, though shallow enough for the depth limit', async () => {
    const bomb = '{ partner(code: "AU") { memberStates { partners { memberStates { partners { memberStates { partners { code } } } } } } } }';
    const started = Date.now();
    const response = await hub.query(bomb);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(response.errors?.[0].message).toMatch(/cost/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses the found query (first-less incidents, then partners and member states twice), saying what it would cost', async () => {
    const response = await hub.query('{ incidents { nodes { country { partners { memberStates { partners { memberStates { iso3 name } } } } } } } }');
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: expect.any(Number), max: DEFAULT_MAX_QUERY_COST } },
      }),
    ]);
    expect((response.errors![0].extensions!.cost as { estimated: number }).estimated).toBeGreaterThan(DEFAULT_MAX_QUERY_COST);
  });

  it('counts a page by its size: first: 100 of a rich node costs more than first: 5', async () => {
    const page = (first: number) =>
      `{ situations(first: ${first}) { nodes { alerts { acknowledgements { org } statusHistory { toStatus } } assessments { factors { riskFactor } } incidents { source { type } } riskTrend { factors { riskFactor } } } } }`;
    expect((await hub.query(page(5))).errors).toBeUndefined();
    expect((await hub.query(page(100))).errors?.[0].message).toMatch(/cost/);
  });

  it('answers a token flood as a client error, not a 500', async () => {
    const response = await hub.query(`{ ${'__typename '.repeat(6000)} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});

describe('the audit trail', () => {
  const kivu = illustrativeSituationId('great-lakes-kivu');
  const readsOfKivu = async () => {
    const admin = await tokenFor(users.icglrAdmin);
    const trail = await hub.query(
      'query($id: String!) { situationsAuditTrail(filter: { recordId: $id, actions: [READ] }) { actorSub operationName classification } }',
      { id: kivu },
      { token: admin },
    );
    expect(trail.errors).toBeUndefined();
    return trail.data!.situationsAuditTrail as { actorSub: string; operationName: string | null; classification: string }[];
  };

  it('records the name the document gives its operation, when the client sends no operationName', async () => {
    const analyst = await tokenFor(member('UN-JO', 'viewer', 'un-jo-auditee'));
    const read = await hub.query('query KivuForTheAudit($id: ID!) { situation(id: $id) { title } }', { id: kivu }, { token: analyst });
    expect(read.errors).toBeUndefined();
    expect(read.data!.situation).not.toBeNull();
    expect(await readsOfKivu()).toContainEqual({ actorSub: 'un-jo-auditee', operationName: 'KivuForTheAudit', classification: 'AMBER' });
  });

  it('records the operation chosen by operationName from a document with several', async () => {
    const analyst = await tokenFor(member('UN-JO', 'viewer', 'un-jo-auditee-2'));
    const document = 'query First($id: ID!) { situation(id: $id) { id } } query Second($id: ID!) { situation(id: $id) { title } }';
    const read = await hub.query(document, { id: kivu }, { token: analyst, operationName: 'Second' });
    expect(read.errors).toBeUndefined();
    const reads = (await readsOfKivu()).filter((event) => event.actorSub === 'un-jo-auditee-2');
    expect(reads.map((event) => event.operationName)).toEqual(['Second']);
  });
});
