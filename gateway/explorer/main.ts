// The hub's explorer: GraphiQL on the gateway's own /graphql, with a bearer token field and the
// README's example operations preloaded as tabs (virtual:explorer-tabs, see vite.config.ts).
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './explorer.css';
import tabs from 'virtual:explorer-tabs';
import { currentToken, TokenField } from './token-field';

// The token field's token on every request, unless the headers editor sets its own Authorization.
const withToken: typeof fetch = (input, init = {}) => {
  const headers = new Headers(init.headers);
  const token = currentToken();
  if (token !== '' && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

// The gateway answers neither subscriptions nor incremental delivery: plain POSTs only.
const fetcher = createGraphiQLFetcher({ url: '/graphql', fetch: withToken, enableIncrementalDelivery: false });

function Explorer() {
  return h(
    'div',
    { className: 'hub-explorer' },
    h(TokenField),
    h(
      'div',
      { className: 'hub-graphiql' },
      h(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: true }, h(GraphiQL.Logo, null, 'Atrocity-prevention hub')),
    ),
  );
}

createRoot(document.getElementById('explorer')!).render(h(StrictMode, null, h(Explorer)));
