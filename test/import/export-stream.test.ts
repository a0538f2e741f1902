// The streamed export, GET /export/incidents at the gateway: the exportIncidents query's file for
// any number of incidents, under the same token, policy and audit, piped from the situations
// subgraph as it is read; refusals in the GraphQL error shape with the right status, never a 5xx
// for a client's mistake; the subgraph's own route answers only the gateway.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { EXPORT_INCIDENTS_OPERATION } from '../../platform/downloads';
import { exportIncidents } from '../../subgraphs/situations/import/incident-exporter';
import { startHub, SUPERGRAPH_PATH, testGatewayConfig, type Hub } from '../support/hub';
import { testKeys } from '../support/internal-keys';
import { baseOf, freePort } from '../support/network';
import { member, tokenFor, users } from '../support/users';
import { accepted, injectFault } from '../support/writes';

const REPORT = `mutation Report($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`;
const EXPORT = `query Export($format: ImportFormat!, $filter: IncidentFilter) { exportIncidents(format: $format, filter: $filter) { incidents content } }`;
const IMPORT = `mutation Import($input: ImportIncidentsInput!) { importIncidents(input: $input) { rows created updated unchanged rejected } }`;

interface Download {
  status: number;
  headers: Headers;
  text: string;
  /** How many pieces the body arrived in. */
  chunks: number;
  /** The transfer ended before the file did (the connection was cut). */
  cut: boolean;
}

let hub: Hub;
let ecowas: string;

