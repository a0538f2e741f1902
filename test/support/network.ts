// The small tools over HTTP and TCP the harness and the tests share: loopback URLs, free ports,
// polling, requests as a client sends them (one that stays in flight), and servers that misbehave
// (one that never answers, a proxy that drops connections).
import http from 'node:http';
import net from 'node:net';

export function loopback(url: string): string {
  return url.replace('//localhost:', '//127.0.0.1:');
}

export function baseOf(url: string): string {
  return loopback(url).replace(/\/graphql$/, '');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Answer {
  status: number;
  ms: number;
  text: string;
  body: any;
  headers: Headers;
}

/** One request as a client sends it; never throws for an HTTP status, only when the connection fails. */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(30_000) });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, ms: Date.now() - started, text, body, headers: response.headers };
}

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

/** A server that accepts requests and never answers them: a hung subgraph. */
export async function startHangingServer(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SlowRequest {
  /** Sends the rest of the body; resolves with the answer, or rejects when the connection was cut. */
  finish: () => Promise<{ status: number; text: string }>;
  /** Settles when the server answers or the connection closes, whichever comes first. */
  settled: Promise<{ status: number; text: string } | Error>;
}

/**
 * A POST whose body arrives in two parts: the server has the request in flight from the first
 * byte, and cannot finish it before finish() sends the rest.
 */
export async function startSlowRequest(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<SlowRequest> {
  const body = Buffer.from(JSON.stringify(payload));
  const target = new URL(url);
  const request = http.request({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
  });
  const settled = new Promise<{ status: number; text: string } | Error>((resolve) => {
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      response.on('error', (error) => resolve(error));
    });
    request.on('error', (error) => resolve(error));
  });
  const half = Math.floor(body.length / 2);
  await new Promise<void>((resolve, reject) => request.write(body.subarray(0, half), (error) => (error ? reject(error) : resolve())));
  // Gives the server time to read the headers and start the request.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    settled,
    finish: async () => {
      request.end(body.subarray(half));
      const outcome = await settled;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

/** No stack frames, file paths or SQL in what a client receives. */
export function revealsNothing(text: string): boolean {
  return !/stacktrace|\bat .+\.(?:js|ts):\d+|node_modules|\/dist\/|SELECT .+ FROM/i.test(text);
}

/** Whether `bytes` hold a whole HTTP/1.1 request: its head, and its body by Content-Length or to the last chunk. */
function requestComplete(bytes: Buffer): boolean {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const head = bytes.subarray(0, headEnd).toString('latin1');
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) return bytes.subarray(headEnd + 4).includes('0\r\n\r\n');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return bytes.length - headEnd - 4 >= Number(length?.[1] ?? 0);
}

/**
 * A TCP proxy to `targetPort` that cuts its first `drop` connections as soon as a request arrives
 * on them, before the target sees anything: a connection failure the caller may safely retry.
 * With `carrying`, only connections whose request holds that text are counted and passed on; any
 * other is closed unread. Another test process may have taken this ephemeral port for a "closed"
 * subgraph URL before the proxy bound it, and its gateway's calls must not count as this test's.
 */
export async function startFlakyProxy(
  targetPort: number,
  drop = 1,
  carrying?: string,
): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('error', () => socket.destroy());
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (carrying !== undefined && !received.includes(carrying)) {
        // Not yet this test's request, or (once all of it has come) not this test's at all.
        if (requestComplete(received)) socket.destroy();
        return;
      }
      socket.off('data', onData);
      if (++connections <= drop) return socket.destroy();
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.write(received);
      socket.pipe(upstream).pipe(socket);
      socket.once('error', () => upstream.destroy());
      upstream.once('error', () => socket.destroy());
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
