// Live alert events through the gateway's /graphql/stream (GraphQL over SSE), over real HTTP with a
// small SSE client: a subscriber receives only the events whose alert its token may read, with the
// selection it asked for; resumes after a disconnect (Last-Event-ID) with no gap and no repeat;
// anonymous callers and subscriptions sent elsewhere get a clear GraphQL error, never a 5xx; two
// gateways each deliver every event once; on PostgreSQL a subscriber streamed by one alerts replica
// receives what another replica committed.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { issueAlert } from '../support/alerts';
import { startHub, startProductionGateway, startTestGateway, subgraphUrlEnv, type GraphQLResponse, type Hub } from '../support/hub';
import { freePort, loopback, waitFor } from '../support/network';
import { kill, spawnService, waitReady, type ChildService } from '../support/processes';
import { TEST_JWT_SECRET, tokenFor, users } from '../support/users';
import { mintDevelopmentToken } from '../../gateway/auth';
import type { RunningGateway } from '../../gateway/server';

let hub: Hub;
let editor: string;
let auAnalyst: string;

beforeAll(async () => {
  hub = await startHub();
  editor = await tokenFor(users.jointOfficeEditor);
  auAnalyst = await tokenFor(users.auAnalyst);
});

afterAll(async () => {
  await hub?.stop();
});

const streamUrl = (gateway: RunningGateway) => loopback(gateway.url).replace(/\/graphql$/, '/graphql/stream');

const FEED = `subscription Feed { alertEvents { seq type org alert { title level } } }`;

interface Message {
  id?: string;
  event?: string;
  data?: any;
}

/** A GraphQL over SSE subscriber in "distinct connections" mode: fetch, and the body read as it comes. */
class Subscriber {
  readonly messages: Message[] = [];
  status = 0;
  ended = false;
  private readonly abort = new AbortController();

  static async open(
    url: string,
    options: { token?: string; query?: string; lastEventId?: string; method?: 'GET' | 'POST' } = {},
  ): Promise<Subscriber> {
    const subscriber = new Subscriber();
    const query = options.query ?? FEED;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const response =
      options.method === 'POST'
        ? await fetch(url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
            signal: subscriber.abort.signal,
          })
        : await fetch(`${url}?${new URLSearchParams({ query })}`, { headers, signal: subscriber.abort.signal });
    subscriber.status = response.status;
    void subscriber.read(response.body!);
    return subscriber;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const text = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: Message = {};
          for (const line of text.split('\n')) {
            if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data:')) message.data = line.length > 6 ? JSON.parse(line.slice(6)) : null;
          }
          if (message.event) this.messages.push(message);
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
  }

  /** The `next` messages: one per event delivered (or one error). */
  get nexts(): Message[] {
    return this.messages.filter((m) => m.event === 'next');
  }

  titles(): string[] {
    return this.nexts.map((m) => m.data?.data?.alertEvents?.alert?.title);
  }

  async received(count: number, what: string): Promise<Message[]> {
    return waitFor(async () => this.nexts.length >= count && this.nexts, 30_000, `${what}: ${count} events`);
  }

  close(): void {
    this.abort.abort();
  }
}

/** Issues an AMBER early warning addressed to `recipientOrgs`, through the gateway as the Office's editor. */
const issue = (title: string, recipientOrgs: string[], level = 'VERY_HIGH', through = hub): Promise<string> =>
  issueAlert(through, editor, { title, recipientOrgs, level });

