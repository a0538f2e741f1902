// /graphql/stream at the gateway: `subscription { alertEvents(filter) { ... } }` in the GraphQL over
// SSE protocol (graphql-sse: GET or POST with Accept: text/event-stream, one stream per operation),
// for signed-in clients. @apollo/gateway cannot run subscriptions, so this serves the one the schema
// has: per subscriber it reads the alerts subgraph's GET /alert-events as that subscriber (the
// subgraph drops events whose alert they may not read), then reads each event's alert again through
// the gateway's own federated executor with the subscriber's identity, with the selection the client
// asked for under `alert`; an alert that comes back null is skipped, and what of it could not be
// read (a subgraph down) comes with the event as its errors, as /graphql would answer. Each SSE
// message's `id:` is the event's seq, so a client reconnecting with Last-Event-ID resumes upstream
// right after it.
// Every gateway replica serves every event: each subscriber's upstream stream is its own, and the
// alerts replicas hear of every publication through PostgreSQL LISTEN/NOTIFY (README "Live alert events").
import type { Request, RequestHandler, Response } from 'express';
import {
  buildSchema,
  getOperationAST,
  printSchema,
  GraphQLError,
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import { decodeJwt } from 'jose';
import { request } from 'undici';
import { ALERT_EVENTS_OPERATION, ALERT_EVENTS_PATH } from '../platform/downloads';
import { REQUEST_FAULT_CODES, unauthenticated } from '../platform/errors';
import { isAuthenticated, type Viewer } from '../platform/identity';
import { INTERNAL_HEADER, PEER_TOKENS_HEADER } from '../platform/internal-token';
import { logger } from '../platform/logger';
import type { GatewayContext } from './context';
import type { SubgraphTokenCache } from './subgraph-tokens';

export const ALERT_EVENT_STREAM_PATH = '/graphql/stream';

/** The variable the alert query reads its alert by; a name no client's document may use. */
const ALERT_ID = '__alertEventAlertId';
/** An id no alert has, to try the alert query with. */
const NO_ALERT = '00000000-0000-0000-0000-000000000000';
/** The field of the alert query that says whether the subscriber may read the alert at all. */
const VISIBLE = '__alertEventVisible';

export interface AlertEventStreamOptions {
  /** The alerts subgraph's /graphql URL (the supergraph's, or ALERTS_URL). */
  alertsUrl: string;
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  tokens: SubgraphTokenCache;
  /** The composed API schema, once the gateway has loaded it. */
  schema: () => GraphQLSchema | undefined;
  /** Runs a query through the gateway's own executor (its plugins, cost limit included) as `context`'s viewer. */
  execute: (query: string, variables: Record<string, unknown>, context: GatewayContext) => Promise<ExecutionResult>;
  /** The validation rules /graphql applies beside the specified ones (depth, aliases, directives). */
  validationRules: readonly ValidationRule[];
  /** PERSISTED_ONLY's check, as /graphql makes it (throws when refused). */
  checkPersisted?: (req: Request, viewer: Viewer) => void;
  /** Formats each error sent, as /graphql's formatError does. */
  formatError: (error: GraphQLError) => ReturnType<GraphQLError['toJSON']>;
  /** How long the alerts subgraph may take to start its stream. */
  timeoutMs: number;
}

/** What the alerts subgraph sends per event (subgraphs/alerts/resolvers/alert-event.stream.ts). */
interface UpstreamEvent {
  seq: number;
  id: string;
  type: string;
  occurredAt: string;
  org: string | null;
  alertId: string;
}

interface StreamContext extends GatewayContext {
  [key: PropertyKey]: unknown;
  /** The seq to resume after (Last-Event-ID), if the client sent one. */
  after: number | undefined;
  /** When the subscriber's token expires (ms since the epoch): the stream ends then. */
  expiresAt: number | undefined;
  /** Ends the upstream request when the client goes. */
  closed: AbortController;
  /** The seq of the event being sent, for its SSE id. */
  seq?: number;
  /** What reading the event being sent's alert could not read (a subgraph down, say), as /graphql formats it, for that event's message. */
  alertErrors?: readonly GraphQLFormattedError[];
  alertQuery?: string;
  alertVariables?: Record<string, unknown>;
}

/** Yielded when the token expired: the stream's last message says so. */
const EXPIRED = Symbol('expired');

function refusal(error: GraphQLError): ExecutionResult {
  return { data: null, errors: [error] };
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d] as const));
}

/** The fields of a selection set, through fragments and inline fragments. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    return fieldsOf(fragments.get(selection.name.value)?.selectionSet, fragments, seen);
  });
}

/**
 * The query that reads an event's alert as the client selected it: each `alert` field under
 * alertEvents becomes `<its response key>: alert(id: $id) { ... }`, with the fragments and the
 * variables that selection uses, and one more `alert(id) { id }` that says whether it is readable.
 */
