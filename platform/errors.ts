// The GraphQL errors the hub raises on purpose, built here so every service speaks the same codes,
// and the one list of codes a client may see (CLIENT_CODES, with the subsets REQUEST_FAULT_CODES and
// PASSED_ON_CODES): formatError passes those on and masks anything else, so no internal detail (SQL,
// stack, URLs) reaches a client. The gateway, the platform and the subgraph kernel construct their
// errors with these helpers; libraries (Apollo, GraphQL Armor) construct their own with these codes.
import { GraphQLError, GraphQLFormattedError, type ASTNode } from 'graphql';
import { logger } from './logger';

/** A caller's value quoted in a message, cut short: an error must not echo a megabyte back. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export interface InputProblem {
  field: string;
  message: string;
}

/** Several invalid fields at once, so the caller can fix them all in one go. */
export function badInputs(problems: InputProblem[]): GraphQLError {
  const fields = [...new Set(problems.map((p) => p.field))];
  return new GraphQLError(problems.map((p) => p.message).join('; '), { extensions: { code: 'BAD_USER_INPUT', field: fields[0], fields } });
}

// Not-visible and non-existent must look the same to the caller, so the message names
// only what the caller already sent.
export function notFound(kind: string, key: string): GraphQLError {
  return new GraphQLError(`No ${kind} found for ${quoted(key)}`, { extensions: { code: 'NOT_FOUND' } });
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** A bearer token the gateway refuses: UNAUTHENTICATED, answered with HTTP 401. */
export function invalidToken(reason: string): GraphQLError {
  return new GraphQLError(`Invalid token: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

/** A subgraph that could not answer its part of a query, named so the client knows which part is missing. */
export function subgraphError(message: string, serviceName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SUBGRAPH_ERROR', serviceName } });
}

/** A subgraph's refusal that is the caller's to fix, passed on as the subgraph phrased it. */
export function callerError(message: string, code: 'BAD_USER_INPUT' | 'GRAPHQL_PARSE_FAILED', serviceName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, serviceName } });
}

/** An operation a validation rule refuses, pointing at the part of the document at fault. */
export function validationFailed(message: string, nodes: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}

/** A query the gateway's cost limit refuses before running it; the code is Apollo Router's. */
export function tooExpensive(estimated: number, max: number): GraphQLError {
  return new GraphQLError(`This query would cost ${estimated}, over the limit of ${max}: ask for smaller pages (first) or fewer nested lists`, {
    extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated, max }, http: { status: 400 } },
  });
}

/** A persisted operation's hash the gateway's manifest does not hold (gateway/persisted-operations.ts); Apollo's code. */
export function persistedQueryNotFound(hash: string): GraphQLError {
  return new GraphQLError(
    `No persisted operation has the hash ${quoted(hash)}: send the operation's text, or use a client built with this hub's manifest`,
    {
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
    },
  );
}

/** PERSISTED_ONLY: a document that is not in the manifest, from a viewer who is not an admin; Apollo Router's code. */
export function persistedQueryNotInList(): GraphQLError {
  return new GraphQLError('This hub runs only the persisted operations it was given: send one of them by its hash (documentId), or ask as an admin', {
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
  });
}

/** The codes a client may see; formatError masks any other as INTERNAL_SERVER_ERROR. */
export const CLIENT_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'SUBGRAPH_ERROR',
  'COST_ESTIMATED_TOO_EXPENSIVE',
]);

/**
 * Of the client codes, those that say the request itself could not be used: an answer made only of
 * them is the client's fault, so it goes out as 400, never 5xx (platform/http/status.ts).
 */
export const REQUEST_FAULT_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_IN_LIST',
]);

/** Of those, the codes a subgraph's 400 may carry that the gateway passes on to the caller as the subgraph phrased them. */
export const PASSED_ON_CODES: ReadonlySet<string> = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** A document whose operation to run cannot be picked: an unknown operationName, or several operations and none named. */
export function operationUnresolved(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

/**
 * type-graphql's ArgumentValidationError says only "Argument Validation Error" and carries
 * class-validator's errors, with the whole input in them: turn them into one problem per field.
 */
function validationProblems(errors: unknown, prefix = ''): InputProblem[] | null {
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return (errors as ClassValidatorError[]).flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: prefix ? `${prefix}${message}` : message }));
    return [...own, ...(validationProblems(e.children, `${field}.`) ?? [])];
  });
}

// graphql-js ends a message with its guesses: ` Did you mean "situations"?`, ` Did you mean the
// enum value "HIGH"?`, ` Did you mean "a", "b", or "c"?`, in validation and in variable coercion
// alike. GraphQL Armor's blockFieldSuggestion catches only the first form, and only at validation.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without its "Did you mean ...?": in production they map the schema for an attacker. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** formatError for a service: in production no message suggests a field, type, argument or enum value. */
export function errorFormatter(options: { production: boolean }): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (!options.production) return formatError;
  return (formatted, error) => {
    const result = formatError(formatted, error);
    return { ...result, message: withoutSuggestions(result.message) };
  };
}

/**
 * Apollo Server `formatError`: errors we raised on purpose pass through with their code and
 * only the keys a client needs; anything else is logged with its stack and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const invalid = validationProblems(formatted.extensions?.validationErrors);
  if (invalid?.length) return formatError({ ...formatted, ...badInputs(invalid).toJSON() }, error);
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const ext: Record<string, unknown> = { code };
    for (const key of ['field', 'fields', 'serviceName', 'cost']) {
      if (formatted.extensions?.[key] !== undefined) ext[key] = formatted.extensions[key];
    }
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: ext };
  }
  logger.error('unexpected error', { message: formatted.message, path: formatted.path, error });
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
