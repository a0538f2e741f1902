// The bearer token field above GraphiQL: what the analyst pastes is kept for this browser tab only
// (sessionStorage, never the URL or localStorage) and sent as `Authorization: Bearer ...` with every
// request the explorer makes. What the token says is shown beside it, read from its payload for
// display only: the gateway verifies it.
import { createElement as h, useState } from 'react';

const STORAGE_KEY = 'hub-explorer-token';

let current = sessionStorage.getItem(STORAGE_KEY) ?? '';

/** The token as typed now, trimmed; empty for an anonymous reader. */
export function currentToken(): string {
  return current.trim();
}

/** "UN-JO · viewer · un-jo-analyst", or why the text is not a token. */
function describe(token: string): string {
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

export function TokenField() {
  const [token, setToken] = useState(current);
  const onChange = (event: { target: { value: string } }) => {
    current = event.target.value;
    if (current.trim() === '') sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, current.trim());
    setToken(current);
  };
  return h(
    'form',
    { className: 'hub-token', onSubmit: (event: { preventDefault: () => void }) => event.preventDefault() },
    h('label', { htmlFor: 'hub-token' }, 'Bearer token'),
    h('input', {
      id: 'hub-token',
      name: 'token',
      type: 'password',
      autoComplete: 'off',
      spellCheck: false,
      placeholder: 'paste a token: npm run -s token -- --org UN-JO --roles viewer',
      value: token,
      onChange,
    }),
    h('output', { htmlFor: 'hub-token', className: 'hub-token-viewer' }, describe(token.trim())),
  );
}