async function download(query: Record<string, string>, token?: string, base = baseOf(hub.gateway.url)): Promise<Download> {
  const response = await fetch(`${base}/export/incidents?${new URLSearchParams(query)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  let cut = false;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      chunks++;
      text += decoder.decode(chunk, { stream: true });
    }
  } catch {
    cut = true;
  }
  return { status: response.status, headers: response.headers, text: text + decoder.decode(), chunks, cut };
}

/** A refusal: the status, and a GraphQL-style body with one error of `code` and nothing else. */
function refusedWith(answer: Download, status: number, code: string): string {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { errors: { message: string; extensions: { code: string } }[] };
  expect(Object.keys(body)).toEqual(['errors']);
  expect(body.errors.map((e) => e.extensions)).toEqual([{ code }]);
  expect(answer.text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
  return body.errors[0].message;
}

async function graphqlExport(
  format: string,
  filter: Record<string, unknown> | undefined,
  token = ecowas,
): Promise<{ incidents: number; content: string }> {
  return accepted(await hub.query(EXPORT, { format, filter }, { token }), 'exportIncidents');
}

function report(token: string, input: Record<string, unknown>) {
  return hub.query(REPORT, { input: { idempotencyKey: randomUUID(), occurredOn: '2019-06-01', eventType: 'Protests', ...input } }, { token });
}

beforeAll(async () => {
  hub = await startHub();
  ecowas = await tokenFor(users.ecowasEditor);
});

afterAll(async () => {
  await hub?.stop();
});

describe('the streamed export of incidents, through the gateway', () => {
  // A year no seeded incident has: the export holds this file's incidents only.
  const YEAR = { from: '2019-01-01', to: '2019-12-31' };
  const own: Record<string, string> = {};
  const others: Record<string, string> = {};

  beforeAll(async () => {
    const au = await tokenFor(users.auEditor);
    const reported = async (token: string, input: Record<string, unknown>) =>
      accepted<{ id: string }>(await report(token, input), 'reportIncident').id;
    own.green = await reported(ecowas, { countryIso3: 'GHA', classification: 'GREEN', actors: ['Group A', 'Group B'], notes: 'a, "quoted"\nnote' });
    own.amber = await reported(ecowas, {
      countryIso3: 'SEN',
      classification: 'AMBER',
      sharedWith: ['UN-JO'],
      fatalitiesLow: 1,
      fatalitiesBest: 2,
      fatalitiesHigh: 4,
      source: { name: `Radio ${randomUUID()}`, type: 'MEDIA', region: 'Africa' },
    });
    // Owned by ECOWAS and named for an analyst of the Office: in ECOWAS's file, never in the Office's.
    own.red = await reported(ecowas, { countryIso3: 'NGA', classification: 'RED', sharedWithUsers: ['un-jo-analyst'] });
    // The AU's, in the same year: a RED one the ECOWAS editor is named for (readable, not ECOWAS's own),
    // an AMBER one shared with the Office only (not readable by ECOWAS) and a GREEN one.
    others.red = await reported(au, { countryIso3: 'GHA', classification: 'RED', sharedWithUsers: ['ecowas-editor'] });
    others.amber = await reported(au, { countryIso3: 'GHA', classification: 'AMBER', sharedWith: ['UN-JO'] });
    others.green = await reported(au, { countryIso3: 'GHA', classification: 'GREEN' });
  });

  it.each(['HXL', 'JSONL'])('streams as %s the same file as the exportIncidents query, as a chunked attachment', async (format) => {
    for (const filter of [YEAR, undefined]) {
      const streamed = await download({ format, ...(filter ? { filter: JSON.stringify(filter) } : {}) }, ecowas);
      expect(streamed.status).toBe(200);
      expect(streamed.text).toBe((await graphqlExport(format, filter)).content);
      expect(streamed.headers.get('content-type')).toBe(format === 'HXL' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      expect(streamed.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="incidents-ECOWAS-\\d{4}-\\d\\d-\\d\\d\\.${format === 'HXL' ? 'csv' : 'jsonl'}"$`),
      );
      expect(streamed.headers.get('transfer-encoding')).toBe('chunked');
      expect(streamed.headers.get('content-length')).toBeNull();
    }
  });

  it.each(['HXL', 'JSONL'])('gives a %s file that imports back with no change', async (format) => {
    const streamed = await download({ format, filter: JSON.stringify(YEAR) }, ecowas);
    const imported = accepted(await hub.query(IMPORT, { input: { format, content: streamed.text } }, { token: ecowas }), 'importIncidents');
    expect(imported).toEqual({ rows: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it("holds only the organisation's own incidents: none of another's, readable or not", async () => {
    const streamed = await download({ format: 'JSONL', filter: JSON.stringify(YEAR) }, ecowas);
    const ids = streamed.text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { externalId: string }).externalId);
    expect(ids.sort()).toEqual(Object.values(own).sort());
    for (const id of Object.values(others)) expect(streamed.text).not.toContain(id);

    // The Office may read ECOWAS's RED and AMBER incidents and the AU's AMBER one: it owns none of them.
    const jointOffice = await download({ format: 'HXL', filter: JSON.stringify(YEAR) }, await tokenFor(users.jointOfficeAnalyst));
    expect(jointOffice.status).toBe(200);
    for (const id of [...Object.values(own), ...Object.values(others)]) expect(jointOffice.text).not.toContain(id);
    expect(jointOffice.text.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('applies the filter as the incidents query does', async () => {
    const ghana = await download({ format: 'JSONL', filter: JSON.stringify({ ...YEAR, countries: ['GHA'] }) }, await tokenFor(users.ecowasAnalyst));
    expect(
      ghana.text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { externalId: string }).externalId),
    ).toEqual([own.green]);
    const none = await download({ format: 'JSONL', filter: JSON.stringify({ ...YEAR, eventTypeCodes: ['BATTLES'] }) }, ecowas);
    expect(none).toMatchObject({ status: 200, text: '' });
  });

  it("notes each AMBER and RED incident sent in the audit trail, as the downloader's read", async () => {
    await download({ format: 'HXL', filter: JSON.stringify(YEAR) }, ecowas);
    const admin = await tokenFor(users.ecowasAdmin);
    for (const id of [own.amber, own.red]) {
      const trail = await hub.query(
        'query($id: String!) { situationsAuditTrail(filter: { recordId: $id, actions: [READ] }) { actorSub operationName recordType } }',
        { id },
        { token: admin },
      );
      expect(trail.errors).toBeUndefined();
      expect(trail.data!.situationsAuditTrail).toContainEqual({
        actorSub: 'ecowas-editor',
        operationName: EXPORT_INCIDENTS_OPERATION,
        recordType: 'Incident',
      });
    }
  });
});

describe('what the streamed export refuses', () => {
  it('answers 401 UNAUTHENTICATED without a token, or with one it cannot verify', async () => {
    expect(refusedWith(await download({ format: 'HXL' }), 401, 'UNAUTHENTICATED')).toMatch(/Authorization: Bearer/);
    refusedWith(await download({ format: 'HXL' }, 'not.a.token'), 401, 'UNAUTHENTICATED');
  });

  it.each([
    [{}, /format is required/],
    [{ format: 'CSV' }, /format must be HXL or JSONL/],
    [{ format: 'hxl' }, /format must be HXL or JSONL/],
    [{ format: 'JSONL', filter: '{"from":' }, /filter must be the JSON of an IncidentFilter/],
    [{ format: 'JSONL', filter: '["GHA"]' }, /filter must be a JSON object/],
    [{ format: 'JSONL', filter: '{"from":"2019-02-30"}' }, /filter\.from/],
    [{ format: 'JSONL', filter: '{"eventTypeCodes":["NOT_A_TYPE"]}' }, /filter\.eventTypeCodes\[0\]/],
    [{ format: 'JSONL', filter: '{"colour":"red"}' }, /colour/],
    [{ format: 'JSONL', filter: '{"countries":["XXX"]}' }, /XXX/],
    [{ format: 'JSONL', filter: '{"from":"2019-05-01","to":"2019-01-01"}' }, /from/],
  ])('answers 400 BAD_USER_INPUT to %j', async (query, message) => {
    expect(refusedWith(await download(query as Record<string, string>, ecowas), 400, 'BAD_USER_INPUT')).toMatch(message);
  });

  it("refuses on the situations subgraph's own route any identity the gateway did not sign for it", async () => {
    const route = `${baseOf(hub.subgraphs.situations.url)}/export/incidents?format=JSONL`;
    const viewer = member('ECOWAS', 'admin', 'forger');
    const forged: Record<string, string>[] = [
      {},
      { 'x-hub-identity': JSON.stringify(viewer) },
      // Signed, by a key the subgraph does not accept.
      await testKeys().vouch(viewer, null, 'situations'),
      // Signed by the gateway's key, for another subgraph.
      await hub.keys.vouch(viewer, null, 'partners'),
      { authorization: `Bearer ${await tokenFor(viewer)}` },
    ];
    for (const headers of forged) {
      const response = await fetch(route, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    // The gateway's own word for the same viewer is accepted: the route is there, and guarded.
    expect((await fetch(route, { headers: await hub.keys.vouch(viewer, null, 'situations') })).status).toBe(200);
  });

  it('answers 503 with a clear message while the situations subgraph is unreachable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway(
        testGatewayConfig({
          supergraphPath: SUPERGRAPH_PATH,
          subgraphUrls: { ...hub.gateway.subgraphUrls, situations: closed },
          internalKeys: { signingKey: hub.keys.signingKey },
        }),
      );
      const answer = await download({ format: 'HXL' }, ecowas, baseOf(gateway.url));
      expect(refusedWith(answer, 503, 'SERVICE_UNAVAILABLE')).toMatch(/situations service.*unavailable/);
      expect(answer.text).not.toContain(closed.replace('/graphql', ''));
    } finally {
      await gateway?.stop(1000);
    }
  });
});

