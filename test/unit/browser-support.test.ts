// The page tests' browser: Debian's Chromium starts headless, renders a page served on loopback, and
// blockExternal both stops and reports a request that would leave the machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockExternal, launchBrowser, staysLocal, type TestBrowser } from '../support/browser';
import { waitFor } from '../support/network';

describe('the browser the page tests drive', () => {
  let browser: TestBrowser;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        req.url === '/external'
          ? '<html><body><h1>outside</h1><img src="https://example.org/pixel.png"></body></html>'
          : '<html><body><h1 id="title">hub</h1><script>document.getElementById("title").textContent += " ready"</script></body></html>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders a loopback page and runs its script', async () => {
    const page = await browser.browser.newPage();
    const external = await blockExternal(page);
    await page.goto(`${base}/`);
    await page.waitForFunction('document.getElementById("title")?.textContent === "hub ready"');
    expect(external).toEqual([]);
    await page.close();
  });

  it('stops and reports a request that would leave loopback', async () => {
    const page = await browser.browser.newPage();
    const external = await blockExternal(page);
    await page.goto(`${base}/external`);
    await page.waitForFunction('document.querySelector("h1")?.textContent === "outside"');
    // The image request is made during load; wait on it, not on a clock.
    await waitFor(async () => external.length > 0, 10_000, 'the external image request');
    expect(external).toEqual(['https://example.org/pixel.png']);
    await page.close();
  });

  it('tells loopback from the rest', () => {
    expect(staysLocal('http://127.0.0.1:4000/graphql')).toBe(true);
    expect(staysLocal('http://localhost/dashboard/')).toBe(true);
    expect(staysLocal('data:image/png;base64,AAAA')).toBe(true);
    expect(staysLocal('https://fonts.googleapis.com/css')).toBe(false);
    expect(staysLocal('http://127.0.0.2.example.org/')).toBe(false);
  });
});
