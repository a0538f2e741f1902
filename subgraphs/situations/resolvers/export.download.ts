// The streamed export (GET /export/incidents, which the gateway forwards with the viewer it vouches
// for): the exportIncidents query's file, any number of incidents, written page by page to the
// response as the client reads it. Same scope and audit as the query (rules/export.rules.ts).
import type { Request, Response } from 'express';
import { coerceInputValue, GraphQLError, GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { EXPORT_INCIDENTS_OPERATION, EXPORT_MEDIA_TYPES, exportParameters } from '../../../platform/downloads';
import { badInput, CLIENT_CODES, withoutSuggestions } from '../../../platform/errors';
import { refuse } from '../../../platform/http/status';
import { logger } from '../../../platform/logger';
import { currentRequest } from '../../../platform/request-context';
import type { SubgraphContext } from '../../kernel/service/context';
import { exportIncidents } from '../import/incident-exporter';
import type { SituationsContext } from '../loaders';
import { exportScopeFor } from '../rules/export.rules';
import type { IncidentFilter } from './incident.filter';

/** The HTTP status a refusal's code is answered with before the file starts. */
const STATUS_OF: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/**
 * The filter as GraphQL would coerce the variable `filter: IncidentFilter` (same scalars, enums and
 * messages), so a filter the query accepts is accepted here and one it refuses is refused alike.
 */
function incidentFilterOf(schema: GraphQLSchema, given: unknown): IncidentFilter | undefined {
  if (given === undefined) return undefined;
  const type = schema.getType('IncidentFilter');
  if (!(type instanceof GraphQLInputObjectType)) throw new Error('the situations schema has no IncidentFilter input');
  const problems: string[] = [];
  const filter = coerceInputValue(given, type, (path, _value, error) => {
    // Suggestions ("Did you mean ...?") would map the schema for a caller; the message says what to fix without them.
    const at = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
    problems.push(`filter${at}: ${withoutSuggestions(error.message)}`);
  }) as IncidentFilter;
  if (problems.length > 0) throw badInput(problems.slice(0, 5).join('; '), 'filter');
  return filter;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function downloadIncidents(context: SubgraphContext, req: Request, res: Response, schema: GraphQLSchema): Promise<void> {
  const ctx = context as SituationsContext;
  const request = currentRequest();
  if (request) {
    request.org = ctx.viewer.org;
    request.operation = ctx.operationName ?? EXPORT_INCIDENTS_OPERATION;
  }
  // The reader went away (or the request was answered already, timed out): stop reading pages.
  const reader = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) reader.abort();
  });
  try {
    const parameters = exportParameters(req.query as Record<string, unknown>);
    if (typeof parameters === 'string') throw badInput(parameters, 'format');
    const scope = exportScopeFor(ctx, incidentFilterOf(schema, parameters.filter), { flushEachPage: true });
    const media = EXPORT_MEDIA_TYPES[parameters.format];
    // Sent with the first byte: until then an error can still be answered with its status.
    res.status(200);
    res.setHeader('content-type', media.contentType);
    res.setHeader('content-disposition', `attachment; filename="incidents-${ctx.viewer.org}-${today()}.${media.extension}"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    const summary = await exportIncidents(ctx.db, res, {
      format: parameters.format === 'JSONL' ? 'jsonl' : 'hxl',
      ...scope,
      signal: reader.signal,
    });
    res.end();
    logger.info('incidents exported', { org: ctx.viewer.org, format: parameters.format, incidents: summary.incidents });
  } catch (error) {
    if (reader.signal.aborted) {
      logger.info('incident export stopped: the reader went away', { org: ctx.viewer.org });
      return;
    }
    if (res.writableEnded) {
      // Answered already: the service's time limit refused it before the first byte.
      logger.warn('incident export stopped: the request was answered already', { org: ctx.viewer.org });
      return;
    }
    if (res.headersSent) {
      // Part of the file is out, with status 200: ending it cleanly would pass a truncated file
      // off as whole. Cut the connection instead, so the client sees an incomplete transfer.
      logger.error('incident export failed after it started; the file was cut short', { error });
      res.destroy();
      return;
    }
    res.removeHeader('content-disposition');
    res.removeHeader('content-type');
    const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
    if (CLIENT_CODES.has(code) && STATUS_OF[code]) return refuse(res, STATUS_OF[code], code, error instanceof Error ? error.message : String(error));
    logger.error('incident export failed', { error });
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }
}
