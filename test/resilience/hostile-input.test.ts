// Hostile requests at the gateway and at a subgraph (with the gateway's credential, so the subgraph
// really reads them): each is answered with a 4xx or a GraphQL error, quickly, without a stack
// trace, and the service stays up with bounded memory. Table-driven cases, then generated ones.
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { ANONYMOUS } from '../../platform/identity';
import { startHub, type Hub } from '../support/hub';
import { type Answer, baseOf, loopback, revealsNothing, send } from '../support/network';

// Generous: a hostile request must be refused or answered in this time even on a busy CI machine.
const BOUND_MS = 10_000;

interface HostileRequest {
  method?: string;
  /** Appended to /graphql, e.g. "?query=...". */
  search?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

let hub: Hub;
const targets: Record<string, { url: string; headers: () => Promise<Record<string, string>> }> = {};

beforeAll(async () => {
  hub = await startHub();
  targets.gateway = { url: loopback(hub.gateway.url), headers: async () => ({}) };
  targets.partners = {
    url: loopback(hub.subgraphs.partners.url),
    headers: () => hub.keys.vouch(ANONYMOUS, null, 'partners'),
  };
});

afterAll(async () => {
  await hub?.stop();
});

const json = (payload: unknown): HostileRequest => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
const query = (text: string, variables?: unknown, operationName?: string) => json({ query: text, variables, operationName });
const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(' ');

const CASES: [string, HostileRequest][] = [
  ['10 000 levels of nested selections', query(`{${'a{'.repeat(10_000)}b${'}'.repeat(10_001)}`)],
  ['deeply nested list literals', query(`{ partner(code: ${'['.repeat(5000)}"AU"${']'.repeat(5000)}) { code } }`)],
  ['5 000 aliases of __typename', query(`{ ${repeat(5000, (i) => `a${i}: __typename`)} }`)],
  ['300 aliases of a list field', query(`{ ${repeat(300, (i) => `a${i}: partners { code name }`)} }`)],
  ['a fragment cycle', query('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }')],
  [
    'a fragment bomb',
    query(
      `query { ...F0 } ${repeat(30, (i) => `fragment F${i} on Query { partners { code } ...F${i + 1} ...F${i + 1} }`)} fragment F30 on Query { partners { code } }`,
    ),
  ],
  ['1 000 directives on a field', query(`{ __typename ${repeat(1000, () => '@skip(if: false)')} }`)],
  ['200 000 commas', query(`{ __typename${','.repeat(200_000)} }`)],
  ['a 500 000-character field name', query(`{ ${'f'.repeat(500_000)} }`)],
  ['a 900 KB string variable', query('query($code: String!) { partner(code: $code) { code } }', { code: 'x'.repeat(900_000) })],
  [
    'a 150 000-item list variable',
    query('query($c: [String!]) { alerts(filter: { countries: $c }) { id } }', { c: Array.from({ length: 150_000 }, () => 'NGA') }),
  ],
  [
    'a variable nested 50 000 levels deep',
    {
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query($c: String!) { partner(code: $c) { code } }","variables":{"c":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    },
  ],
  ['a variable of the wrong type', query('query($code: String!) { partner(code: $code) { code } }', { code: 42 })],
  ['a missing required variable', query('query($code: String!) { partner(code: $code) { code } }', {})],
  ['variables as a string', json({ query: '{ __typename }', variables: '{"a":1}' })],
  ['variables as an array', json({ query: '{ __typename }', variables: [1, 2] })],
  ['an unknown operation name', query('query A { __typename }', undefined, 'B')],
  ['two operations and no name', query('query A { __typename } query B { __typename }')],
  ['an operation name of the wrong type', json({ query: '{ __typename }', operationName: 42 })],
  ['a query that is not a string', json({ query: { nested: true } })],
  ['no query at all', json({ variables: {} })],
  ['an empty query', query('')],
  ['NUL bytes and unpaired surrogates in the query', query('{ partner(code: "\u0000\ud800") { code } }\u0000')],
  [
    'invalid UTF-8 bytes',
    {
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"query":"{ partner(code: \\"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\\") { code } }"}')]),
    },
  ],
  ['malformed JSON', { headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' }],
  ['JSON that is not an object', { headers: { 'content-type': 'application/json' }, body: '"{ __typename }"' }],
  ['JSON null', { headers: { 'content-type': 'application/json' }, body: 'null' }],
  ['1 000 batched operations', json(Array.from({ length: 1000 }, () => ({ query: '{ partners { code } }' })))],
  ['an empty batch', json([])],
  ['a 3 MB body', json({ query: '{ __typename }', padding: 'x'.repeat(3_000_000) })],
  ['text/plain', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) }],
  ['a form post', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }],
  [
    'multipart',
    {
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--',
    },
  ],
  ['application/graphql', { headers: { 'content-type': 'application/graphql' }, body: '{ __typename }' }],
  ['JSON in latin1', { headers: { 'content-type': 'application/json; charset=latin1' }, body: JSON.stringify({ query: '{ __typename }' }) }],
  ['no content type', { body: JSON.stringify({ query: '{ __typename }' }) }],
  ['gzip that is not gzip', { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip at all' }],
  [
    'a mutation over GET',
    { method: 'GET', search: `?query=${encodeURIComponent('mutation { __typename }')}`, headers: { 'apollo-require-preflight': 'true' } },
  ],
  ['a GET without the CSRF header', { method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` }],
  [
    'a GET nested 1 000 levels',
    {
      method: 'GET',
      search: `?query=${encodeURIComponent(`{${'a{'.repeat(1000)}b${'}'.repeat(1001)}`)}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
  ],
  [
    'a 100 KB URL',
    {
      method: 'GET',
      search: `?query=${encodeURIComponent(`{ __typename ${' '.repeat(100_000)}}`)}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
  ],
  ['a 100 KB header', { ...json({ query: '{ __typename }' }), headers: { 'content-type': 'application/json', 'x-padding': 'x'.repeat(100_000) } }],
  [
    'GET with variables that are not JSON',
    { method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}&variables=%7Bnot`, headers: { 'apollo-require-preflight': 'true' } },
  ],
  ['a subscription', query('subscription { __typename }')],
  ['a subscription to a field that does not exist', query('subscription OnAlert { alertIssued { id } }')],
  ['a subscription next to a query, by name', query('query Q { __typename } subscription S { __typename }', undefined, 'S')],
  ['only fragments, no operation', query('fragment F on Query { __typename }')],
  ['PUT', { method: 'PUT', ...json({ query: '{ __typename }' }) }],
  ['DELETE', { method: 'DELETE' }],
];

async function hit(target: string, request: HostileRequest): Promise<Answer> {
  const { url, headers } = targets[target];
  return send(url + (request.search ?? ''), {
    method: request.method ?? 'POST',
    headers: { ...(await headers()), ...request.headers },
    body: request.body,
    signal: AbortSignal.timeout(BOUND_MS + 5000),
  });
}

function expectHandled(answer: Answer): void {
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  expect(answer.ms).toBeLessThan(BOUND_MS);
  expect(revealsNothing(answer.text)).toBe(true);
  // A 200 carries a GraphQL answer; anything else says what was wrong in GraphQL's own shape,
  // except what Node's HTTP parser refuses before any of our code runs (headers or URL too long).
  if (answer.status === 200) expect(answer.body?.data !== undefined || answer.body?.errors !== undefined).toBe(true);
  else if (answer.status !== 431) expect(answer.body?.errors?.[0]?.message).toEqual(expect.any(String));
}

async function expectUp(): Promise<void> {
  for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((s) => s.url)]) {
    expect((await send(`${baseOf(url)}/health`)).status).toBe(200);
  }
}

function heapUsedAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

// Only the gateway limits depth and cost; a subgraph answers the gateway alone and would run this
// one in full (members of partners of members of ... grow by a factor of ~150 per two levels).
const GATEWAY_ONLY_CASES: [string, HostileRequest][] = [
  ['30 levels of real fields', query(`{ partner(code: "AU") { ${'memberStates { partners { '.repeat(15)}code${' } }'.repeat(15)} } }`)],
];

describe.each(['gateway', 'partners'])('hostile requests to the %s', (target) => {
  it.each(target === 'gateway' ? [...CASES, ...GATEWAY_ONLY_CASES] : CASES)(
    'answers %s with a 4xx or a GraphQL error, quickly',
    async (_name, request) => {
      expectHandled(await hit(target, request));
    },
  );

  it('stays up after all of them', async () => {
    await expectUp();
  });
});

describe('an operation of a kind /graphql does not serve', () => {
  it('is refused at validation with a message saying where to send it instead', async () => {
    const answer = await hit('gateway', query('subscription OnAlert { __typename }'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: 'Subscriptions are served at /graphql/stream (GraphQL over Server-Sent Events: Accept: text/event-stream), not at /graphql',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ]),
    );
  });
});

