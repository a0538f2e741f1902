// Each subgraph stopped in turn while the README's partner walk and a dashboard query run: the
// answer keeps every field the other subgraphs own, nulls only what the stopped one resolves, and
// names it in an error (SUBGRAPH_ERROR, serviceName). Once it is back, the answer is whole again.
import { EXAMPLE_QUERY } from '../../scripts/start';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { startHub, type GraphQLResponse, type Hub } from '../support/hub';
import { tokenFor, users } from '../support/users';
import { baseOf, waitFor } from '../support/network';

let hub: Hub;
let token: string;

beforeAll(async () => {
  // No wait for a restarting subgraph: these tests are about one that stays down.
  hub = await startHub({ gateway: { subgraphRestartWaitMs: 0, subgraphTimeoutMs: 5000 } });
  token = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const DASHBOARD = `query Dashboard {
  situations(first: 10) { totalCount nodes { id title countryIso3 currentLevel country { name region } alerts { id level } cewarnReports { id } } }
  alerts(first: 10) { nodes { id title countryIso3 ownerOrg issuedBy { name } country { name } acknowledgements { org organisation { name } } } }
  trainingSessions(first: 10) { nodes { id title organiserOrgs organisers { name } country { name } } }
  partners { code name trainingSessions { id } alertsIssued { id } assessments { id } }
}`;

// What each subgraph resolves in these two queries: its root fields and the fields it contributes
// to or resolves on the others' types. When it is down, exactly these become null.
const RESOLVED_BY: Record<string, string[]> = {
  situations: ['situations', 'assessments'],
  partners: ['partner', 'partners', 'country', 'issuedBy', 'organisation', 'organisers'],
  training: ['trainingSessions'],
  alerts: ['alerts', 'alertsIssued'],
  cewarn: ['cewarnReports'],
};

/**
 * `value` with every field named in `fields` replaced by null, wherever it occurs. A list of
 * references (organisers) keeps its length: each item is null on its own, since the list belongs
 * to the subgraph that is up and only the items' own fields come from the one that is down.
 */
function withNulled(value: unknown, fields: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withNulled(item, fields));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      !fields.has(key) ? withNulled(inner, fields) : REFERENCE_LISTS.has(key) && Array.isArray(inner) ? inner.map(() => null) : null,
    ]),
  );
}

const REFERENCE_LISTS = new Set(['organisers']);

async function ask(query: string): Promise<GraphQLResponse> {
  return hub.query(query, undefined, { token });
}

describe.each(SUBGRAPHS.map((s) => s.name))('with the %s subgraph stopped', (name) => {
  it.each([
    ['the README partner walk', EXAMPLE_QUERY],
    ['a dashboard query', DASHBOARD],
  ])('%s keeps every field the others own and names %s', async (_label, query) => {
    const healthy = await ask(query);
    expect(healthy.errors).toBeUndefined();

    const running = hub.subgraphs[name];
    const port = running.port;
    await running.stop(1000);
    try {
      const degraded = await ask(query);
      expect(degraded.status).toBe(200);
      expect(degraded.data).toEqual(withNulled(healthy.data, new Set(RESOLVED_BY[name])));
      // A query that asks nothing of the stopped subgraph (the walk, of a partner's subgraph) is whole, with no error.
      const asked = RESOLVED_BY[name].some((field) => new RegExp(`\\b${field}\\b`).test(query));
      if (asked) expect(degraded.errors!.length).toBeGreaterThan(0);
      else expect(degraded.errors).toBeUndefined();
      for (const error of degraded.errors ?? []) expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_ERROR', serviceName: name });
      // The gateway still serves, so it stays ready, and says which subgraph is missing.
      const ready = await fetch(`${baseOf(hub.gateway.url)}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        service: 'gateway',
        degraded: true,
        subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, s.name === name ? 'unreachable' : 'ready'])),
      });
    } finally {
      await hub.restartSubgraph(name, port);
    }
    // Back, the answer is whole again: asked until it is, since on a busy machine the first answer
    // after a restart can still time out (every subgraph at once, the machine's stall, not the hub's).
    const recovered = await waitFor(
      async () => {
        const answer = await ask(query);
        return answer.errors === undefined && answer;
      },
      30_000,
      `a whole answer once ${name} is back`,
    );
    expect(recovered.data).toEqual(healthy.data);
  });
});