function alertQueryOf(document: DocumentNode, operation: OperationDefinitionNode): string {
  const fragments = fragmentsOf(document);
  const root = fieldsOf(operation.selectionSet, fragments).filter((field) => field.name.value === 'alertEvents');
  const alertFields = root.flatMap((field) => fieldsOf(field.selectionSet, fragments)).filter((field) => field.name.value === 'alert');
  const used = { variables: new Set<string>(), fragments: new Set<string>() };
  const collect = (node: FieldNode | FragmentDefinitionNode) =>
    visit(node, {
      Variable: (variable) => void used.variables.add(variable.name.value),
      FragmentSpread: (spread) => {
        if (used.fragments.has(spread.name.value)) return;
        used.fragments.add(spread.name.value);
        const fragment = fragments.get(spread.name.value);
        if (fragment) collect(fragment);
      },
    });
  alertFields.forEach(collect);
  const idArgument = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'id' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ALERT_ID } },
  } as const;
  const selections = alertFields.map((field) => ({
    ...field,
    alias: { kind: Kind.NAME, value: (field.alias ?? field.name).value },
    arguments: [idArgument],
  }));
  const visible = `${VISIBLE}: alert(id: $${ALERT_ID}) { id }`;
  const variables = (operation.variableDefinitions ?? []).filter((definition) => used.variables.has(definition.variable.name.value)).map(print);
  const name = operation.name?.value ?? ALERT_EVENTS_OPERATION;
  return [
    `query ${name}(${[`$${ALERT_ID}: ID!`, ...variables].join(', ')}) { ${visible} ${selections.map((s) => print(s as FieldNode)).join(' ')} }`,
    ...[...used.fragments].flatMap((fragment) => (fragments.has(fragment) ? [print(fragments.get(fragment)!)] : [])),
  ].join('\n');
}

/**
 * Resolves the client's selection over what was fetched: an event's own fields by name, and under
 * `alert` the alert query's answer, which is keyed by response key (aliases included).
 */
const fieldResolver: GraphQLFieldResolver<unknown, StreamContext> = (source, _args, _context, info) => {
  if (info.parentType.name === 'Subscription') {
    if ((source as Record<string, unknown>).alertEvents === EXPIRED)
      throw unauthenticated('The token has expired: reconnect with a new one (and Last-Event-ID to resume)');
    return (source as Record<string, unknown>)[info.fieldName];
  }
  if (info.parentType.name === 'AlertEvent') {
    const event = source as UpstreamEvent & { alerts: Record<string, unknown> };
    return info.fieldName === 'alert' ? event.alerts[info.path.key as string] : (event as unknown as Record<string, unknown>)[info.fieldName];
  }
  return (source as Record<string, unknown> | null)?.[info.path.key as string];
};

const plainSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();

/**
 * The API schema rebuilt from its SDL: no field resolvers of the gateway's (so fieldResolver above
 * resolves every field), and scalars that pass values through, as the alert query's answer and
 * the upstream event already hold them serialized.
 */
function plainSchemaOf(schema: GraphQLSchema | undefined): GraphQLSchema | undefined {
  if (!schema) return undefined;
  let plain = plainSchemas.get(schema);
  if (!plain) plainSchemas.set(schema, (plain = buildSchema(printSchema(schema))));
  return plain;
}

/** The upstream stream's messages, as they complete ("\n\n"), as [id, data] pairs. */
async function* messagesOf(body: AsyncIterable<Buffer>): AsyncGenerator<{ id?: string; data?: string }> {
  let buffer = '';
  for await (const chunk of body) {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields: { id?: string; data?: string } = {};
      for (const line of message.split('\n')) {
        if (line.startsWith('id: ')) fields.id = line.slice(4);
        else if (line.startsWith('data: ')) fields.data = line.slice(6);
      }
      yield fields;
    }
  }
}

