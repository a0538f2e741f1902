// Who sees what, on every path: a matrix of reader × classification level × path, each row a
// real request over HTTP, checked against the brief's table (fixtures.ts expectedVisible).
import { SignJWT } from 'jose';
import { testKeys } from '../support/internal-keys';
import { postGraphQL, startHub, TEST_JWT_SECRET, type Hub } from '../support/hub';
import { member, tokenFor } from '../support/users';
import {
  createFixtures,
  expectedVisible,
  FIXTURE_COUNTRY,
  FIXTURE_OWNER,
  LEVELS,
  NAMED_RED_READER,
  READERS,
  type Fixture,
  type Reader,
} from './fixtures';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../gateway/auth';
import { moduleEntries } from '../../platform/manifest';

let hub: Hub;
let fixtures: Fixture[];
const tokens = new Map<string, string | undefined>();

beforeAll(async () => {
  hub = await startHub();
  fixtures = await createFixtures(hub);
  for (const reader of READERS) {
    tokens.set(
      reader.name,
      reader.org
        ? await tokenFor(member(reader.org, reader.roles, reader.sub ?? `${reader.org.toLowerCase()}-${reader.roles.join('-')}`))
        : undefined,
    );
  }
});

afterAll(async () => {
  await hub?.stop();
});

function asReader(reader: Reader) {
  return { token: tokens.get(reader.name) };
}

async function vouchedHeaders(reader: Reader): Promise<Record<string, string>> {
  const viewer = reader.org
    ? { sub: reader.sub ?? `${reader.org.toLowerCase()}-${reader.roles.join('-')}`, org: reader.org, roles: reader.roles }
    : { sub: null, org: null, roles: [] };
  return hub.keys.vouch(viewer, 'SecurityMatrix', 'situations');
}

const rows = READERS.flatMap((reader) => LEVELS.map((level) => [reader.name, level, reader] as const));

describe.each(rows)('%s reading an ECOWAS record at %s', (_name, level, reader) => {
  const fixture = () => fixtures.find((f) => f.level === level)!;
  const visible = expectedVisible(reader, level);

  it(`root list ${visible ? 'includes' : 'omits'} it, and its totalCount ${visible ? 'counts' : 'does not count'} it`, async () => {
    const response = await hub.query(
      `{ situations(filter: { countries: ["${FIXTURE_COUNTRY}"] }) { totalCount nodes { id } } }`,
      undefined,
      asReader(reader),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.situations.nodes.map((s: { id: string }) => s.id).includes(fixture().situationId)).toBe(visible);
    expect(response.data!.situations.totalCount).toBe(LEVELS.filter((l) => expectedVisible(reader, l)).length);
  });

  it(`lookup by id ${visible ? 'returns it' : 'answers null, exactly as for an id that does not exist'}`, async () => {
    const response = await hub.query('query($id: ID!) { situation(id: $id) { id title } }', { id: fixture().situationId }, asReader(reader));
    expect(response.errors).toBeUndefined();
    if (visible) expect(response.data!.situation.id).toBe(fixture().situationId);
    else {
      const missing = await hub.query(
        'query($id: ID!) { situation(id: $id) { id title } }',
        { id: '00000000-0000-4000-8000-000000000000' },
        asReader(reader),
      );
      expect(response).toEqual(missing);
    }
  });

  it(`nested field Country.situations ${visible ? 'includes' : 'omits'} it`, async () => {
    const response = await hub.query(`{ country(iso3: "${FIXTURE_COUNTRY}") { situations { id } } }`, undefined, asReader(reader));
    expect(response.errors).toBeUndefined();
    expect(response.data!.country.situations.map((s: { id: string }) => s.id).includes(fixture().situationId)).toBe(visible);
  });

  it(`entity reference through the gateway (a CLEAR alert citing it) ${visible ? 'resolves' : 'resolves to null'}`, async () => {
    const response = await hub.query('query($id: ID!) { alert(id: $id) { id situation { id title } } }', { id: fixture().alertId }, asReader(reader));
    expect(response.errors).toBeUndefined();
    expect(response.data!.alert.id).toBe(fixture().alertId);
    expect(response.data!.alert.situation?.id ?? null).toBe(visible ? fixture().situationId : null);
  });

  it(`_entities at the situations subgraph with the gateway's credential ${visible ? 'resolves' : 'answers null'}`, async () => {
    const response = await postGraphQL<{ _entities: ({ id: string } | null)[] }>(
      hub.subgraphs.situations.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Situation { id } } }',
      { r: [{ __typename: 'Situation', id: fixture().situationId }] },
      { headers: await vouchedHeaders(reader) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([visible ? { id: fixture().situationId } : null]);
  });

  it(`training totals ${visible ? 'count' : 'do not count'} its session`, async () => {
    const response = await hub.query(
      '{ trainingTotals(from: "2031-01-01", to: "2031-12-31") { sessions participantsTotal } }',
      undefined,
      asReader(reader),
    );
    expect(response.errors).toBeUndefined();
    const expected = LEVELS.filter((l) => expectedVisible(reader, l)).length;
    expect(response.data!.trainingTotals).toEqual({ sessions: expected, participantsTotal: expected * 10 });
    const sessions = await hub.query(
      '{ trainingSessions(filter: { from: "2031-01-01", to: "2031-12-31" }) { nodes { id } } }',
      undefined,
      asReader(reader),
    );
    expect(sessions.data!.trainingSessions.nodes.map((s: { id: string }) => s.id).includes(fixture().sessionId)).toBe(visible);
  });
});

