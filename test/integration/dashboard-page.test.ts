// The reference dashboard at /dashboard, in Debian's Chromium against a hub started here: each panel
// shows the numbers /graphql gives the same viewer for the same operation (read from the table
// beside each chart), an analyst of the Office signed in by a pasted token or the development picker
// sees what was shared with the Office, a stopped subgraph takes out its panel only, a
// partner viewer's alerts panel follows the alerts issued to them live (and nothing else, and
// catches up after its stream drops), and nothing is loaded from the internet nor refused by the
// page's Content-Security-Policy. A production gateway serves neither the dashboard (unless
// DASHBOARD=true) nor the token picker; on one that runs trusted documents only, it is live too.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DASHBOARD_MANIFEST } from '../../gateway/config';
import { readPersistedOperations } from '../../gateway/persisted-operations';
import type { RunningGateway } from '../../gateway/server';
import type { GatewayConfig } from '../../gateway/config';
import { DASHBOARD_CSP, DASHBOARD_DIR } from '../../gateway/static-pages';
import { issueAlert } from '../support/alerts';
import { launchBrowser, onPage as onBrowserPage, type TestBrowser } from '../support/browser';
import { startHub, startProductionGateway, type Hub } from '../support/hub';
import { baseOf, send, waitFor } from '../support/network';
import { tokenFor, users } from '../support/users';

const OPERATIONS = path.resolve(__dirname, '..', '..', '..', 'dashboard', 'src', 'operations');
const operation = (file: string) => readFileSync(path.join(OPERATIONS, `${file}.graphql`), 'utf8');
const PANELS = ['situations', 'alerts', 'incidents', 'training', 'trend'] as const;

let hub: Hub;
let browser: TestBrowser;
let analyst: string;
let auAnalyst: string;
let editor: string;
let dashboardUrl: string;

