// The observability profile's Grafana dashboard queries only metrics the hub really serves: every
// metric name in its PromQL is in a real GET /metrics scrape of a running hub's services (as
// declared by the scrape's # TYPE lines, so a counter nothing has counted yet still counts).
import { dashboardMetricNames } from '../support/grafana-dashboard';
import { startHub, type Hub } from '../support/hub';
import { baseOf, send } from '../support/network';

let hub: Hub;

beforeAll(async () => {
  hub = await startHub();
}, 240_000);

afterAll(async () => {
  await hub?.stop();
});

/** The series names a /metrics answer declares: a histogram's _bucket, _sum and _count, else the name itself. */
async function declared(url: string): Promise<Set<string>> {
  const answer = await send(`${baseOf(url)}/metrics`, {});
  expect(answer.status).toBe(200);
  const names = new Set<string>();
  for (const [, name, type] of answer.text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}

describe("the observability profile's dashboard", () => {
  it('queries only metrics that the gateway or the subgraphs serve at /metrics', async () => {
    expect((await hub.query('{ partner(code: "ICGLR") { name } }')).errors).toBeUndefined();
    const served = new Set<string>();
    for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((subgraph) => subgraph.url)])
      for (const name of await declared(url)) served.add(name);
    const queried = dashboardMetricNames();
    expect(queried.length).toBeGreaterThan(5);
    expect(queried.filter((name) => !served.has(name))).toEqual([]);
  });
});
