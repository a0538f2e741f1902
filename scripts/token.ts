// `npm run token -- --org ECOWAS --roles editor [--sub name] [--ttl 1h]`: prints a development
// token the gateway accepts when it runs with the local secret (HUB_JWT_SECRET or its default).
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  mintDevelopmentToken,
} from '../gateway/auth';
import { duration, readConfig } from '../platform/config';
import { viewerFromClaims } from '../platform/identity';
import { PARTNERS } from '../subgraphs/partners/data/partners';

async function main(): Promise<number> {
  if (process.env.NODE_ENV === 'production') {
    console.error('npm run token mints development tokens only; production tokens come from the identity provider (HUB_JWKS_URL).');
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        org: { type: 'string' },
        roles: { type: 'string', default: 'viewer' },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '1h' },
      },
    }));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const org = (values.org ?? '').toUpperCase();
  const roles = (values.roles ?? 'viewer').split(',').map((r) => r.trim());
  const sub = values.sub ?? `${org.toLowerCase()}-${roles.join('-')}`;
  const viewer = viewerFromClaims({ sub, org, roles });
  if (typeof viewer === 'string') {
    console.error(`usage: npm run token -- --org ECOWAS --roles viewer|editor|admin[,..] [--sub name] [--ttl 1h]\n${viewer}`);
    return 2;
  }
  // A token for an organisation the hub does not hold would read as anonymous and own nothing: refuse it.
  if (!PARTNERS.some((partner) => partner.code === org)) {
    console.error(`--org ${org} is not an organisation of the hub; one of: ${PARTNERS.map((partner) => partner.code).join(', ')}`);
    return 2;
  }
  if (!/^\d+[smhd]$/.test(values.ttl ?? '')) {
    console.error('--ttl must look like 30m, 1h or 7d');
    return 2;
  }
  // The gateway refuses a token meant to live longer than HUB_JWT_MAX_LIFETIME: do not mint one.
  let maxLifetime: number;
  try {
    maxLifetime = readConfig(duration('HUB_JWT_MAX_LIFETIME', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS), process.env.HUB_JWT_MAX_LIFETIME);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (readConfig(duration('--ttl', 0), values.ttl) > maxLifetime) {
    console.error(`--ttl ${values.ttl} is longer than the ${maxLifetime} s the gateway accepts (HUB_JWT_MAX_LIFETIME)`);
    return 2;
  }
  const token = await mintDevelopmentToken(
    process.env.HUB_JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    viewer as { sub: string; org: string; roles: typeof viewer.roles },
    values.ttl,
    process.env.HUB_JWT_AUDIENCE || DEVELOPMENT_AUDIENCE,
    process.env.HUB_JWT_ISSUER || DEVELOPMENT_ISSUER,
  );
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
