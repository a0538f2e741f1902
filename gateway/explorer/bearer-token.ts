// The bearer token a page of ours sends (the explorer's token field, the dashboard's sign-in): kept
// for this browser tab only (sessionStorage, never the URL or localStorage), shared by both pages.
// What the token says is read from its payload for display only: the gateway verifies it.
const STORAGE_KEY = 'hub-explorer-token';

let current = sessionStorage.getItem(STORAGE_KEY) ?? '';

/** The token as typed now, trimmed; empty for an anonymous reader. */
export function currentToken(): string {
  return current.trim();
}

/** Keeps `token` for this tab (an empty one signs out). */
export function setToken(token: string): void {
  current = token;
  if (current.trim() === '') sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, current.trim());
}

/** "UN-JO · viewer · un-jo-analyst", or why the text is not a token. */
export function describeToken(token: string): string {
  if (token === '') return 'No token: you read as an anonymous reader and see CLEAR records only.';
  const parts = token.split('.');
  if (parts.length !== 3) return 'This is not a JWT (three parts separated by dots); the hub will refuse it.';
  try {
    const claims = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const roles = Array.isArray(claims.roles) ? claims.roles.join(', ') : String(claims.roles ?? '');
    const expires = typeof claims.exp === 'number' ? ` · expires ${new Date(claims.exp * 1000).toLocaleString()}` : '';
    return `${String(claims.org)} · ${roles} · ${String(claims.sub)}${expires}`;
  } catch {
    return 'This token cannot be read; the hub will refuse it.';
  }
}
