// The dashboard's development token picker: GET /dashboard/dev-tokens lists the hub's organisations
// and roles, POST mints a token for one pair with the function `npm run token` uses. Mounted only
// outside production and without a JWKS (server.ts): it signs with the development secret.
import express, { type RequestHandler } from 'express';
import { mintDevelopmentToken, type AuthConfig } from './auth';
import { ROLES, type Role } from '../platform/identity';
import { PARTNERS } from '../subgraphs/partners/data/partners';

export const DEV_TOKENS_PATH = '/dashboard/dev-tokens';

/** The picker's routes, signing as the gateway verifies (`auth`'s secret, issuer and audience). */
export function devTokens(auth: AuthConfig): RequestHandler {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.set('cache-control', 'no-store').json({
      organisations: PARTNERS.map((partner) => ({ code: partner.code, name: partner.name })),
      roles: ROLES,
    });
  });
  router.post('/', express.json({ limit: '1kb' }), async (req, res) => {
    const { org, role } = (req.body ?? {}) as { org?: unknown; role?: unknown };
    if (!PARTNERS.some((partner) => partner.code === org) || !ROLES.includes(role as Role)) {
      res.status(400).json({
        error: {
          code: 'BAD_USER_INPUT',
          message: `send {"org": one of ${PARTNERS.map((p) => p.code).join(', ')}, "role": one of ${ROLES.join(', ')}}`,
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
