// The browser the page tests drive: Debian's Chromium (`npm run chromium` installs it; HUB_CHROMIUM
// names another binary) through playwright-core, headless, with a fresh profile and none of the
// browser's own traffic. Pages we serve must load nothing from the internet: blockExternal records
// and aborts every request that leaves loopback, and the tests assert that list stays empty.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.HUB_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/** Starts headless Chromium; playwright gives it a fresh throwaway profile of its own. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for the URLs a page of ours may load: loopback over http(s), and in-page data, blob and about URLs. */
export function staysLocal(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') && LOOPBACK_HOSTS.has(parsed.hostname);
}

/**
 * Aborts every request of the page (and of its workers) that would leave loopback and returns the
 * list of those it saw, for the test to assert empty.
 */
export async function blockExternal(page: Page): Promise<string[]> {
  const external: string[] = [];
  await page.context().route('**/*', async (route) => {
    const url = route.request().url();
    if (staysLocal(url)) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  return external;
}

/**
 * Runs `check` on a fresh page of `browser` whose external requests are blocked and recorded
 * (`external`) and whose CSP violations and uncaught errors are collected (`problems`); on failure
 * a screenshot goes to test-results/<name>.png before the error is passed on.
 */
export async function onPage(
  browser: TestBrowser,
  name: string,
  check: (page: Page, external: string[], problems: string[]) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  const page = await browser.browser.newPage(viewport ? { viewport } : {});
  const external = await blockExternal(page);
  // CSP violations and uncaught errors are reported on the console and as page errors.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  try {
    await check(page, external, problems);
  } catch (error) {
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await page.close();
  }
}
