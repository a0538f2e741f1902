// The people the tests act as, by name, and the one way to sign a token for them: the secret the
// gateway under test (test/support/hub.ts) trusts. A test that needs a person of its own (a
// distinct user id, so audit entries or named RED readers stay apart) builds one with member().
import { randomBytes } from 'node:crypto';
import { mintDevelopmentToken } from '../../gateway/auth';
import { ANONYMOUS, type Role, type Viewer } from '../../platform/identity';

/** A signed-in member of the hub: one organisation, one user id, its roles. */
export interface TestUser extends Viewer {
  sub: string;
  org: string;
}

export const TEST_JWT_SECRET = `test-jwt-secret-${randomBytes(8).toString('hex')}`;

export function member(org: string, role: Role | Role[], sub: string): TestUser {
  return { sub, org, roles: Array.isArray(role) ? role : [role] };
}

export const users = {
  anonymous: ANONYMOUS,
  jointOfficeAnalyst: member('UN-JO', 'viewer', 'un-jo-analyst'),
  jointOfficeEditor: member('UN-JO', 'editor', 'un-jo-editor'),
  jointOfficeAdmin: member('UN-JO', 'admin', 'un-jo-admin'),
  ecowasAnalyst: member('ECOWAS', 'viewer', 'ecowas-analyst'),
  ecowasEditor: member('ECOWAS', 'editor', 'ecowas-editor'),
  ecowasAdmin: member('ECOWAS', 'admin', 'ecowas-admin'),
  auAnalyst: member('AU', 'viewer', 'au-analyst'),
  auEditor: member('AU', 'editor', 'au-editor'),
  auAdmin: member('AU', 'admin', 'au-admin'),
  icglrAnalyst: member('ICGLR', 'viewer', 'icglr-analyst'),
  icglrEditor: member('ICGLR', 'editor', 'icglr-editor'),
  icglrAdmin: member('ICGLR', 'admin', 'icglr-admin'),
  igadAnalyst: member('IGAD', 'viewer', 'igad-analyst'),
  /** The adviser of the OSCE High Commissioner on National Minorities. */
  osceEditor: member('OSCE', 'editor', 'osce-hcnm-adviser'),
} as const;

/** A bearer token for `user`, as the development token command would mint it; none for an anonymous reader. */
export function tokenFor(user: TestUser): Promise<string>;
export function tokenFor(user: Viewer): Promise<string | undefined>;
export async function tokenFor(user: Viewer): Promise<string | undefined> {
  if (user.sub === null || user.org === null) return undefined;
  return mintDevelopmentToken(TEST_JWT_SECRET, { sub: user.sub, org: user.org, roles: user.roles });
}
