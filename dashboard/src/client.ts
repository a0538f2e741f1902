// How the dashboard's panels ask the hub: a typed operation (generated/, from operations/*.graphql)
// POSTed to the gateway's /graphql with the signed-in viewer's token, by its hash (`documentId`, a
// trusted document of dashboard/persisted-documents.json), so it runs on a gateway with
// PERSISTED_ONLY=true; a gateway that does not know the hash gets the text instead. The answer is
// kept whole: a subgraph that is down gives partial data plus errors, and each panel decides what it lacks.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { currentToken } from '../../gateway/explorer/bearer-token';
import manifest from '../persisted-documents.json';

export interface Answer<T> {
  data: T | null;
  errors: { message: string; path?: (string | number)[]; extensions?: { code?: string; serviceName?: string } }[];
}

/** The document's hash in the manifest (`sha256:<hex>`), as codegen records it on the document. */
const hashOf = (document: object) => (document as { __meta__?: { hash?: string } }).__meta__?.hash;

/**
 * The document's text exactly as the manifest holds it, for a request that cannot go by hash (the
 * subscription: /graphql/stream takes text only, and a PERSISTED_ONLY gateway wants that text); printed
 * when the manifest lacks it.
 */
export function documentText<T, V>(document: TypedDocumentNode<T, V>): string {
  const hash = hashOf(document);
  return (hash && (manifest as Record<string, string>)[hash]) || print(document);
}

export async function ask<T, V extends Record<string, unknown>>(document: TypedDocumentNode<T, V>, variables?: V): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const token = currentToken();
  if (token !== '') headers.authorization = `Bearer ${token}`;
  try {
    const post = async (fields: Record<string, unknown>) =>
      (await (await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ ...fields, variables }) })).json()) as Partial<Answer<T>>;
    const hash = hashOf(document);
    let body = hash ? await post({ documentId: hash }) : undefined;
    if (!body || body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) body = await post({ query: print(document) });
    return { data: body.data ?? null, errors: body.errors ?? [] };
  } catch (error) {
    return { data: null, errors: [{ message: `the hub did not answer (${(error as Error).message})` }] };
  }
}
