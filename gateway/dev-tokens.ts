// The dashboard's development token picker: GET /dashboard/dev-tokens lists the hub's organisations
// and roles, POST mints a token for one pair with the function `npm run token` uses. Mounted only
// outside production and without a JWKS (server.ts): it signs with the development secret. The
// organisations are the graph's own (`partners`, asked of this gateway), as the gateway imports no subgraph.
import express, { type RequestHandler } from 'express';
import { mintDevelopmentToken, type AuthConfig } from './auth';
import { ROLES, type Role } from '../platform/identity';

export const DEV_TOKENS_PATH = '/dashboard/dev-tokens';

/** The hub's organisations, from this gateway's own graph; none when it cannot answer. */
async function organisations(req: express.Request): Promise<{ code: string; name: string }[]> {
  try {
    const response = await fetch(`http://127.0.0.1:${req.socket.localPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ partners { code name } }' }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { data?: { partners?: { code: string; name: string }[] | null } };
    return body.data?.partners ?? [];
  } catch {
    return [];
  }
}

/** The picker's routes, signing as the gateway verifies (`auth`'s secret, issuer and audience). */
export function devTokens(auth: AuthConfig): RequestHandler {
  const router = express.Router();
  router.get('/', async (req, res) => {
    res.set('cache-control', 'no-store').json({ organisations: await organisations(req), roles: ROLES });
  });
  router.post('/', express.json({ limit: '1kb' }), async (req, res) => {
    const { org, role } = (req.body ?? {}) as { org?: unknown; role?: unknown };
    const known = await organisations(req);
    if (!known.some((partner) => partner.code === org) || !ROLES.includes(role as Role)) {
      res.status(400).json({
        error: {
          code: 'BAD_USER_INPUT',
          message: `send {"org": one of ${known.map((p) => p.code).join(', ')}, "role": one of ${ROLES.join(', ')}}`,
        },
      });
      return;
    }
    const claims = { sub: `${String(org).toLowerCase()}-${String(role)}`, org: String(org), roles: [role as Role] };
    res.set('cache-control', 'no-store').json({ token: await mintDevelopmentToken(auth.jwtSecret, claims, '1h', auth.audience, auth.issuer) });
  });
  // A body that is not JSON is the caller's mistake: say so, without express's stack page.
  router.use(((_error, _req, res, _next) => {
    res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'the body must be JSON: {"org": "...", "role": "..."}' } });
  }) as express.ErrorRequestHandler);
  return router;
}
