// Real services for the resilience tests: subgraphs in this process or as child processes, a
// gateway in this process pointed wherever a test needs, and the small tools those tests share
// (free ports, raw requests that stay in flight, a server that never answers, polling).
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { readGatewayConfig } from '../../../gateway/config';
import { startGateway, type RunningGateway } from '../../../gateway/server';
import { SUBGRAPHS } from '../../../scripts/subgraphs';
import type { DatabaseTarget } from '../../../subgraphs/kernel/db/database';
import { ANONYMOUS } from '../../../platform/identity';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { readSigningKey, writeKeyFiles } from '../../../platform/gateway-keys';
import { testKeys } from '../../support/internal-keys';
import { startSubgraph, type RunningSubgraph, type StartSubgraphOptions } from '../../../subgraphs/kernel/service/subgraph-service';

/** The gateway key pair of this test process, as files (for child processes and env-configured gateways) and in memory. */
export const KEY_FILES = writeKeyFiles(mkdtempSync(path.join(os.tmpdir(), 'hub-resilience-keys-')));
export const KEYS = testKeys(readSigningKey(KEY_FILES.signingKeyFile));
/** What a gateway and a subgraph process need to trust each other. */
export const KEY_ENV = { HUB_GATEWAY_SIGNING_KEY_FILE: KEY_FILES.signingKeyFile, HUB_GATEWAY_JWKS_FILE: KEY_FILES.publicKeysFile };

const DIST = path.resolve(__dirname, '..', '..', '..');

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
  return { status: response.status, ms: Date.now() - started, text, body };
}

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

/** The header `subgraph` wants on /graphql: the gateway's word for an anonymous reader. */
export async function vouched(operationName: string | null = null, subgraph = 'situations'): Promise<Record<string, string>> {
  return KEYS.vouch(ANONYMOUS, operationName, subgraph);
}

export function subgraphModule(name: string) {
  const module = SUBGRAPHS.find((m) => m.name === name);
  if (!module) throw new Error(`no subgraph named ${name}`);
  return module;
}

/** Starts subgraphs in this process on one database, each knowing where the others answer. */
export async function startSubgraphs(
  target: DatabaseTarget,
  names: string[] = SUBGRAPHS.map((m) => m.name),
  options: Partial<StartSubgraphOptions> = {},
): Promise<Record<string, RunningSubgraph>> {
  const peerUrls: Record<string, string> = {};
  const running: Record<string, RunningSubgraph> = {};
  for (const name of names) {
    running[name] = await startSubgraph(subgraphModule(name), { target, seed: true, gatewayKeys: KEYS.gatewayKeys, peerUrls, host: '127.0.0.1', ...options });
    peerUrls[name] = loopback(running[name].url);
  }
  return running;
}

/** A gateway in this process, configured from environment variables as in production. */
export async function startTestGateway(env: Record<string, string>): Promise<RunningGateway> {
  const config = readGatewayConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', ...KEY_ENV, ...env });
  return startGateway(config);
}

/** SITUATIONS_URL=... for each running subgraph; subgraphs not given point at a closed port. */
export async function subgraphUrlEnv(urls: Record<string, string>): Promise<Record<string, string>> {
  const closed = `http://127.0.0.1:${await freePort()}/graphql`;
  return Object.fromEntries(SUBGRAPHS.map((m) => [`${m.name.toUpperCase()}_URL`, urls[m.name] ? loopback(urls[m.name]) : closed]));
}

export interface ChildService {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `node dist/<script>` with the environment given (and no DATABASE_URL unless given). */
export function spawnService(script: string, port: number, env: Record<string, string>): ChildService {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(DIST, script)], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...KEY_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}/graphql`, output: () => output, exited };
}

// Generous: a subgraph process migrating and seeding PGlite on a busy 2-core machine took over 90 s.
export async function waitReady(service: ChildService, timeoutMs = 240_000): Promise<void> {
  await waitFor(
    async () => {
      if (service.child.exitCode !== null) throw new Error(`exited with ${service.child.exitCode}:\n${service.output()}`);
      return (await fetch(`${baseOf(service.url)}/ready`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    timeoutMs,
    `${service.url} ready`,
  ).catch((error) => {
    throw new Error(`${error.message}\n${service.output()}`);
  });
}

export async function kill(service: ChildService | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await service.exited;
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

/**
 * A TCP proxy to `targetPort` that cuts its first `drop` connections as soon as a request arrives
 * on them, before the target sees anything: a connection failure the caller may safely retry.
 */
export async function startFlakyProxy(targetPort: number, drop = 1): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (++connections <= drop) {
      socket.once('data', () => socket.destroy());
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    socket.pipe(upstream).pipe(socket);
    socket.once('error', () => upstream.destroy());
    upstream.once('error', () => socket.destroy());
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
