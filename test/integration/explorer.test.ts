// The explorer at GET /graphql, in Debian's Chromium against a hub started here: it renders from
// the gateway's own files with nothing loaded from the internet and no Content-Security-Policy
// violation, preloads the README's "Asking the hub" operations as tabs, runs one as the token typed
// into its token field and shows the answer, and opens the schema's docs. A production gateway
// serves no explorer unless EXPLORER=true.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Response as PageResponse } from 'playwright-core';
import { explorerTabs } from '../../gateway/readme-examples';
import type { RunningGateway } from '../../gateway/server';
import { EXPLORER_DIR, PAGE_CSP } from '../../gateway/static-pages';
import { launchBrowser, onPage as onBrowserPage, type TestBrowser } from '../support/browser';
import { startHub, startProductionGateway, type Hub } from '../support/hub';
import { baseOf, send, waitFor } from '../support/network';
import { tokenFor, users } from '../support/users';

const README = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const KIVU = '[Exercise] Scenario A: invented armed groups and hate speech';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let hub: Hub;
let browser: TestBrowser;
let analyst: string;

beforeAll(async () => {
  hub = await startHub();
  browser = await launchBrowser();
  analyst = await tokenFor(users.jointOfficeAnalyst);
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

const onPage = (name: string, check: (page: Page, external: string[], problems: string[]) => Promise<void>) =>
  onBrowserPage(browser, `explorer-${name}`, check);

/** Waits until GraphiQL's pane `selector` shows `text`, compared without white space (Monaco wraps long lines). */
async function paneShows(page: Page, selector: string, text: string): Promise<void> {
  const pane = page.locator(selector);
  const squeezed = (s: string) => s.replace(/[\s\u00a0]+/g, '');
  await waitFor(async () => squeezed((await pane.textContent()) ?? '').includes(squeezed(text)), 30_000, `${selector} showing ${text}`);
}

/** Runs the active tab's operation and returns the gateway's answer to it. */
async function run(page: Page, operation: string): Promise<PageResponse> {
  const answer = page.waitForResponse(
    (response) =>
      response.url().endsWith('/graphql') && response.request().method() === 'POST' && (response.request().postData() ?? '').includes(operation),
    { timeout: 30_000 },
  );
  await page.locator('.graphiql-execute-button').click();
  return answer;
}

describe('the explorer', () => {
  it('preloads the README\'s "Asking the hub" operations, runs one with the token typed in and shows the answer', async () => {
    const names = explorerTabs(README).map((tab) => /(?:query|mutation) (\w+)/.exec(tab.query)![1]);
    expect(names).toEqual(expect.arrayContaining(['GreatLakes', 'GreatLakesHigh', 'EcowasMembers', 'Dashboard', 'SituationTrend']));
    await onPage('run', async (page, external, problems) => {
      await page.goto(hub.gateway.url.replace('localhost', '127.0.0.1'));
      const tabs = page.locator('.graphiql-tab-button');
      await waitFor(async () => (await tabs.count()) === names.length, 30_000, 'the tabs');
      expect(await tabs.allTextContents()).toEqual(names);
      // The editor shows the first tab's operation once Monaco is up; then the chosen tab's.
      await paneShows(page, '.graphiql-query-editor', 'query GreatLakes { partner');
      await tabs.filter({ hasText: /^GreatLakesHigh$/ }).click();
      await paneShows(page, '.graphiql-query-editor', 'query GreatLakesHigh {');
      // Without a token the Kivus situation (AMBER, shared with the Office) is not there.
      const anonymous = await run(page, 'GreatLakesHigh');
      expect(anonymous.request().headers().authorization).toBeUndefined();
      expect(JSON.stringify(await anonymous.json())).not.toContain(KIVU);

      await page.getByLabel('Bearer token').fill(analyst);
      await page.locator('.hub-token-viewer', { hasText: 'UN-JO · viewer · un-jo-analyst' }).waitFor();
      const signedIn = await run(page, 'GreatLakesHigh');
      expect(signedIn.request().headers().authorization).toBe(`Bearer ${analyst}`);
      const shown = (await signedIn.json()) as { data: unknown; errors?: unknown };
      expect(shown.errors).toBeUndefined();
      // The same operation sent directly with the same token gets the same answer.
      const block = explorerTabs(README).find((tab) => tab.query.includes('query GreatLakesHigh'))!.query;
      const direct = await hub.query(block, undefined, { token: analyst });
      expect(shown.data).toEqual(direct.data);
      await paneShows(page, '.graphiql-response', KIVU);

      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it("opens the schema's docs", async () => {
    await onPage('docs', async (page, external, problems) => {
      await page.goto(hub.gateway.url.replace('localhost', '127.0.0.1'));
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      await docs.getByText('Query', { exact: true }).first().click();
      // The root type's fields, from the gateway's introspection.
      await docs
        .locator('.graphiql-doc-explorer-field-name', { hasText: /^situations$/ })
        .first()
        .waitFor({ timeout: 30_000 });
      await docs
        .locator('.graphiql-doc-explorer-field-name', { hasText: /^trainingTotals$/ })
        .first()
        .waitFor();
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it('serves its page uncached with a policy of its own origin only, and its hashed files for a year', async () => {
    const page = await send(hub.gateway.url.replace('localhost', '127.0.0.1'), { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="explorer">');
    const asset = /\/explorer\/assets\/[\w.-]+\.js/.exec(page.text)![0];
    const file = await fetch(`${baseOf(hub.gateway.url)}${asset}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await send(`${baseOf(hub.gateway.url)}/explorer/assets/none.js`)).status).toBe(404);
    // A client asking for JSON still gets the GraphQL endpoint, and POST is as before.
    const json = await send(`${hub.gateway.url.replace('localhost', '127.0.0.1')}?query=%7B__typename%7D`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(json.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers the page with the policy and no cache', async () => {
    const response = await fetch(hub.gateway.url.replace('localhost', '127.0.0.1'), { headers: HTML });
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(PAGE_CSP).not.toMatch(/https?:|\*|unsafe-eval/);
  });
});

describe('the explorer in production', () => {
  const started: RunningGateway[] = [];
  const productionGateway = async (explorer?: boolean) => {
    const gateway = await startProductionGateway(hub, explorer === undefined ? {} : { explorer });
    started.push(gateway);
    return gateway;
  };
  const asset = `/explorer/assets/${readdirSync(path.join(EXPLORER_DIR, 'assets')).find((file) => file.endsWith('.js'))}`;

  afterAll(async () => {
    for (const gateway of started) await gateway.stop(1000);
  });

  it('is off: a browser gets no page and no explorer file', async () => {
    const gateway = await productionGateway();
    const page = await send(gateway.url.replace('localhost', '127.0.0.1'), { headers: HTML });
    expect(page.text).not.toContain('<div id="explorer">');
    expect(page.status).toBe(400);
    expect((await send(`${baseOf(gateway.url)}${asset}`)).status).toBe(404);
  });

  it('is served with EXPLORER=true', async () => {
    const gateway = await productionGateway(true);
    const page = await send(gateway.url.replace('localhost', '127.0.0.1'), { headers: HTML });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="explorer">');
    expect((await send(`${baseOf(gateway.url)}${asset}`)).status).toBe(200);
  });
});
