// Trusted documents: the persisted operations the gateway is given (PERSISTED_OPERATIONS, manifests
// of `{ "<sha256 hex of the text>": "<text>" }` (keys also "sha256:<hex>") as graphql-codegen's client preset writes them), the
// middleware that lets a client send one by its hash, and PERSISTED_ONLY's rule that a viewer who is
// not an admin runs those and nothing else.
//
// A client sends a hash as Apollo's `extensions.persistedQuery.sha256Hash` or as `documentId`
// (GraphQL over HTTP, Hive; `sha256:<hex>` too), in a POST body or a GET's parameters. The
// middleware puts the manifest's text in `query` before Apollo reads the request, so Apollo's own
// automatic persisted queries stay off (server.ts): with them any client could register any text.
// The rule looks at the text's hash, not at how it was sent: the manifest's text sent in full is the
// same trusted document, and anything else is refused before it is parsed (in the context factory,
// server.ts), so a refused client
// learns nothing of the schema from validation errors.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';
import { Kind, parse } from 'graphql';
import { persistedQueryNotFound, persistedQueryNotInList } from '../platform/errors';
import { refuse } from '../platform/http/status';
import { hasRole, type Viewer } from '../platform/identity';

/** Hash → document text, from every manifest given. */
export type PersistedOperations = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The manifests' operations; a file that is not such a manifest, or a hash that is not its text's, stops the gateway. */
export function readPersistedOperations(files: readonly string[]): PersistedOperations {
  const operations = new Map<string, string>();
  for (const file of files) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`PERSISTED_OPERATIONS: cannot read ${file} as JSON (${(error as Error).message})`, { cause: error });
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new Error(`PERSISTED_OPERATIONS: ${file} must hold one JSON object of "<sha256 hex>": "<operation text>"`);
    // graphql-codegen's client preset writes the keys with their algorithm, "sha256:<hex>".
    for (const [key, text] of Object.entries(manifest)) {
      const hash = key.replace(/^sha256:/, '');
      if (typeof text !== 'string' || !SHA256_HEX.test(hash) || sha256Hex(text) !== hash)
        throw new Error(`PERSISTED_OPERATIONS: in ${file}, "${key.slice(0, 70)}" is not the sha256 hex of its operation's text`);
      operations.set(hash, text);
    }
  }
  return operations;
}

/** The names of the manifests' operations (their metrics labels are exempt from the cap, platform/metrics.ts). */
export function persistedOperationNames(operations: PersistedOperations): string[] {
  const names: string[] = [];
  for (const text of operations.values()) {
    let document;
    try {
      document = parse(text);
    } catch {
      continue; // not a document: it fails when sent, and has no name to label
    }
    for (const definition of document.definitions)
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
  }
  return names;
}

interface OperationFields {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

type Resolution = { fields: OperationFields } | { refused: { code: string; message: string } };

const badRequest = (message: string): Resolution => ({ refused: { code: 'BAD_REQUEST', message } });

/** The request's fields with the manifest's text as `query` and the hash references taken out, or why it is refused. */
function resolve(fields: OperationFields, operations: PersistedOperations): Resolution {
  const extensions = typeof fields.extensions === 'object' && fields.extensions !== null ? (fields.extensions as Record<string, unknown>) : undefined;
  const persistedQuery = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  if (fields.documentId === undefined && persistedQuery === undefined) return { fields };
  const hashes = new Set<string>();
  if (fields.documentId !== undefined) {
    const id = typeof fields.documentId === 'string' ? fields.documentId.replace(/^sha256:/, '') : '';
    if (!SHA256_HEX.test(id)) return badRequest('documentId must be the sha256 hex of a persisted operation ("<hex>" or "sha256:<hex>")');
    hashes.add(id);
  }
  if (persistedQuery !== undefined) {
    if (persistedQuery === null || typeof persistedQuery !== 'object' || persistedQuery.version !== 1)
      return badRequest('extensions.persistedQuery must be { "version": 1, "sha256Hash": "<hex>" }');
    if (typeof persistedQuery.sha256Hash !== 'string' || !SHA256_HEX.test(persistedQuery.sha256Hash))
      return badRequest('extensions.persistedQuery.sha256Hash must be the sha256 hex of the operation');
    hashes.add(persistedQuery.sha256Hash);
  }
  if (hashes.size > 1) return badRequest('documentId and extensions.persistedQuery name different operations');
  const [hash] = hashes;
  const hasQuery = typeof fields.query === 'string' && fields.query !== '';
  if (hasQuery && sha256Hex(fields.query as string) !== hash) return badRequest(`the query sent does not hash to ${hash}`);
  const text = operations.get(hash);
  if (text === undefined && !hasQuery) {
    const error = persistedQueryNotFound(hash);
    return { refused: { code: String(error.extensions.code), message: error.message } };
  }
  const { persistedQuery: _taken, ...otherExtensions } = extensions ?? {};
  const { documentId: _id, extensions: _extensions, ...rest } = fields;
  return { fields: { ...rest, query: text ?? fields.query, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) } };
}

/** Express middleware, on the parsed body: a hash becomes the manifest's text; an unknown one is answered 400 here. */
export function persistedOperationsMiddleware(operations: PersistedOperations) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST') {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return next();
      const outcome = resolve(body as OperationFields, operations);
      if ('refused' in outcome) return refuse(res, 400, outcome.refused.code, outcome.refused.message);
      req.body = outcome.fields;
      return next();
    }
    if (req.method !== 'GET') return next();
    const at = req.url.indexOf('?');
    if (at < 0) return next();
    const params = new URLSearchParams(req.url.slice(at + 1));
    let extensions: unknown;
    try {
      extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
    } catch {
      return refuse(res, 400, 'BAD_REQUEST', 'The extensions parameter must be JSON');
    }
    const fields = { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
    const outcome = resolve(fields, operations);
    if ('refused' in outcome) return refuse(res, 400, outcome.refused.code, outcome.refused.message);
    if (outcome.fields === fields) return next();
    params.delete('documentId');
    params.delete('extensions');
    params.set('query', outcome.fields.query as string);
    if (outcome.fields.extensions) params.set('extensions', JSON.stringify(outcome.fields.extensions));
    // The Apollo adapter reads a GET's parameters from originalUrl (platform/http/express-adapter.ts).
    req.url = `${req.url.slice(0, at)}?${params}`;
    req.originalUrl = `${req.originalUrl.split('?', 1)[0]}?${params}`;
    next();
  };
}

/**
 * PERSISTED_ONLY: a document whose text is not one of the manifest's is refused (400,
 * PERSISTED_QUERY_NOT_IN_LIST) unless the viewer is an admin. Checked as the request's context is
 * built, before the document is parsed: Apollo turns an error thrown from a plugin's hook into a 500.
 */
export function requirePersisted(operations: PersistedOperations): (req: Request, viewer: Viewer) => void {
  return (req, viewer) => {
    const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string' && operations.has(sha256Hex(query))) return;
    if (hasRole(viewer, 'admin')) return;
    throw persistedQueryNotInList();
  };
}
