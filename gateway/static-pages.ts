// The pages the gateway serves from its own files (dist/explorer/, dist/dashboard/, built by Vite): their hashed
// assets with a long cache, their index.html never cached, and a Content-Security-Policy that lets a
// page load nothing that is not the gateway's, so that no page can reach the internet.
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * 'self' for everything a page loads or calls, with what GraphiQL's Monaco editor strictly needs:
 * style-src 'unsafe-inline' (Monaco writes <style> elements and style attributes as it lays out
 * the editor), data: fonts and images (GraphiQL's stylesheet carries its fonts inline). Monaco's
 * workers are our own files (worker-src 'self'); nothing needs eval or blob:.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The dashboard's: stricter than the explorer's, as it needs no inline style (Chart.js sizes its
 * canvases through the style object, which CSP does not govern), no fonts and no workers.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(res: Response, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

/** The built files under `dir`: content-hashed, so cached for a year; unknown files 404. */
export function pageAssets(dir: string, csp = PAGE_CSP): RequestHandler {
  const files = express.static(dir, { index: false, immutable: true, maxAge: '365d', fallthrough: false, redirect: false });
  return (req, res, next) => {
    pageHeaders(res, csp);
    files(req, res, (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status;
      if (status !== undefined && status < 500) res.status(status).type('text/plain').send('Not found');
      else next(error);
    });
  };
}

/** Answers with `dir`/index.html, revalidated on every visit so that a new build is seen at once. */
export function pageIndex(dir: string, csp = PAGE_CSP) {
  const index = path.join(dir, 'index.html');
  return (res: Response, next: NextFunction): void => {
    pageHeaders(res, csp);
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index, (error) => {
      if (!error) return;
      if (res.headersSent) return next(error);
      res
        .status(404)
        .type('text/plain')
        .send(`This page is not built: run npm run build (no ${path.relative(process.cwd(), index)})`);
    });
  };
}

/** Whether a GET is a browser asking for a page (as Apollo decides for its landing page), not a client asking for JSON. */
export function prefersHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

/** What a page adds to the gateway: GET routes and mounted handlers (platform/http/service.ts). */
export interface Page {
  routes: Record<string, RequestHandler>;
  mounts: Record<string, RequestHandler>;
}

export const NO_PAGE: Page = { routes: {}, mounts: {} };

/**
 * A page built into `dir`: its index.html answered at `route` (when `wants` says the request is for
 * the page; otherwise it goes on), its hashed files under `assets`, both under `csp`.
 */
export function page(options: { dir: string; route: string; assets: string; csp?: string; wants?: (req: Request) => boolean }): Page {
  const index = pageIndex(options.dir, options.csp);
  const wants = options.wants ?? (() => true);
  return {
    routes: { [options.route]: (req, res, next) => (wants(req) ? index(res, next) : next()) },
    mounts: { [options.assets]: pageAssets(path.join(options.dir, 'assets'), options.csp) },
  };
}

/** Both pages' routes and mounts, as one. */
export function pages(...all: Page[]): Page {
  return { routes: Object.assign({}, ...all.map((p) => p.routes)), mounts: Object.assign({}, ...all.map((p) => p.mounts)) };
}

/** dist/explorer/, where `npm run build:explorer` writes the explorer (gateway/explorer/). */
export const EXPLORER_DIR = path.resolve(__dirname, '..', 'explorer');

/** The explorer: GraphiQL for a browser's GET /graphql (every other request goes on to Apollo), its files under /explorer/assets. */
export function explorerPage(dir = EXPLORER_DIR): Page {
  return page({ dir, route: '/graphql', assets: '/explorer/assets', wants: prefersHtml });
}

/** dist/dashboard/, where `npm run build:dashboard` writes the reference dashboard (dashboard/). */
export const DASHBOARD_DIR = path.resolve(__dirname, '..', 'dashboard');

/** The reference dashboard at /dashboard, its files under /dashboard/assets. */
export function dashboardPage(dir = DASHBOARD_DIR): Page {
  return page({ dir, route: '/dashboard', assets: '/dashboard/assets', csp: DASHBOARD_CSP });
}
