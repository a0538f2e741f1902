// A partner's own service, built on none of the hub's code: only node:http, graphql,
// @apollo/subgraph and jose (README "A partner's own service, in any language"). It is the worked
// example of the contract a service in any language meets to join the hub:
//   - its SDL file (./schema.graphql) extends the hub's entities by their keys;
//   - it accepts a request only with the gateway's identity token in `x-hub-identity`, verified
//     against the gateway's public keys, issuer `hub-gateway`, audience its own name; otherwise 401;
//   - it applies the hub's sharing rule (README "Who sees what") to its own records;
//   - it answers GET /health and GET /ready without a token.
// The eslint config forbids this folder to import anything outside it, so it stays foreign.
// Run it alone (after `npm run build`): HUB_GATEWAY_JWKS_URL=http://localhost:4000/.well-known/hub-jwks.json
// PORT=4005 node dist/test/support/foreign-subgraph/server.js
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, validate, execute, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { FIELD_NOTES, type FieldNote } from './notes';

/** The name it is composed under: the audience of the tokens the gateway signs for it. */
export const DEFAULT_SERVICE_NAME = 'fieldnotes';
const ISSUER = 'hub-gateway';
const IDENTITY_HEADER = 'x-hub-identity';
/** The gateway signs with Ed25519 (EdDSA) or P-256 (ES256) keys; nothing else is accepted, so no HS256 and no "alg: none". */
const ALGORITHMS = ['EdDSA', 'ES256'];
/** The gateway's tokens live 60 s; a token older than this (5 s of clock skew) is refused whatever its `exp`. */
const MAX_TOKEN_AGE_SECONDS = 65;
const MAX_BODY_BYTES = 1024 * 1024;

/** The SDL file sits beside the source; once compiled, this file runs from dist/test/support/foreign-subgraph. */
export const SCHEMA_PATH = [
  path.join(__dirname, 'schema.graphql'),
  path.resolve(__dirname, '..', '..', '..', '..', 'test', 'support', 'foreign-subgraph', 'schema.graphql'),
].find((candidate) => existsSync(candidate))!;

/** Who is asking, as the gateway vouched: an anonymous reader has neither `sub` nor `org`. */
interface Viewer {
  sub: string | null;
  org: string | null;
}

const ANONYMOUS: Viewer = { sub: null, org: null };

/**
 * The hub's sharing rule (README "Who sees what"), written again here from the README's table for
 * the levels these notes use: CLEAR to anyone, GREEN to any signed-in member, AMBER and AMBER_STRICT
 * to the owner and the organisations in `sharedWith`, RED to the owner and the users it names.
 */
export function mayRead(viewer: Viewer, note: FieldNote): boolean {
  if (note.classification === 'CLEAR') return true;
  if (viewer.sub === null || viewer.org === null) return false;
  if (note.ownerOrg === viewer.org) return true;
  switch (note.classification) {
    case 'GREEN':
      return true;
    case 'AMBER':
    case 'AMBER_STRICT':
      return note.sharedWith.includes(viewer.org);
    case 'RED':
      return note.sharedWithUsers.includes(viewer.sub);
  }
}

function notesAbout(notes: readonly FieldNote[], viewer: Viewer, matches: (about: FieldNote['about']) => boolean) {
  return notes
    .filter((note) => matches(note.about) && mayRead(viewer, note))
    .sort((a, b) => b.observedOn.localeCompare(a.observedOn))
    .map(({ id, observedOn, text, ownerOrg, classification, sharedWith }) => ({ id, observedOn, text, ownerOrg, classification, sharedWith }));
}

export function buildSchema(notes: readonly FieldNote[] = FIELD_NOTES, sdl: string = readFileSync(SCHEMA_PATH, 'utf8')) {
  return buildSubgraphSchema([
    {
      typeDefs: parse(sdl),
      resolvers: {
        Country: {
          __resolveReference: (reference: { iso3: string }) => ({ iso3: reference.iso3 }),
          fieldNotes: (country: { iso3: string }, _args: unknown, viewer: Viewer) =>
            notesAbout(notes, viewer, (about) => about.type === 'Country' && about.iso3 === country.iso3),
        },
        Situation: {
          __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
          fieldNotes: (situation: { id: string }, _args: unknown, viewer: Viewer) =>
            notesAbout(notes, viewer, (about) => about.type === 'Situation' && about.id === situation.id),
        },
      },
    },
  ]);
}

/** Where the gateway's public keys come from: its own endpoint (fetched again for an unknown `kid`), or a file holding the set. */
export type GatewayKeysSource = { url: string } | { file: string } | { set: JSONWebKeySet };