describe('subgraphs called directly', () => {
  it.each(moduleEntries().map((entry) => entry.name))('%s answers 401 to _service and _entities without the gateway credential', async (name) => {
    const url = hub.subgraphs[name].url;
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: []) { __typename } }', '{ __typename }']) {
      const response = await postGraphQL(url, query);
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data).toBeUndefined();
    }
    expect((await fetch(url.replace(/graphql$/, 'health'))).status).toBe(200);
    expect((await fetch(url.replace(/graphql$/, 'ready'))).status).toBe(200);
  });

  it('refuses a forged gateway credential', async () => {
    const forged = await testKeys().vouch({ sub: 'x', org: FIXTURE_OWNER, roles: ['admin'] }, null, 'situations');
    const response = await postGraphQL(hub.subgraphs.situations.url, '{ __typename }', undefined, { headers: forged });
    expect(response.status).toBe(401);
  });

  it('ignores an identity header a client sends to the gateway: the gateway vouches itself', async () => {
    const forged = await hub.keys.vouch({ sub: 'x', org: FIXTURE_OWNER, roles: ['admin'] }, null, 'situations');
    const red = fixtures.find((f) => f.level === 'RED')!;
    const response = await hub.query('query($id: ID!) { situation(id: $id) { id } }', { id: red.situationId }, { headers: forged });
    expect(response.data!.situation).toBeNull();
  });
});

describe('tokens', () => {
  const claims = { org: 'ECOWAS', roles: ['admin'] };
  const sign = (secret: string, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience(DEVELOPMENT_AUDIENCE)
        .setIssuedAt(),
    ).sign(new TextEncoder().encode(secret));
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['forged (signed with another secret)', () => sign('another-secret', (j) => j.setExpirationTime('1h'))],
    ['expired', () => sign(TEST_JWT_SECRET, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60))],
    ['for another audience', () => sign(TEST_JWT_SECRET, (j) => j.setAudience('someone-else').setExpirationTime('1h'))],
    [
      'unsigned (alg: none)',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'mallory', iss: DEVELOPMENT_ISSUER, aud: DEVELOPMENT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
    ],
    ['malformed', async () => 'not-a-jwt'],
    [
      'without an org claim',
      () =>
        new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(DEVELOPMENT_ISSUER)
          .setAudience(DEVELOPMENT_AUDIENCE)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    ],
  ])('refuses a %s token with UNAUTHENTICATED instead of serving it anonymously', async (_case, make) => {
    const response = await hub.query(`{ situations(filter: { countries: ["${FIXTURE_COUNTRY}"] }) { nodes { id } } }`, undefined, {
      token: await make(),
    });
    expect(response.status).toBe(401);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });
});

describe('audit trail', () => {
  it('shows the owner organisation who read its AMBER and RED records, and to no one else', async () => {
    const named = READERS.find((r) => r.sub === NAMED_RED_READER)!;
    const red = fixtures.find((f) => f.level === 'RED')!;
    const green = fixtures.find((f) => f.level === 'GREEN')!;
    await hub.query(
      'query ReadRed($id: ID!) { situation(id: $id) { id } }',
      { id: red.situationId },
      { ...asReader(named), operationName: 'ReadRed' },
    );
    await hub.query(
      'query ReadGreen($id: ID!) { situation(id: $id) { id } }',
      { id: green.situationId },
      { ...asReader(named), operationName: 'ReadGreen' },
    );

    const trail =
      'query($id: String!) { situationsAuditTrail(filter: { recordId: $id, actions: [READ] }) { actorSub actorOrg operationName recordType recordOwnerOrg classification } }';
    const admin = READERS.find((r) => r.name === 'ECOWAS admin')!;
    const own = await hub.query(trail, { id: red.situationId }, asReader(admin));
    expect(own.errors).toBeUndefined();
    expect(own.data!.situationsAuditTrail).toContainEqual({
      actorSub: NAMED_RED_READER,
      actorOrg: 'UN-JO',
      operationName: 'ReadRed',
      recordType: 'Situation',
      recordOwnerOrg: FIXTURE_OWNER,
      classification: 'RED',
    });
    const greenTrail = await hub.query(trail, { id: green.situationId }, asReader(admin));
    expect(greenTrail.data!.situationsAuditTrail).toEqual([]);

    const otherAdmin = READERS.find((r) => r.name === 'OSCE admin (not shared with)')!;
    const other = await hub.query(trail, { id: red.situationId }, asReader(otherAdmin));
    expect(other.data!.situationsAuditTrail).toEqual([]);

    const viewer = READERS.find((r) => r.name === 'ECOWAS viewer')!;
    const refused = await hub.query(trail, { id: red.situationId }, asReader(viewer));
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.query(trail, { id: red.situationId });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot be changed or deleted, even with direct database access', async () => {
    const db = hub.subgraphs.situations.db;
    await expect(db.query('UPDATE situations.audit_event SET actor_org = $1', ['XX'])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM situations.audit_event')).rejects.toThrow(/append-only/);
  });
});