describe('a streamed export of more than a page of incidents', () => {
  // The exporter reads 1,000 incidents a page: 1,200 take two pages, sent as they are read.
  const COUNT = 1200;
  const YEAR = { from: '2018-01-01', to: '2018-12-31' };

  beforeAll(async () => {
    const rows = Array.from(
      { length: COUNT },
      (_, n) => `BULK-${String(n).padStart(4, '0')},2018-${String((n % 12) + 1).padStart(2, '0')}-15,GHA,Protests`,
    );
    const imported = accepted(
      await hub.query(
        IMPORT,
        { input: { format: 'HXL', content: `#meta+id,#date,#country+code,#event+type\n${rows.join('\n')}\n`, classification: 'GREEN' } },
        { token: ecowas },
      ),
      'importIncidents',
    );
    expect(imported).toMatchObject({ created: COUNT, rejected: 0 });
  });

  it('streams them all in several chunks, page after page, the same file as the query gives', async () => {
    hub.resetCounts();
    const streamed = await download({ format: 'JSONL', filter: JSON.stringify(YEAR) }, ecowas);
    expect(streamed).toMatchObject({ status: 200, cut: false });
    expect(streamed.text.trim().split('\n')).toHaveLength(COUNT);
    expect(streamed.chunks).toBeGreaterThan(1);
    // Two reads of a page, the second after the first's last incident (keyset pagination).
    const pages = hub.statements.situations.filter((sql) => /FROM "situations"\."incident" "incident" .* LIMIT 1000$/.test(sql));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toMatch(/\("incident"\."occurred_on", "incident"\."id"\) > \(\$\d+, \$\d+\)/);
    expect(streamed.text).toBe((await graphqlExport('JSONL', YEAR)).content);
  });

  it('stops reading pages once the reader has gone, however full its output is', async () => {
    // An output that takes one page and never drains: a client that stopped reading.
    const output = new Writable({ highWaterMark: 1, write: () => undefined });
    const reader = new AbortController();
    let pages = 0;
    const exported = exportIncidents(hub.subgraphs.situations.db, output, {
      format: 'jsonl',
      pageSize: 100,
      scope: (query, alias) => query.andWhere(`${alias}.ownerOrg = 'ECOWAS' AND ${alias}.occurredOn BETWEEN '2018-01-01' AND '2018-12-31'`),
      onPage: () => {
        pages++;
        if (pages === 1) setImmediate(() => reader.abort());
      },
      signal: reader.signal,
    });
    await expect(exported).rejects.toMatchObject({ name: 'AbortError' });
    expect(pages).toBe(1);
  });

  it('cuts the transfer short when the export fails after its first byte, so the file cannot pass for whole', async () => {
    // An AMBER incident after all the others, on the second page, whose read cannot be audited.
    accepted(
      await report(ecowas, { countryIso3: 'GHA', occurredOn: '2018-12-31', classification: 'AMBER', sharedWith: ['UN-JO'] }),
      'reportIncident',
    );
    const restore = await injectFault(hub, 'situations', 'audit_read', 'TRUE');
    try {
      const streamed = await download({ format: 'JSONL', filter: JSON.stringify(YEAR) }, ecowas);
      expect(streamed).toMatchObject({ status: 200, cut: true });
      // Not all of it went out, and not the AMBER incident, whose read could not be recorded.
      expect(streamed.text.split('\n').length).toBeLessThan(COUNT + 1);
      expect(streamed.text).not.toContain('2018-12-31');
    } finally {
      await restore();
    }
  });
});