beforeAll(async () => {
  hub = await startHub();
  browser = await launchBrowser();
  analyst = await tokenFor(users.jointOfficeAnalyst);
  auAnalyst = await tokenFor(users.auAnalyst);
  editor = await tokenFor(users.jointOfficeEditor);
  dashboardUrl = `${baseOf(hub.gateway.url).replace('localhost', '127.0.0.1')}/dashboard`;
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

/** Runs `check` on a fresh page, which must load nothing from the internet and break no CSP rule. */
const onPage = (name: string, check: (page: Page) => Promise<void>) =>
  onBrowserPage(
    browser,
    `dashboard-${name}`,
    async (page, external, problems) => {
      await check(page);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    },
    { width: 1400, height: 1000 },
  );

/** Waits until no panel is loading; returns each panel's state. */
async function settled(page: Page): Promise<Record<string, string>> {
  const states = () =>
    page
      .locator('[data-panel]')
      .evaluateAll((panels) =>
        Object.fromEntries(
          panels.map((p) => [
            (p as unknown as { dataset: Record<string, string | undefined> }).dataset.panel,
            (p as unknown as { dataset: Record<string, string | undefined> }).dataset.state ?? 'loading',
          ]),
        ),
      );
  await waitFor(async () => Object.values(await states()).every((state) => state !== 'loading'), 30_000, 'every panel drawn');
  return states();
}

/** The rows of a panel's table of numbers, as shown. */
const shownRows = (page: Page, panel: string) =>
  page
    .locator(`[data-panel="${panel}"] table.numbers tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => Array.from((row as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => cell.textContent)),
    );

/** The protected groups the trend panel names for the situation it shows, as shown. */
const shownGroups = (page: Page) => page.locator('[data-panel="trend"] .protected-groups li').allTextContents();

const cell = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

/** What each panel should show, from /graphql asked directly with the same operations and token. */
async function expectedRows(token: string | undefined, situationId: string): Promise<Record<string, string[][]> & { groups: string[] }> {
  const ask = async (file: string, variables?: Record<string, unknown>) => {
    const answer = await hub.query(operation(file), variables, { token });
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };
  const situations = await ask('situations-by-level');
  const alerts = await ask('alerts-over-time');
  const incidents = await ask('incidents-by-month');
  const training = (await ask('training-totals')).trainingTotals;
  const trend = (await ask('situation-trend', { id: situationId })).situation;
  type Row = Record<string, unknown>;
  return {
    situations: situations.situationCounts.map((c: Row) => [c.region, c.country, c.level, c.crimesOccurring ? 'yes' : 'no', c.situations].map(cell)),
    alerts: alerts.alertCounts.map((c: Row) => [c.month, c.level, c.status, c.alerts].map(cell)),
    incidents: incidents.incidentCounts.map((c: Row) => [c.month, c.incidents, c.fatalities, c.displaced].map(cell)),
    training: [
      ['held, as the hub counts (2009–2011)', training.sessions, training.countries, training.participantsTotal].map(cell),
      ...training.reportedTotals.map((r: Row) =>
        [`reported ${r.periodFrom} to ${r.periodTo} (${r.source})`, r.sessions, r.countries, r.participants].map(cell),
      ),
    ],
    groups: trend.groups.length === 0 ? ['none named'] : trend.groups.map((g: Row) => `${g.name} (${g.kind})`),
    trend: trend.riskTrend.flatMap((p: { assessedOn: string; factors: Row[] }) =>
      p.factors.map((f) => [p.assessedOn, f.riskFactor, f.level].map(cell)),
    ),
  };
}

/** Every panel drawn, each showing what /graphql gives `token`. */
async function showsWhatTheEndpointGives(page: Page, token: string | undefined): Promise<Record<string, string[][]> & { groups: string[] }> {
  expect(await settled(page)).toEqual(Object.fromEntries(PANELS.map((panel) => [panel, 'ready'])));
  const situationId = await page.locator('#situation-picker').inputValue();
  expect(situationId).not.toBe('');
  const expected = await expectedRows(token, situationId);
  for (const panel of PANELS) expect([panel, await shownRows(page, panel)]).toEqual([panel, expected[panel]]);
  expect(await shownGroups(page)).toEqual(expected.groups);
  return expected;
}

const total = (rows: (string | null)[][]) => rows.reduce((sum, row) => sum + Number(row[row.length - 1]), 0);

/** The alerts panel's rows as /graphql gives them to `token` now. */
async function alertRows(token: string): Promise<string[][]> {
  const answer = await hub.query(operation('alerts-over-time'), undefined, { token });
  expect(answer.errors).toBeUndefined();
  return answer.data!.alertCounts.map((c: Record<string, unknown>) => [c.month, c.level, c.status, c.alerts].map(cell));
}

/** The live-status indicator, once it reads `state` (its data-state). */
async function liveStatus(page: Page, state: string): Promise<{ text: string | null; events: number }> {
  const status = page.locator(`#live-status[data-state="${state}"]`);
  await status.waitFor({ timeout: 60_000 });
  return { text: await status.textContent(), events: Number((await status.getAttribute('data-events')) ?? 0) };
}

/** Waits until the alerts panel counts `count` alerts in all, drawn (not loading); returns its rows. */
const alertsPanelCounts = (page: Page, count: number, what: string) =>
  waitFor(
    async () => {
      const rows = await shownRows(page, 'alerts');
      return (await page.locator('[data-panel="alerts"]').getAttribute('data-state')) === 'ready' && total(rows) === count && rows;
    },
    60_000,
    what,
  );

/** Signs `token` in on the open dashboard by pasting it, and waits for every panel drawn and the stream live; returns the alerts panel's rows. */
async function signInLive(page: Page, token: string, who: string): Promise<string[][]> {
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#token-viewer', { hasText: who }).waitFor();
  const shown = (await showsWhatTheEndpointGives(page, token)).alerts;
  expect((await liveStatus(page, 'live')).text).toBe('Live');
  return shown;
}

describe('the dashboard', () => {
  let anonymous: Record<string, string[][]>;

  it('shows an anonymous reader the CLEAR picture: every panel with the numbers /graphql gives without a token', async () => {
    await onPage('anonymous', async (page) => {
      await page.goto(dashboardUrl);
      anonymous = await showsWhatTheEndpointGives(page, undefined);
      await page.locator('#token-viewer', { hasText: 'anonymous reader' }).waitFor();
      // The grid: a cell per country of the counts, coloured by its highest level.
      const countries = new Set(anonymous.situations.map((row) => row[1]));
      expect(await page.locator('[data-panel="situations"] .country').count()).toBe(countries.size);
      // Beside the hub's own count, the Office's reported 2009–2011 totals.
      expect(anonymous.training.slice(1).map((row) => row.slice(1))).toContainEqual(['34', '13', '738']);
    });
  });

  it('shows an analyst of the Office signed in with a pasted token what was shared with the Office', async () => {
    await onPage('pasted-token', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      await page.getByLabel('Bearer token').fill(analyst);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#token-viewer', { hasText: 'UN-JO · viewer · un-jo-analyst' }).waitFor();
      const signedIn = await showsWhatTheEndpointGives(page, analyst);
      // Seeded situations are shared with UN-JO beyond the CLEAR ones: the analyst's grid counts more.
      expect(total(signedIn.situations)).toBeGreaterThan(total(anonymous.situations));
      // Crimes being committed are marked apart from the level: exactly the countries whose counts say so.
      const occurring = [...new Set(signedIn.situations.filter((row) => row[3] === 'yes').map((row) => row[1]))].sort();
      expect(occurring.length).toBeGreaterThan(0);
      const marked = await page
        .locator('[data-panel="situations"] .country[data-crimes-occurring="true"]')
        .evaluateAll((cells) => cells.map((c) => (c as unknown as { dataset: Record<string, string> }).dataset.country).sort());
      expect(marked).toEqual(occurring);
      expect(signedIn.situations.some((row) => row[3] === 'no')).toBe(true);
      // People displaced beside the fatalities, month by month (the last column).
      expect(total(signedIn.incidents)).toBeGreaterThan(0);
      // A situation's protected groups, shown with it: the illustrative Scenario A names two.
      const scenarioA = await page.locator('#situation-picker option', { hasText: 'Scenario A' }).getAttribute('value');
      await page.locator('#situation-picker').selectOption(scenarioA!);
      await page.locator('[data-panel="trend"] .protected-groups li', { hasText: 'Group A (illustrative) (ETHNICAL)' }).waitFor();
      await settled(page);
      expect(await shownGroups(page)).toEqual(['Group A (illustrative) (ETHNICAL)', 'Group B (illustrative) (ETHNICAL)']);
      expect(await shownGroups(page)).toEqual((await expectedRows(analyst, scenarioA!)).groups);
      // The README's picture of the dashboard (docs/dashboard.png is a copy of it).
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: path.join('test-results', 'dashboard.png'), fullPage: true });
      // The token stays for this tab only.
      expect(await page.evaluate('[sessionStorage.length, localStorage.length]')).toEqual([1, 0]);
    });
  });

  it('signs in with a development token from the picker, minted as npm run token mints it', async () => {
    await onPage('dev-picker', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      await page.locator('#dev-org').selectOption('UN-JO');
      await page.getByLabel('Role').selectOption('viewer');
      await page.getByRole('button', { name: 'Use' }).click();
      await page.locator('#token-viewer', { hasText: 'UN-JO · viewer · un-jo-viewer' }).waitFor();
      const token = await page.locator('#dashboard-token').inputValue();
      const signedIn = await showsWhatTheEndpointGives(page, token);
      expect(total(signedIn.situations)).toBeGreaterThan(total(anonymous.situations));
    });
  });

  it('refuses a token request for an organisation the hub does not hold', async () => {
    const url = `${baseOf(hub.gateway.url)}/dashboard/dev-tokens`;
    const listed = await send(url);
    expect(listed.body).toMatchObject({
      roles: ['viewer', 'editor', 'admin'],
      organisations: expect.arrayContaining([expect.objectContaining({ code: 'UN-JO' })]),
    });
    for (const body of ['{"org":"FOO","role":"viewer"}', 'not json']) {
      const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    }
  });

  it('shows an error panel naming what is missing when a subgraph is down, and draws the other panels', async () => {
    const running = hub.subgraphs.alerts;
    const port = running.port;
    await running.stop(1000);
    try {
      await onPage('subgraph-down', async (page) => {
        await page.goto(dashboardUrl);
        const states = await settled(page);
        expect(states).toEqual({ situations: 'ready', alerts: 'error', incidents: 'ready', training: 'ready', trend: 'ready' });
        const error = page.locator('[data-panel="alerts"] .panel-error');
        expect(await error.textContent()).toContain('Not available: alertCounts');
        expect(await error.textContent()).toContain('Subgraph alerts could not be reached');
        expect(await shownRows(page, 'situations')).toEqual(anonymous.situations);
      });
    } finally {
      await hub.restartSubgraph('alerts', port);
    }
  });

  it('shows an anonymous reader that it is not live, and opens no stream', async () => {
    await onPage('anonymous-not-live', async (page) => {
      const streams: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql/stream') streams.push(request.url());
      });
      await page.goto(dashboardUrl);
      await settled(page);
      expect((await liveStatus(page, 'off')).text).toBe('Not live: sign in to follow alert events');
      expect(streams).toEqual([]);
    });
  });

  it("updates a partner viewer's alerts panel live, without a reload, when an alert addressed to their organisation is issued", async () => {
    await onPage('live-update', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      const before = await signInLive(page, auAnalyst, 'AU · viewer · au-analyst');
      // Marks this document: a reload would lose it.
      await page.evaluate("document.body.dataset.sameDocument = 'yes'");
      await issueAlert(hub, editor, { title: '[Test dashboard] Live, for the African Union', recipientOrgs: ['AU'], level: 'HIGH' });
      const after = await alertsPanelCounts(page, total(before) + 1, 'the new alert counted on the page');
      expect(after).toEqual(await alertRows(auAnalyst));
      expect(await page.evaluate('document.body.dataset.sameDocument')).toBe('yes');
      expect(await liveStatus(page, 'live')).toEqual({ text: 'Live', events: 1 });
    });
  });

  it("changes nothing on a viewer's dashboard for an alert they may not read", async () => {
    await onPage('live-not-readable', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      const before = await signInLive(page, auAnalyst, 'AU · viewer · au-analyst');
      const { events } = await liveStatus(page, 'live');
      await issueAlert(hub, editor, { title: '[Test dashboard] For the Great Lakes committee only', recipientOrgs: ['ICGLR'], level: 'HIGH' });
      // Issued after it: once this one shows, the first one has had its chance to.
      await issueAlert(hub, editor, { title: '[Test dashboard] For the African Union, after it', recipientOrgs: ['AU'], level: 'HIGH' });
      const after = await alertsPanelCounts(page, total(before) + 1, 'the readable alert counted on the page');
      // One more alert, not two: and the stream delivered one event, the readable one.
      expect(after).toEqual(await alertRows(auAnalyst));
      expect(total(after)).toBe(total(before) + 1);
      expect((await liveStatus(page, 'live')).events).toBe(events + 1);
    });
  });

  it('fetches the alerts panel at most once at a time, with at most one more waiting, for a burst of alerts', async () => {
    await onPage('live-burst', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      const before = await signInLive(page, auAnalyst, 'AU · viewer · au-analyst');
      const alertsHash = [...readPersistedOperations([DASHBOARD_MANIFEST])].find(([, text]) => text.startsWith('query DashboardAlertsOverTime'))![0];
      const fetches = { started: 0, inFlight: 0, most: 0 };
      page.on('request', (request) => {
        if (!request.url().endsWith('/graphql') || !request.postData()?.includes(alertsHash)) return;
        fetches.started += 1;
        fetches.most = Math.max(fetches.most, ++fetches.inFlight);
        const done = (finished: unknown) => void (finished === request && (fetches.inFlight -= 1));
        page.on('requestfinished', done);
        page.on('requestfailed', done);
      });
      const { events } = await liveStatus(page, 'live');
      const burst = 6;
      await Promise.all(
        Array.from({ length: burst }, (_, i) =>
          issueAlert(hub, editor, { title: `[Test dashboard] Burst ${i + 1}`, recipientOrgs: ['AU'], level: 'HIGH' }),
        ),
      );
      expect(await alertsPanelCounts(page, total(before) + burst, 'the burst counted on the page')).toEqual(await alertRows(auAnalyst));
      expect((await liveStatus(page, 'live')).events).toBe(events + burst);
      expect(fetches.most).toBe(1);
      expect(fetches.started).toBeGreaterThan(0);
      expect(fetches.started).toBeLessThanOrEqual(burst);
    });
  });

  it('keeps the figures while its stream is down, and on reconnecting shows the alerts issued meanwhile', async () => {
    await onPage('live-reconnect', async (page) => {
      await page.goto(dashboardUrl);
      await settled(page);
      const before = await signInLive(page, auAnalyst, 'AU · viewer · au-analyst');
      // The page cannot reconnect while this holds; the open stream is not touched by it.
      await page.route('**/graphql/stream', (route) => route.abort('connectionrefused'));
      const running = hub.subgraphs.alerts;
      const port = running.port;
      // The alerts service stopping ends the gateway's stream.
      await running.stop(1000);
      try {
        expect((await liveStatus(page, 'reconnecting')).text).toBe('Reconnecting…');
      } finally {
        await hub.restartSubgraph('alerts', port);
      }
      await issueAlert(hub, editor, { title: '[Test dashboard] Issued while the dashboard was offline', recipientOrgs: ['AU'], level: 'HIGH' });
      // No blank panel, and no new figure: nothing has told the page yet.
      expect(await page.locator('[data-panel="alerts"]').getAttribute('data-state')).toBe('ready');
      expect(await shownRows(page, 'alerts')).toEqual(before);
      expect((await liveStatus(page, 'reconnecting')).text).toBe('Reconnecting…');
      await page.unroute('**/graphql/stream');
      await liveStatus(page, 'live');
      expect(await alertsPanelCounts(page, total(before) + 1, 'the alert issued while offline, after reconnecting')).toEqual(
        await alertRows(auAnalyst),
      );
    });
  });

  it('closes the stream of the viewer signed out, and opens one with the token of the viewer signed in', async () => {
    await onPage('live-sign-in-again', async (page) => {
      const streams: { token: string | undefined; ended: boolean }[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname !== '/graphql/stream') return;
        const stream = { token: request.headers().authorization?.replace(/^Bearer /, ''), ended: false };
        streams.push(stream);
        const end = () => void (stream.ended = true);
        page.on('requestfinished', (done) => done === request && end());
        page.on('requestfailed', (failed) => failed === request && end());
      });
      await page.goto(dashboardUrl);
      await settled(page);
      await signInLive(page, analyst, 'UN-JO · viewer · un-jo-analyst');
      await signInLive(page, auAnalyst, 'AU · viewer · au-analyst');
      await waitFor(async () => streams[0]?.ended, 30_000, "the first viewer's stream closed");
      expect(streams.map((stream) => [stream.token, stream.ended])).toEqual([
        [analyst, true],
        [auAnalyst, false],
      ]);
    });
  });

  it('serves its page under a policy stricter than the explorer, and its operations are in the manifest the gateway loads', async () => {
    const response = await fetch(dashboardUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).not.toMatch(/https?:|\*|unsafe-/);
    const manifest = readPersistedOperations([DASHBOARD_MANIFEST]);
    expect([...manifest.values()].map((text) => /^(?:query|subscription) (\w+)/.exec(text)![1]).sort()).toEqual([
      'DashboardAlertEvents',
      'DashboardAlertsOverTime',
      'DashboardIncidentsByMonth',
      'DashboardSituationPicker',
      'DashboardSituationTrend',
      'DashboardSituationsByLevel',
      'DashboardTrainingTotals',
    ]);
  });
});