// Pieces of GraphQL in random order: most are syntax errors, some parse, a few validate.
// (No pair of list fields that nest into each other: see GATEWAY_ONLY_CASES.)
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '...',
  '@skip(if: true)',
  'query',
  'mutation',
  'fragment F on Query',
  'on',
  'partner',
  'partners',
  'code',
  'name',
  '"AU"',
  '$v',
  ':',
  '!',
  '=',
  '#',
  '\n',
  '"""',
  '__typename',
  '__schema',
  'types',
  'x:',
  '\u0000',
  'ÿ',
  '1e999',
  '-0',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((tokens) => tokens.join(' '));
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  '',
  'application/json; charset=utf-16',
  'multipart/form-data',
);

describe.each(['gateway', 'partners'])('generated hostile requests to the %s', (target) => {
  const property = (arbitrary: fc.Arbitrary<HostileRequest>) =>
    fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        expectHandled(await hit(target, request));
      }),
      { numRuns: 60 },
    );

  it('any query text', () => property(fc.oneof(fc.string({ maxLength: 500 }), tokenSoup).map((text) => query(text))));

  it('any JSON body', () => property(fc.jsonValue({ maxDepth: 6 }).map((value) => json(value))));

  it('any bytes under any content type', () =>
    property(
      fc
        .record({ bytes: fc.uint8Array({ maxLength: 2000 }), type: contentTypes })
        .map(({ bytes, type }): HostileRequest => ({ headers: type ? { 'content-type': type } : {}, body: Buffer.from(bytes) })),
    ));

  it('any variables for a real query', () =>
    property(
      fc
        .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 4 }))
        .map((variables) =>
          query('query($code: String!, $on: LocalDate) { partner(code: $code) { code memberStates(on: $on) { iso3 } } }', variables),
        ),
    ));

  it('stays up, with memory bounded, after all of them', async () => {
    const before = heapUsedAfterGc();
    await property(tokenSoup.map((text) => query(text)));
    await expectUp();
    expect(heapUsedAfterGc() - before).toBeLessThan(100 * 1024 * 1024);
  });
});
