// Who is asking: the viewer every resolver and the access policy see, as the gateway vouched for it.
/** A partner code: letters, digits and hyphens, e.g. "ECOWAS", "UN-JO"; a token's org claim is one. Subgraphs take it from kernel/write/validation.ts. */
export const PARTNER_CODE = /^[A-Z][A-Z0-9-]{1,15}$/;

export type Role = 'viewer' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'editor', 'admin'];

export interface Viewer {
  /** JWT subject; null for an anonymous reader. */
  sub: string | null;
  /** Partner code of the viewer's organisation; null for an anonymous reader. */
  org: string | null;
  roles: Role[];
}

export const ANONYMOUS: Viewer = Object.freeze({ sub: null, org: null, roles: [] }) as Viewer;

export function isAuthenticated(viewer: Viewer): boolean {
  return viewer.sub !== null && viewer.org !== null;
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return roles.some((role) => viewer.roles.includes(role));
}

/** Shapes a viewer from untrusted claims; returns a reason when they do not describe one. */
export function viewerFromClaims(claims: Record<string, unknown>): Viewer | string {
  const { sub, org, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) return 'the token has no valid "sub" claim';
  if (typeof org !== 'string' || !PARTNER_CODE.test(org)) return 'the token has no valid "org" claim (a partner code such as "ECOWAS")';
  const list = Array.isArray(roles) ? roles : typeof roles === 'string' ? roles.split(/[ ,]+/) : [];
  if (list.length === 0 || !list.every((r): r is Role => ROLES.includes(r as Role)))
    return 'the token\'s "roles" claim must list viewer, editor or admin';
  return { sub, org, roles: [...new Set(list as Role[])] };
}

/**
 * A staff member's user id, shown only to members of the organisation the person acted for;
 * everyone else learns the organisation, not the person.
 */
export function staffIdFor(viewer: Viewer, actingOrg: string, sub: string): string | null {
  return isAuthenticated(viewer) && viewer.org === actingOrg ? sub : null;
}