export function alertEventStream(options: AlertEventStreamOptions): RequestHandler {
  const target = options.alertsUrl.replace(/\/graphql\/?$/, '') + ALERT_EVENTS_PATH;

  /** Opens the subscriber's upstream stream; resolves once the alerts subgraph has started it (so its position is fixed). */
  async function upstream(context: StreamContext, filter: unknown): Promise<AsyncIterable<Buffer>> {
    const query = new URLSearchParams();
    if (context.after !== undefined) query.set('after', String(context.after));
    if (filter !== undefined && filter !== null) query.set('filter', JSON.stringify(filter));
    const tokens = await options.tokens.tokensFor({ viewer: context.viewer, operationName: context.operationName }, 'alerts');
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(`${target}?${query}`, {
        method: 'GET',
        headers: { [INTERNAL_HEADER]: tokens.identity, [PEER_TOKENS_HEADER]: tokens.peers },
        signal: context.closed.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: 0,
      });
    } catch (error) {
      logger.warn('the alert event stream could not reach the alerts service', { error });
      throw new GraphQLError('The alerts service is unavailable: reconnect shortly', {
        extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'alerts' },
      });
    }
    if (answer.statusCode !== 200) {
      const text = await answer.body.text().catch(() => '');
      let refused: { message?: string; extensions?: { code?: string } } | undefined;
      try {
        refused = (JSON.parse(text) as { errors?: (typeof refused)[] }).errors?.[0];
      } catch {
        refused = undefined;
      }
      if (answer.statusCode === 400 && refused?.extensions?.code === 'BAD_USER_INPUT' && refused.message)
        throw new GraphQLError(refused.message, { extensions: { code: 'BAD_USER_INPUT' } });
      logger.error('the alerts service refused the alert event stream', { status: answer.statusCode, body: text.slice(0, 500) });
      throw new GraphQLError('The alerts service is unavailable: reconnect shortly', {
        extensions: { code: 'SUBGRAPH_ERROR', serviceName: 'alerts' },
      });
    }
    return answer.body;
  }

  /**
   * Runs the alert query once before the stream starts, for an alert that does not exist: a
   * selection the gateway refuses (over the cost limit, say) is refused now, with its reason,
   * rather than making every event come back null and be skipped without a word.
   */
  async function checkAlertQuery(context: StreamContext): Promise<void> {
    const answer = await options.execute(
      context.alertQuery!,
      { ...context.alertVariables, [ALERT_ID]: NO_ALERT },
      { viewer: context.viewer, operationName: null },
    );
    for (const error of answer.errors ?? []) {
      const code = (error.extensions as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string' && (REQUEST_FAULT_CODES.has(code) || code === 'COST_ESTIMATED_TOO_EXPENSIVE'))
        throw new GraphQLError(error.message, { extensions: { code } });
    }
  }

  /** The events the subscriber may read, with their alerts fetched as the subscriber; EXPIRED last if the token ran out. */
  async function* deliveries(context: StreamContext, body: AsyncIterable<Buffer>): AsyncGenerator<{ alertEvents: unknown }> {
    let expired = false;
    const expiry =
      context.expiresAt === undefined
        ? undefined
        : setTimeout(
            () => {
              expired = true;
              context.closed.abort();
            },
            Math.max(0, context.expiresAt - Date.now()),
          );
    try {
      for await (const message of messagesOf(body)) {
        if (!message.data) continue;
        const event = JSON.parse(message.data) as UpstreamEvent;
        const answer = await options.execute(
          context.alertQuery!,
          { ...context.alertVariables, [ALERT_ID]: event.alertId },
          { viewer: context.viewer, operationName: null },
        );
        const alerts = (answer.data ?? {}) as Record<string, unknown>;
        // Read again at the moment of delivery: null when the subscriber may no longer read it.
        if (!alerts[VISIBLE]) continue;
        if (answer.errors?.length)
          logger.warn("reading an alert event's alert failed in part", { errors: answer.errors.map((e) => e.message), query: context.alertQuery });
        // Degrade, not drop: the event goes with what could be read, and says what could not (onNext).
        context.alertErrors = (answer.errors ?? []) as readonly GraphQLFormattedError[];
        context.seq = event.seq;
        yield { alertEvents: { ...event, alerts } };
      }
    } catch (error) {
      if (!context.closed.signal.aborted) logger.warn('the alert event stream from the alerts service broke off', { error });
    } finally {
      clearTimeout(expiry);
    }
    if (expired) {
      context.seq = undefined;
      yield { alertEvents: EXPIRED };
    }
  }

  const handler = createHandler<StreamContext>({
    onSubscribe: async (req, params): Promise<ExecutionResult | (ExecutionArgs & { contextValue: StreamContext })> => {
      const raw = req.raw as Request;
      const closed = ((req.context as { res: Response }).res.locals as { streamClosed: AbortController }).streamClosed;
      let viewer: Viewer;
      try {
        viewer = await options.authenticate(raw.header('authorization'));
      } catch (error) {
        return refusal(error as GraphQLError);
      }
      if (!isAuthenticated(viewer)) return refusal(unauthenticated('Sign in to receive alert events: send "Authorization: Bearer <token>"'));
      try {
        options.checkPersisted?.(raw, viewer);
      } catch (error) {
        return refusal(error as GraphQLError);
      }
      const schema = plainSchemaOf(options.schema());
      if (!schema) return refusal(new GraphQLError('The gateway is starting: reconnect shortly', { extensions: { code: 'BAD_REQUEST' } }));
      let document: DocumentNode;
      try {
        document = parse(params.query, { maxTokens: 5000 });
      } catch (error) {
        return refusal(new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }));
      }
      const invalid = validate(schema, document, [...specifiedRules, ...options.validationRules]);
      if (invalid.length > 0)
        return {
          data: null,
          errors: invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })),
        };
      const operation = getOperationAST(document, params.operationName);
      if (!operation)
        return refusal(new GraphQLError('Name the operation to run (operationName)', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }));
      if (operation.operation !== 'subscription')
        return refusal(badRequest(`${ALERT_EVENT_STREAM_PATH} serves subscriptions only: send queries and mutations to /graphql`));
      const lastEventId = raw.header('last-event-id');
      if (lastEventId !== undefined && !/^\d{1,15}$/.test(lastEventId))
        return refusal(
          new GraphQLError('Last-Event-ID must be the id of an event this stream sent (a whole number)', { extensions: { code: 'BAD_USER_INPUT' } }),
        );
      const token = raw.header('authorization')!.trim().slice('Bearer '.length);
      const exp = decodeJwt(token).exp;
      const contextValue: StreamContext = {
        viewer,
        operationName: operation.name?.value ?? null,
        after: lastEventId === undefined ? undefined : Number(lastEventId),
        expiresAt: exp === undefined ? undefined : exp * 1000,
        closed,
        alertQuery: alertQueryOf(document, operation),
        alertVariables: params.variables ?? {},
      };
      const args: ExecutionArgs & { contextValue: StreamContext } = {
        schema,
        document,
        operationName: params.operationName,
        variableValues: params.variables,
        contextValue,
        fieldResolver,
        subscribeFieldResolver: async (_source, args: { filter?: unknown }, context: StreamContext) => {
          await checkAlertQuery(context);
          return deliveries(context, await upstream(context, args.filter));
        },
      };
      return args;
    },
    onNext(ctx, _req, result) {
      const context = ctx as StreamContext | undefined;
      const seq = context?.seq;
      const own = (result.errors ?? []).map((error) => options.formatError(error as GraphQLError));
      // The alert query's errors, already formatted, with their paths placed under this event's field.
      const root = Object.keys(result.data ?? {})[0] ?? 'alertEvents';
      const alertErrors = (context?.alertErrors ?? []).map((error) => (error.path ? { ...error, path: [root, ...error.path] } : error));
      if (context) context.alertErrors = undefined;
      const errors = [...own, ...alertErrors];
      return {
        ...result,
        ...(errors.length ? { errors: errors as unknown as GraphQLError[] } : {}),
        ...(seq !== undefined ? { extensions: { ...result.extensions, seq } } : {}),
      };
    },
  });

  return async (req: Request, res: Response) => {
    // The protocol's "single connection" mode (PUT a stream token, then POST operations to it) is
    // not served: each subscription's upstream stream and token expiry belong to its own connection.
    if ((req.method !== 'GET' && req.method !== 'POST') || !/\btext\/event-stream\b/.test(req.header('accept') ?? '')) {
      res.status(400).json({
        errors: [
          {
            message: `${ALERT_EVENT_STREAM_PATH} serves GraphQL over SSE in its "distinct connections" mode: GET or POST a subscription with "Accept: text/event-stream"`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
      return;
    }
    // graphql-sse recognises the stream only by this exact Accept.
    req.headers.accept = 'text/event-stream';
    const closed = new AbortController();
    res.once('close', () => closed.abort());
    res.locals.streamClosed = closed;
    // graphql-sse writes no `id:` lines: each next message carrying an event's seq gets one, so
    // that EventSource (and any client) can send it back as Last-Event-ID.
    const write = res.write.bind(res) as (chunk: unknown, callback?: (error?: Error | null) => void) => boolean;
    res.write = ((chunk: unknown, callback?: (error?: Error | null) => void) => {
      if (typeof chunk === 'string' && chunk.startsWith('event: next\ndata: ')) {
        const seq = (JSON.parse(chunk.slice('event: next\ndata: '.length)) as { extensions?: { seq?: unknown } }).extensions?.seq;
        if (typeof seq === 'number') chunk = `id: ${seq}\n${chunk}`;
      }
      return write(chunk, callback);
    }) as Response['write'];
    try {
      await handler(req, res);
    } catch (error) {
      closed.abort();
      logger.error('the alert event stream failed', { error });
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  };
}
