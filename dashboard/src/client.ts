// The dashboard's one way to ask the hub: a typed operation (generated/, from operations/*.graphql)
// POSTed to the gateway's /graphql with the signed-in viewer's token. The answer is kept whole:
// a subgraph that is down gives partial data plus errors, and each panel decides what it lacks.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { currentToken } from '../../gateway/explorer/bearer-token';

export interface Answer<T> {
  data: T | null;
  errors: { message: string; path?: (string | number)[]; extensions?: { code?: string; serviceName?: string } }[];
}

export async function ask<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables?: V): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const token = currentToken();
  if (token !== '') headers.authorization = `Bearer ${token}`;
  try {
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
    const body = (await response.json()) as Partial<Answer<T>>;
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (error) {
    return { data: null, errors: [{ message: `the hub did not answer (${(error as Error).message})` }] };
  }
}
