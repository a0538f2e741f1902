// GET /alert-events?after=SEQ[&filter=JSON]: the published alert events after SEQ as a
// text/event-stream, then each new one as this replica's dispatcher hears of a publication (by any
// replica, through PostgreSQL's LISTEN; its own on PGlite), for the viewer the gateway vouches for.
// Each event is sent only if that viewer may read its alert now, under the kernel's policy (floors
// included); the ones it may not are skipped without a trace but still move the stream's position,
// so a reader resuming after the last id it saw gets no gap and no repeat.
import type { Request, Response } from 'express';
import { coerceInputValue, GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { badInput, CLIENT_CODES, withoutSuggestions } from '../../../platform/errors';
import { isAuthenticated } from '../../../platform/identity';
import { refuse } from '../../../platform/http/status';
import { logger } from '../../../platform/logger';
import { ALERT_EVENTS_OPERATION } from '../../../platform/downloads';
import { currentRequest } from '../../../platform/request-context';
import { eventsAfter, lastPublished, type PublishedEvent } from '../../kernel/events/outbox';
import { restrictToVisible } from '../../kernel/read/policed-query';
import type { SubgraphContext } from '../../kernel/service/context';
import { Alert } from '../entities/alert.entity';
import { alertDispatcher } from '../events/dispatch';
import { AlertEventTopic } from '../events/alert-events';
import type { AlertEventFilter } from './alert-event.subscription';

/** A comment line this often keeps proxies from closing a quiet stream; the outbox is re-read then too, in case a notification was lost. */
export const HEARTBEAT_MS = 15_000;

/** Events read from the outbox at a time. */
const BATCH = 200;

const TYPE_OF_TOPIC = new Map(Object.entries(AlertEventTopic).map(([name, topic]) => [topic as string, name]));

/** What the gateway receives per event: the event, and the alert's id for it to read the alert again as the subscriber. */
export interface StreamedAlertEvent {
  seq: number;
  id: string;
  type: string;
  occurredAt: string;
  org: string | null;
  alertId: string;
}

function alertEventFilterOf(schema: GraphQLSchema, given: unknown): AlertEventFilter {
  if (given === undefined || given === '') return {};
  if (typeof given !== 'string') throw badInput('filter must be given once, as the JSON of an AlertEventFilter', 'filter');
  let parsed: unknown;
  try {
    parsed = JSON.parse(given);
  } catch {
    throw badInput('filter must be the JSON of an AlertEventFilter, e.g. {"types":["ISSUED"]}', 'filter');
  }
  const type = schema.getType('AlertEventFilter');
  if (!(type instanceof GraphQLInputObjectType)) throw new Error('the alerts schema has no AlertEventFilter input');
  const problems: string[] = [];
  const filter = coerceInputValue(parsed, type, (path, _value, error) => {
    const at = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
    problems.push(`filter${at}: ${withoutSuggestions(error.message)}`);
  }) as AlertEventFilter;
  if (problems.length > 0) throw badInput(problems.slice(0, 5).join('; '), 'filter');
  return filter ?? {};
}

function afterOf(given: unknown): number | undefined {
  if (given === undefined || given === '') return undefined;
  if (typeof given !== 'string' || !/^\d{1,15}$/.test(given))
    throw badInput('after must be the seq of an alert event (a whole number), given once', 'after');
  return Number(given);
}

/** The events of `batch` whose alert the viewer may read now and the filter takes. */
async function deliverable(ctx: SubgraphContext, batch: PublishedEvent[], filter: AlertEventFilter): Promise<PublishedEvent[]> {
  const ids = [...new Set(batch.map((event) => event.subjectId))];
  // The policy only, not audited as a read: the gateway reads each delivered alert again through
  // the alert query, as the subscriber, and that read is the audited one.
  const query = ctx.db.getRepository(Alert).createQueryBuilder('a').where('a.id IN (:...ids)', { ids });
  const visible = new Map((await restrictToVisible(query, ctx.viewer, 'a').getMany()).map((alert) => [alert.id, alert]));
  return batch.filter((event) => {
    const alert = visible.get(event.subjectId);
    if (!alert) return false;
    // GraphQL coerced the filter's types to the topics they stand for.
    if (filter.types?.length && !filter.types.includes(event.topic as AlertEventTopic)) return false;
    if (filter.levels?.length && !filter.levels.includes(alert.level)) return false;
    if (filter.countries?.length && !filter.countries.includes(alert.countryIso3)) return false;
    return true;
  });
}

function streamed(event: PublishedEvent): StreamedAlertEvent {
  return {
    seq: event.seq,
    id: event.id,
    type: TYPE_OF_TOPIC.get(event.topic) ?? event.topic,
    occurredAt: event.recordedAt.toISOString(),
    org: event.org,
    alertId: event.subjectId,
  };
}

export async function streamAlertEvents(ctx: SubgraphContext, req: Request, res: Response, schema: GraphQLSchema): Promise<void> {
  const request = currentRequest();
  if (request) {
    request.org = ctx.viewer.org;
    request.operation = ctx.operationName ?? ALERT_EVENTS_OPERATION;
  }
  let filter: AlertEventFilter;
  let position: number;
  try {
    if (!isAuthenticated(ctx.viewer)) return refuse(res, 401, 'UNAUTHENTICATED', 'Sign in to receive alert events');
    filter = alertEventFilterOf(schema, req.query.filter);
    // Without `after`, from now: what is published from here on.
    position = afterOf(req.query.after) ?? (await lastPublished(ctx.db.manager));
  } catch (error) {
    const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return refuse(res, 400, code, (error as Error).message);
    logger.error('the alert event stream could not start', { error });
    return refuse(res, 503, 'SERVICE_UNAVAILABLE', 'The alert event stream could not start; retry shortly', { 'retry-after': '1' });
  }

  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-accel-buffering', 'no');
  // The first line says where the stream starts: the reader knows it is live, and from which seq.
  res.write(`: alert events after ${position}\nid: ${position}\n\n`);

  let closed = false;
  let reading: Promise<void> | undefined;
  let again = false;
  const read = async (): Promise<void> => {
    for (;;) {
      if (closed) return;
      const batch = await eventsAfter(ctx.db.manager, position, BATCH);
      if (batch.length === 0) return;
      const sent = await deliverable(ctx, batch, filter);
      let text = sent.map((event) => `id: ${event.seq}\nevent: alert-event\ndata: ${JSON.stringify(streamed(event))}\n\n`).join('');
      position = batch[batch.length - 1].seq;
      // The position moves past events skipped at the end of a batch too (an id with no data dispatches nothing).
      if (sent.length === 0 || sent[sent.length - 1].seq !== position) text += `id: ${position}\n\n`;
      // Ended by the service stopping (its 'close' follows): nothing more may be written.
      if (closed || res.writableEnded) return;
      res.write(text);
      if (batch.length < BATCH) return;
    }
  };
  const wake = () => {
    if (closed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = read()
      .catch((error) => {
        logger.warn('alert event stream: reading the outbox failed; trying again on the next publication', { error });
      })
      .finally(() => {
        reading = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const dispatcher = alertDispatcher;
  dispatcher?.published.on('published', wake);
  const heartbeat = setInterval(() => {
    if (!closed && !res.writableEnded) res.write(': heartbeat\n\n');
    wake();
  }, HEARTBEAT_MS);
  await new Promise<void>((resolve) => {
    res.once('close', () => {
      closed = true;
      clearInterval(heartbeat);
      dispatcher?.published.off('published', wake);
      resolve();
    });
    wake();
  });
  await reading;
}