describe('live alert events over GraphQL over SSE', () => {
  it('sends an AU subscriber the events of alerts AU may read, with the selection it asked for, each with its seq as the SSE id', async () => {
    const subscriber = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst });
    try {
      expect(subscriber.status).toBe(200);
      await issue('[Test SSE] For the Great Lakes committee only', ['ICGLR']);
      await issue('[Test SSE] For the African Union', ['AU'], 'HIGH');
      const [event] = await subscriber.received(1, 'the AU alert');
      expect(event.data).toMatchObject({
        data: { alertEvents: { type: 'ISSUED', org: null, alert: { title: '[Test SSE] For the African Union', level: 'HIGH' } } },
      });
      expect(event.id).toBe(String(event.data.data.alertEvents.seq));
      expect(event.data.extensions.seq).toBe(event.data.data.alertEvents.seq);
      // The ICGLR-only alert was published first, and skipped.
      expect(subscriber.titles()).toEqual(['[Test SSE] For the African Union']);
    } finally {
      subscriber.close();
    }
  });

  it('resumes after Last-Event-ID with exactly the events missed, no gap and no repeat', async () => {
    const first = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst, method: 'POST' });
    await issue('[Test SSE] Before the disconnect', ['AU']);
    const [seen] = await first.received(1, 'before the disconnect');
    first.close();
    await waitFor(async () => first.ended, 10_000, 'the first stream ended');

    await issue('[Test SSE] Missed one', ['AU']);
    await issue('[Test SSE] Not for AU', ['ICGLR']);
    await issue('[Test SSE] Missed two', ['AU']);
    const again = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst, lastEventId: seen.id });
    try {
      await again.received(2, 'the two missed');
      // One more after them proves nothing else was queued between.
      await issue('[Test SSE] After the reconnect', ['AU']);
      await again.received(3, 'the one after');
      expect(again.titles()).toEqual(['[Test SSE] Missed one', '[Test SSE] Missed two', '[Test SSE] After the reconnect']);
      const seqs = again.nexts.map((m) => Number(m.id));
      expect(seqs[0]).toBeGreaterThan(Number(seen.id));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    } finally {
      again.close();
    }
  });

  it('stops delivering to an organisation that a correction drops', async () => {
    const subscriber = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst });
    try {
      const id = await issue('[Test SSE] Addressed to AU, then corrected', ['AU']);
      await subscriber.received(1, 'the issued alert');
      const current = await hub.query(`query Version($id: ID!) { alert(id: $id) { version } }`, { id }, { token: editor });
      const corrected = await hub.query(
        `mutation Correct($input: CorrectAlertInput!) { correctAlert(input: $input) { id } }`,
        {
          input: {
            idempotencyKey: randomUUID(),
            id,
            version: current.data!.alert.version,
            recipientOrgs: ['ICGLR'],
            sharedWith: ['ICGLR'],
            note: 'Addressed to the Great Lakes committee only.',
          },
        },
        { token: editor },
      );
      expect(corrected.errors).toBeUndefined();
      await issue('[Test SSE] After the correction', ['AU']);
      await subscriber.received(2, 'the alert after the correction');
      // The correction's event came between them, and AU no longer reads the alert: skipped.
      expect(subscriber.titles()).toEqual(['[Test SSE] Addressed to AU, then corrected', '[Test SSE] After the correction']);
      expect(subscriber.nexts.map((m) => m.data.data.alertEvents.type)).toEqual(['ISSUED', 'ISSUED']);
    } finally {
      subscriber.close();
    }
  });

  it('refuses an anonymous subscriber with UNAUTHENTICATED as a GraphQL error, and a query with BAD_REQUEST', async () => {
    const anonymous = await Subscriber.open(streamUrl(hub.gateway));
    await waitFor(async () => anonymous.ended, 10_000, 'the anonymous stream ended');
    expect(anonymous.status).toBe(200);
    expect(anonymous.nexts.map((m) => m.data.errors[0].extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.messages.map((m) => m.event)).toEqual(['next', 'complete']);

    const query = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst, query: '{ alerts(first: 1) { totalCount } }' });
    await waitFor(async () => query.ended, 10_000, 'the query stream ended');
    expect(query.nexts[0].data.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(query.nexts[0].data.errors[0].message).toContain('/graphql');
  });

  it('answers a subscription sent to POST /graphql, or a WebSocket upgrade, with a GraphQL error naming /graphql/stream, never a 5xx', async () => {
    const posted = await hub.query(FEED, undefined, { token: auAnalyst });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);
    expect(posted.errors?.[0].message).toContain('/graphql/stream');

    const upgrade = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(loopback(hub.gateway.url), {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
          'sec-websocket-version': '13',
          'sec-websocket-protocol': 'graphql-transport-ws',
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('upgrade', () => reject(new Error('the gateway upgraded the connection')));
      request.on('error', reject);
      request.end();
    });
    // Without Accept: text/event-stream, or graphql-sse's "single connection" mode (PUT a stream): 400, with the same kind of error.
    const refusedRequests: RequestInit[] = [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${auAnalyst}` },
        body: JSON.stringify({ query: FEED }),
      },
      { method: 'PUT', headers: { accept: 'text/plain', authorization: `Bearer ${auAnalyst}` } },
    ];
    for (const init of refusedRequests) {
      const answer = await fetch(streamUrl(hub.gateway), init);
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as GraphQLResponse).errors![0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    }
    expect(upgrade.status).toBe(400);
    expect(JSON.parse(upgrade.body).errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    expect(JSON.parse(upgrade.body).errors[0].message).toContain('/graphql/stream');
  });

  it('refuses, before the stream starts, a selection on alert over the cost limit', async () => {
    const strict = await startProductionGateway(hub, { maxQueryCost: 2 });
    try {
      const subscriber = await Subscriber.open(streamUrl(strict), {
        token: auAnalyst,
        query: 'subscription Costly { alertEvents { seq alert { title acknowledgements { org } statusHistory { toStatus } } } }',
      });
      await waitFor(async () => subscriber.ended, 10_000, 'the refused stream ended');
      expect(subscriber.nexts.map((m) => m.data.errors?.[0]?.extensions?.code)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    } finally {
      await strict.stop(1000);
    }
  });

  it('sends an event whose alert is read in part, with errors naming what could not be read, when a subgraph is down', async () => {
    const query = 'subscription Partly { feed: alertEvents { seq alert { title issuedBy { code name } } } }';
    // Issuing needs the partners subgraph; reading the event's alert again, on resuming, is done with it down.
    const first = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst, query });
    let resumeAfter: string;
    try {
      await issue('[Test SSE] Read whole', ['AU']);
      [{ id: resumeAfter }] = (await first.received(1, 'the first event')) as [{ id: string }];
      expect(first.nexts[0].data.errors).toBeUndefined();
      expect(first.nexts[0].data.data.feed.alert.issuedBy).toMatchObject({ code: 'UN-JO' });
    } finally {
      first.close();
    }
    await issue('[Test SSE] Read while the partners subgraph is down', ['AU']);
    const port = Number(new URL(loopback(hub.subgraphs.partners.url)).port);
    await hub.subgraphs.partners.stop(1000);
    const resumed = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst, query, lastEventId: resumeAfter });
    try {
      expect(resumed.status).toBe(200);
      const [event] = await resumed.received(1, 'the event missed, read in part');
      expect(event.data.data.feed.alert.title).toBe('[Test SSE] Read while the partners subgraph is down');
      expect(event.data.data.feed.alert.issuedBy).toBeNull();
      // As /graphql answers the same read: the subgraph that could not be reached, by name.
      expect(event.data.errors).toContainEqual(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_ERROR', serviceName: 'partners' }) }),
      );
      for (const error of event.data.errors) {
        if (error.path) expect(error.path.slice(0, 2)).toEqual(['feed', 'alert']);
        expect(JSON.stringify(error)).not.toMatch(/\bat .+\.js:\d+|stacktrace/i);
      }
    } finally {
      resumed.close();
      await hub.restartSubgraph('partners', port);
    }
  });

  it('delivers every event once to a subscriber of each of two gateways', async () => {
    const second = await startProductionGateway(hub);
    const one = await Subscriber.open(streamUrl(hub.gateway), { token: auAnalyst });
    const two = await Subscriber.open(streamUrl(second), { token: auAnalyst });
    try {
      await issue('[Test SSE] Both gateways, first', ['AU']);
      await issue('[Test SSE] Both gateways, second', ['AU']);
      await one.received(2, 'the first gateway');
      await two.received(2, 'the second gateway');
      const expected = ['[Test SSE] Both gateways, first', '[Test SSE] Both gateways, second'];
      expect(one.titles()).toEqual(expected);
      expect(two.titles()).toEqual(expected);
      expect(two.nexts.map((m) => m.id)).toEqual(one.nexts.map((m) => m.id));
    } finally {
      one.close();
      two.close();
      await second.stop(1000);
    }
  });

  it("ends the stream when the subscriber's token expires", async () => {
    const shortLived = await mintDevelopmentToken(TEST_JWT_SECRET, { sub: 'au-analyst', org: 'AU', roles: ['viewer'] }, '3s');
    const subscriber = await Subscriber.open(streamUrl(hub.gateway), { token: shortLived });
    expect(subscriber.status).toBe(200);
    // Open at first: the stream's opening comment came, no error yet.
    expect(subscriber.nexts).toEqual([]);
    await waitFor(async () => subscriber.ended, 15_000, 'the stream ended at expiry');
    expect(subscriber.nexts.map((m) => m.data.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(subscriber.messages[subscriber.messages.length - 1].event).toBe('complete');
  });

  // Two processes on one database: PostgreSQL only (PGlite is one process's).
  if (process.env.DATABASE_URL)
    it('streams, from one alerts replica, the events another replica committed', async () => {
      // Replica A: its own process, so it hears of publications only through PostgreSQL.
      let replica: ChildService | undefined;
      let gateway: RunningGateway | undefined;
      let subscriber: Subscriber | undefined;
      try {
        const port = await freePort();
        replica = spawnService('subgraphs/alerts/index.js', port, {
          DATABASE_URL: (hub.database.target as { url: string }).url,
          SEED_ON_START: 'false',
        });
        await waitReady(replica);
        gateway = await startTestGateway({ ...(await subgraphUrlEnv({ alerts: replica.url })), HUB_JWT_SECRET: TEST_JWT_SECRET });
        subscriber = await Subscriber.open(streamUrl(gateway), { token: auAnalyst });
        expect(subscriber.status).toBe(200);
        // Committed through the hub's own alerts replica (B), whose dispatcher or A's publishes it.
        await issue('[Test SSE] Through replica B', ['AU']);
        await subscriber.received(1, 'the event committed by replica B');
        expect(subscriber.titles()).toEqual(['[Test SSE] Through replica B']);
      } finally {
        subscriber?.close();
        await gateway?.stop(1000);
        await kill(replica);
      }
    });
});