describe('the dashboard in production', () => {
  const started: RunningGateway[] = [];
  const productionGateway = async (dashboard?: boolean, more: Partial<GatewayConfig> = {}) => {
    const gateway = await startProductionGateway(hub, { ...(dashboard === undefined ? {} : { dashboard }), ...more });
    started.push(gateway);
    return gateway;
  };
  const asset = () => `/dashboard/assets/${readdirSync(path.join(DASHBOARD_DIR, 'assets')).find((file) => file.endsWith('.js'))}`;

  afterAll(async () => {
    for (const gateway of started) await gateway.stop(1000);
  });

  it('is off without DASHBOARD=true, and never offers development tokens', async () => {
    const gateway = await productionGateway();
    expect((await send(`${baseOf(gateway.url)}/dashboard`)).status).toBe(404);
    expect((await send(`${baseOf(gateway.url)}${asset()}`)).status).toBe(404);
    expect((await send(`${baseOf(gateway.url)}/dashboard/dev-tokens`)).status).toBe(404);
    const mint = await fetch(`${baseOf(gateway.url)}/dashboard/dev-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"org":"UN-JO","role":"admin"}',
    });
    expect(mint.status).toBe(404);
  });

  it('is served with DASHBOARD=true, still without development tokens', async () => {
    const gateway = await productionGateway(true);
    expect((await send(`${baseOf(gateway.url)}/dashboard`)).status).toBe(200);
    expect((await send(`${baseOf(gateway.url)}${asset()}`)).status).toBe(200);
    expect((await send(`${baseOf(gateway.url)}/dashboard/dev-tokens`)).status).toBe(404);
  });

  it('draws every panel for a signed-in analyst on a gateway that runs trusted documents only (PERSISTED_ONLY)', async () => {
    const gateway = await productionGateway(true, { persistedOperations: [DASHBOARD_MANIFEST], persistedOnly: true });
    // The gateway refuses the analyst any other document.
    const adHoc = await hub.query('query AdHoc { partners { code } }', undefined, { token: analyst, url: gateway.url });
    expect(adHoc.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    await onPage('persisted-only', async (page) => {
      const sent: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql') && request.method() === 'POST') sent.push(request.postData() ?? '');
      });
      await page.goto(`${baseOf(gateway.url).replace('localhost', '127.0.0.1')}/dashboard`);
      await page.getByLabel('Bearer token').fill(analyst);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#token-viewer', { hasText: 'UN-JO · viewer · un-jo-analyst' }).waitFor();
      await showsWhatTheEndpointGives(page, analyst);
      // The subscription's text is the manifest's: the gateway lets it stream.
      expect((await liveStatus(page, 'live')).text).toBe('Live');
      // Every operation went by its hash alone.
      expect(sent.length).toBeGreaterThan(0);
      for (const body of sent) {
        const fields = JSON.parse(body) as { query?: string; documentId?: string };
        expect([fields.query, fields.documentId]).toEqual([undefined, expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
      }
    });
  });
});
