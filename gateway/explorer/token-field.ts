// The bearer token field above GraphiQL: what the analyst pastes is kept for this browser tab only
// and sent as `Authorization: Bearer ...` with every request the explorer makes (bearer-token.ts).
import { createElement as h, useState } from 'react';
import { currentToken, describeToken, setToken as keepToken } from './bearer-token';

export { currentToken };

export function TokenField() {
  const [token, setToken] = useState(currentToken());
  const onChange = (event: { target: { value: string } }) => {
    keepToken(event.target.value);
    setToken(event.target.value);
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
    h('output', { htmlFor: 'hub-token', className: 'hub-token-viewer' }, describeToken(token.trim())),
  );
}