function gatewayKeys(source: GatewayKeysSource): JWTVerifyGetKey {
  if ('url' in source) return createRemoteJWKSet(new URL(source.url), { cooldownDuration: 5000 });
  const set = 'file' in source ? (JSON.parse(readFileSync(source.file, 'utf8')) as JSONWebKeySet) : source.set;
  // A public set holding a private key was handed out by mistake: refuse it rather than keep it.
  if (set.keys.some((key) => 'd' in key)) throw new Error('the gateway key set holds a private key ("d"): give this service the public set only');
  return createLocalJWKSet(set);
}

/** The viewer a valid token names, or null for a missing, forged, expired or misaddressed one. */
async function verifiedViewer(token: string | undefined, keys: JWTVerifyGetKey, audience: string): Promise<Viewer | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: ISSUER,
      audience,
      algorithms: ALGORITHMS,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
    });
    if (payload.anon === true) return ANONYMOUS;
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !Array.isArray(payload.roles)) return null;
    return { sub: payload.sub, org: payload.org };
  } catch {
    return null;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { errors: [{ message, extensions: { code } }] });
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Errors as clients see them: every one with extensions.code, none with a stack trace or an internal message. */
function formatted(error: GraphQLError): GraphQLFormattedError {
  const code = error.extensions.code;
  if (typeof code === 'string') return { message: error.message, path: error.path, extensions: { code } };
  return { message: 'Internal server error', path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export interface ForeignSubgraphOptions {
  keys: GatewayKeysSource;
  /** Its subgraph name: the audience its tokens must carry. */
  name?: string;
  host?: string;
  /** 0 for any free port. */
  port?: number;
  notes?: readonly FieldNote[];
}

export interface RunningForeignSubgraph {
  name: string;
  /** Where the gateway sends GraphQL requests: http://host:port/graphql. */
  url: string;
  stop: () => Promise<void>;
}

export async function startForeignSubgraph(options: ForeignSubgraphOptions): Promise<RunningForeignSubgraph> {
  const name = options.name ?? DEFAULT_SERVICE_NAME;
  const schema = buildSchema(options.notes);
  const keys = gatewayKeys(options.keys);
  let stopping = false;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://service').pathname;
    // Liveness and readiness need no token: the records are in memory, so it is ready while it runs.
    if (req.method === 'GET' && pathname === '/health') return send(res, 200, { status: 'ok', service: name });
    if (req.method === 'GET' && pathname === '/ready')
      return send(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ready', service: name });
    if (pathname !== '/graphql') return refuse(res, 404, 'NOT_FOUND', 'not found: GraphQL is served at /graphql');
    if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'send GraphQL requests as POST with a JSON body');

    // Nothing is answered, _service and _entities included, without the gateway's word for the viewer.
    const viewer = await verifiedViewer(req.headers[IDENTITY_HEADER] as string | undefined, keys, name);
    if (!viewer) return refuse(res, 401, 'UNAUTHENTICATED', `a valid ${IDENTITY_HEADER} token from the hub's gateway is required`);

    const raw = await readBody(req);
    if (raw === null) return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return refuse(res, 400, 'BAD_REQUEST', 'the request body is not JSON');
    }
    if (typeof body?.query !== 'string') return refuse(res, 400, 'BAD_REQUEST', 'the request body has no "query" string');
    let document: DocumentNode;
    try {
      document = parse(body.query, { maxTokens: 5000 });
    } catch (error) {
      return refuse(res, 400, 'GRAPHQL_PARSE_FAILED', (error as Error).message);
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      return send(res, 400, { errors: invalid.map((error) => ({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
    }
    const result = await execute({
      schema,
      document,
      variableValues: body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : undefined,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
      contextValue: viewer,
    });
    send(res, 200, result.errors ? { data: result.data, errors: result.errors.map(formatted) } : { data: result.data });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    name,
    url: `http://${host}:${port}/graphql`,
    stop: async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}

if (require.main === module) {
  const url = process.env.HUB_GATEWAY_JWKS_URL;
  const file = process.env.HUB_GATEWAY_JWKS_FILE;
  if (!url && !file) {
    console.error('set HUB_GATEWAY_JWKS_URL (e.g. http://localhost:4000/.well-known/hub-jwks.json) or HUB_GATEWAY_JWKS_FILE');
    process.exit(2);
  }
  startForeignSubgraph({
    keys: url ? { url } : { file: file! },
    name: process.env.SERVICE_NAME ?? DEFAULT_SERVICE_NAME,
    host: process.env.HOST ?? '0.0.0.0',
    port: Number(process.env.PORT ?? 4005),
  }).then(
    (running) => {
      console.log(`${running.name} serving ${running.url}`);
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
