// A partner's webhook endpoint for the tests: a real HTTP server on a loopback port that records
// every POST it gets, checks its Standard Webhooks signature with the secret it was given, and
// answers as each test tells it (a status per attempt, or no answer at all).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The signature checked out with the path's secret (null when no secret was given for it). */
  verified: boolean | null;
}

/** How a path answers its n-th POST (1 for the first): an HTTP status, or 'hang' for no answer. */
export type Answer = (n: number) => number | 'hang';

export interface WebhookReceiver {
  url: (path: string) => string;
  received: Received[];
  on: (path: string, answer: Answer) => void;
  secret: (path: string, secret: string) => void;
  to: (path: string) => Received[];
  stop: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const answers = new Map<string, Answer>();
  const secrets = new Map<string, string>();
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(request.headers[name] ?? '');
      const secret = secrets.get(path);
      let verified: boolean | null = null;
      if (secret) {
        try {
          new Webhook(secret).verify(body, {
            'webhook-id': header('webhook-id'),
            'webhook-timestamp': header('webhook-timestamp'),
            'webhook-signature': header('webhook-signature'),
          });
          verified = true;
        } catch {
          verified = false;
        }
      }
      received.push({
        path,
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        body,
        verified,
      });
      const n = received.filter((r) => r.path === path).length;
      const answer = (answers.get(path) ?? (() => 204))(n);
      if (answer === 'hang') hanging.push(response);
      else response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    on: (path, answer) => void answers.set(path, answer),
    secret: (path, secret) => void secrets.set(path, secret),
    to: (path) => received.filter((r) => r.path === path),
    stop: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
