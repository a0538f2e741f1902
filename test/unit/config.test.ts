// The environment readers (platform/config.ts) and the gateway's and a subgraph's configuration built
// on them: the message a start-up prints for each kind of bad value, and the defaults that unset or
// empty variables take. Pure but for the secret files METRICS_TOKEN_FILE reads: no servers or databases.
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../../gateway/auth';
import { DEFAULT_MAX_QUERY_COST, readGatewayConfig } from '../../gateway/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duration, httpUrl, readConfig, trueOrFalse, wholeNumber, wholeNumberOrAuto, workerVariables } from '../../platform/config';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';
import { warnIfMetricsOpen } from '../../platform/metrics';
import { captureLogs } from '../support/observability';

describe('the variable schemas', () => {
  it('read a whole number within its range, the fallback when unset or empty', () => {
    const port = wholeNumber('PORT', 0, 65535, 4000);
    expect(readConfig(port, '8080')).toBe(8080);
    expect(readConfig(port, '0')).toBe(0);
    expect(readConfig(port, undefined)).toBe(4000);
    expect(readConfig(port, '')).toBe(4000);
    expect(readConfig(wholeNumber('MAX_IN_FLIGHT', 0, 10, undefined), '')).toBeUndefined();
    for (const bad of ['x', '-1', '65536', '1.5'])
      expect(() => readConfig(port, bad)).toThrow(new Error(`PORT must be a whole number from 0 to 65535, got "${bad}"`));
  });

  it('read true or false in their spellings, the fallback when unset or empty', () => {
    const seed = trueOrFalse('SEED_ON_START', false);
    for (const yes of ['1', 'true', 'YES', 'True']) expect(readConfig(seed, yes)).toBe(true);
    for (const no of ['0', 'false', 'No', 'FALSE']) expect(readConfig(trueOrFalse('SEED_ON_START', true), no)).toBe(false);
    expect(readConfig(seed, undefined)).toBe(false);
    expect(readConfig(seed, '')).toBe(false);
    for (const bad of ['x', 'on', 'constructor'])
      expect(() => readConfig(seed, bad)).toThrow(new Error(`SEED_ON_START must be true or false, got "${bad}"`));
  });

  it('read an http(s) URL, undefined when unset or empty', () => {
    const url = httpUrl('X_URL');
    expect(readConfig(url, 'https://example.org/graphql')).toBe('https://example.org/graphql');
    expect(readConfig(url, 'http://127.0.0.1:1/')).toBe('http://127.0.0.1:1/');
    expect(readConfig(url, undefined)).toBeUndefined();
    expect(readConfig(url, '')).toBeUndefined();
    expect(() => readConfig(url, 'ftp://example.org')).toThrow(new Error('X_URL must be an http(s) URL, got "ftp://example.org"'));
  });

  it('read a duration in seconds, the fallback when unset or empty', () => {
    const lifetime = duration('HUB_JWT_MAX_LIFETIME', 3600);
    expect([readConfig(lifetime, '90'), readConfig(lifetime, '45s'), readConfig(lifetime, '30m')]).toEqual([90, 45, 1800]);
    expect([readConfig(lifetime, '24h'), readConfig(lifetime, ' 7d ')]).toEqual([86_400, 604_800]);
    expect([readConfig(lifetime, undefined), readConfig(lifetime, '')]).toEqual([3600, 3600]);
    for (const bad of ['x', '0', '0m', '1w', '-5', '1.5h'])
      expect(() => readConfig(lifetime, bad)).toThrow(
        new Error(`HUB_JWT_MAX_LIFETIME must be a duration such as 3600, 30m, 24h or 7d, got "${bad}"`),
      );
  });
});

describe("the gateway's configuration", () => {
  it('takes its defaults when the variables are unset', () => {
    const config = readGatewayConfig({});
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 4000,
      production: false,
      subgraphUrls: {},
      subgraphTimeoutMs: 10_000,
      subgraphTimeouts: {},
      limits: { maxInFlight: undefined, requestTimeoutMs: undefined, shutdownDeadlineMs: undefined },
      bodyLimit: '1mb',
      corsOrigins: [],
      maxQueryCost: DEFAULT_MAX_QUERY_COST,
      auth: { jwksUrl: undefined, maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS },
    });
    expect(config.internalKeys).toHaveProperty('developmentDir');
  });

  it('treats empty variables as unset', () => {
    const empty = [
      'PORT',
      'SITUATIONS_URL',
      'SITUATIONS_TIMEOUT_MS',
      'MAX_QUERY_COST',
      'HUB_JWKS_URL',
      'HUB_JWT_MAX_LIFETIME',
      'HUB_INTERNAL_SECRET',
    ];
    expect(readGatewayConfig(Object.fromEntries(empty.map((variable) => [variable, ''])))).toMatchObject({
      port: 4000,
      subgraphUrls: {},
      subgraphTimeouts: {},
      maxQueryCost: DEFAULT_MAX_QUERY_COST,
      auth: { jwksUrl: undefined, maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS },
    });
  });

  it('reads what is set', () => {
    const config = readGatewayConfig({
      PORT: '8000',
      PARTNERS_URL: 'http://partners:4002/graphql',
      ALERTS_TIMEOUT_MS: '0',
      CORS_ORIGINS: 'https://a.example, https://b.example,',
      MAX_IN_FLIGHT: '64',
      HUB_JWT_MAX_LIFETIME: '8h',
      HUB_GATEWAY_SIGNING_KEY_FILE: '/run/secrets/key',
    });
    expect(config).toMatchObject({
      port: 8000,
      subgraphUrls: { partners: 'http://partners:4002/graphql' },
      subgraphTimeouts: { alerts: 0 },
      corsOrigins: ['https://a.example', 'https://b.example'],
      limits: { maxInFlight: 64 },
      auth: { maxLifetimeSeconds: 8 * 3600 },
      internalKeys: { signingKeyFile: '/run/secrets/key', publicKeysFile: undefined },
    });
  });

  it.each([
    ['PORT', 'x', 'PORT must be a whole number from 0 to 65535, got "x"'],
    ['SITUATIONS_URL', 'situations:4001', 'SITUATIONS_URL must be an http(s) URL, got "situations:4001"'],
    ['HUB_JWKS_URL', 'file:///jwks', 'HUB_JWKS_URL must be an http(s) URL, got "file:///jwks"'],
    ['SUBGRAPH_TIMEOUT_MS', '-1', 'SUBGRAPH_TIMEOUT_MS must be a whole number from 0 to 600000, got "-1"'],
    ['TRAINING_TIMEOUT_MS', 'soon', 'TRAINING_TIMEOUT_MS must be a whole number from 0 to 600000, got "soon"'],
    ['SUBGRAPH_RESTART_WAIT_MS', '1.5', 'SUBGRAPH_RESTART_WAIT_MS must be a whole number from 0 to 600000, got "1.5"'],
    ['MAX_IN_FLIGHT', '100001', 'MAX_IN_FLIGHT must be a whole number from 0 to 100000, got "100001"'],
    ['REQUEST_TIMEOUT_MS', 'x', 'REQUEST_TIMEOUT_MS must be a whole number from 0 to 600000, got "x"'],
    ['SHUTDOWN_DEADLINE_MS', 'x', 'SHUTDOWN_DEADLINE_MS must be a whole number from 0 to 600000, got "x"'],
    ['MAX_QUERY_COST', '0', 'MAX_QUERY_COST must be a whole number from 1 to 10000000, got "0"'],
    ['HUB_JWT_MAX_LIFETIME', 'forever', 'HUB_JWT_MAX_LIFETIME must be a duration such as 3600, 30m, 24h or 7d, got "forever"'],
    ['HUB_INTERNAL_SECRET', 'x', 'HUB_INTERNAL_SECRET is no longer used'],
    ['HUB_GATEWAY_JWKS_FILE', '/run/secrets/jwks', 'HUB_GATEWAY_JWKS_FILE needs HUB_GATEWAY_SIGNING_KEY_FILE'],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => readGatewayConfig({ [variable]: value })).toThrow(message);
  });

  it('says what production requires', () => {
    const production = { NODE_ENV: 'production' };
    expect(() => readGatewayConfig(production)).toThrow(
      new Error('in production set HUB_JWKS_URL (or at least a HUB_JWT_SECRET of 32+ characters that is not the development default)'),
    );
    const jwks = { ...production, HUB_JWKS_URL: 'https://login.example.org/jwks' };
    expect(() => readGatewayConfig(jwks)).toThrow(
      new Error('in production set HUB_JWT_ISSUER and HUB_JWT_AUDIENCE to the issuer and audience your identity provider writes in its tokens'),
    );
    expect(() => readGatewayConfig({ ...jwks, HUB_JWT_ISSUER: 'i', HUB_JWT_AUDIENCE: 'a' })).toThrow(
      new Error('in production set HUB_GATEWAY_SIGNING_KEY_FILE to the private key from npm run keys (README "Identity")'),
    );
  });
});

describe("a subgraph's configuration", () => {
  it('takes its defaults when the variables are unset or empty', () => {
    const expected = {
      name: 'partners',
      host: '0.0.0.0',
      port: 4002,
      production: false,
      databaseUrl: undefined,
      poolSize: 10,
      seedOnStart: true,
      bodyLimit: '1mb',
      peerUrls: {},
      limits: { maxInFlight: undefined, requestTimeoutMs: undefined, shutdownDeadlineMs: undefined },
      databaseLimits: { connectTimeoutMs: undefined, statementTimeoutMs: undefined },
    };
    expect(readServiceConfig('partners', 4002, {})).toMatchObject(expected);
    const empty = ['PORT', 'DATABASE_POOL_SIZE', 'SEED_ON_START', 'SITUATIONS_URL', 'DATABASE_CONNECT_TIMEOUT_MS', 'HUB_GATEWAY_JWKS_URL'];
    expect(readServiceConfig('partners', 4002, Object.fromEntries(empty.map((variable) => [variable, ''])))).toMatchObject(expected);
    expect(readServiceConfig('partners', 4002, {}).gatewayKeys).toHaveProperty('developmentDir');
  });

  it('reads what is set', () => {
    const config = readServiceConfig('situations', 4001, {
      PORT: '5001',
      DATABASE_POOL_SIZE: '3',
      SEED_ON_START: 'no',
      PARTNERS_URL: 'http://partners:4002/graphql',
      HUB_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/hub-jwks.json',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
    });
    expect(config).toMatchObject({
      port: 5001,
      poolSize: 3,
      seedOnStart: false,
      peerUrls: { partners: 'http://partners:4002/graphql' },
      gatewayKeys: { jwksUrl: 'http://gateway:4000/.well-known/hub-jwks.json' },
      databaseLimits: { statementTimeoutMs: 0 },
    });
    expect(readServiceConfig('situations', 4001, { NODE_ENV: 'production', HUB_GATEWAY_JWKS_FILE: '/jwks' }).seedOnStart).toBe(false);
  });

  it.each([
    ['PORT', '70000', 'PORT must be a whole number from 0 to 65535, got "70000"'],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "0"'],
    ['SEED_ON_START', 'maybe', 'SEED_ON_START must be true or false, got "maybe"'],
    ['HUB_GATEWAY_JWKS_URL', 'gateway', 'HUB_GATEWAY_JWKS_URL must be an http(s) URL, got "gateway"'],
    ['MAX_IN_FLIGHT', 'many', 'MAX_IN_FLIGHT must be a whole number from 0 to 100000, got "many"'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '99', 'DATABASE_CONNECT_TIMEOUT_MS must be a whole number from 100 to 600000, got "99"'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '-1', 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 0 to 3600000, got "-1"'],
    ['HUB_INTERNAL_SECRET', 'x', 'HUB_INTERNAL_SECRET is no longer used'],
    ['DATABASE_URL', 'mysql://db/hub', 'DATABASE_URL must be a postgres:// URL, got "mysql://..."'],
  ])('refuses %s=%s', (variable, value, message) => {
    expect(() => readServiceConfig('partners', 4002, { [variable]: value })).toThrow(message);
  });

  it('refuses both sources of gateway keys, and none in production', () => {
    expect(() => readServiceConfig('partners', 4002, { HUB_GATEWAY_JWKS_FILE: '/jwks', HUB_GATEWAY_JWKS_URL: 'http://gateway/jwks' })).toThrow(
      new Error('set HUB_GATEWAY_JWKS_FILE or HUB_GATEWAY_JWKS_URL, not both'),
    );
    expect(() => readServiceConfig('partners', 4002, { NODE_ENV: 'production' })).toThrow(/^in production set HUB_GATEWAY_JWKS_FILE/);
  });
});

describe('WEB_CONCURRENCY', () => {
  it('reads a whole number or auto (one worker per CPU), 1 when unset or empty', () => {
    const workers = workerVariables.WEB_CONCURRENCY;
    expect([readConfig(workers, undefined), readConfig(workers, ''), readConfig(workers, '4')]).toEqual([1, 1, 4]);
    expect(readConfig(workers, 'auto')).toBe(os.availableParallelism());
    expect(readConfig(workers, ' AUTO ')).toBe(os.availableParallelism());
    expect(
      readConfig(
        wholeNumberOrAuto('N', 1, 8, 1, () => 64),
        'auto',
      ),
    ).toBe(8);
    for (const bad of ['0', 'x', '1.5', '257'])
      expect(() => readConfig(workers, bad)).toThrow(new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256 or "auto", got "${bad}"`));
  });

  it('gives the gateway any number of workers, and a subgraph more than one only on PostgreSQL', () => {
    expect(readGatewayConfig({}).workers).toBe(1);
    expect(readGatewayConfig({ WEB_CONCURRENCY: '3' }).workers).toBe(3);
    expect(readServiceConfig('alerts', 4004, {}).workers).toBe(1);
    expect(readServiceConfig('alerts', 4004, { WEB_CONCURRENCY: '1' }).workers).toBe(1);
    expect(readServiceConfig('alerts', 4004, { WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/hub' }).workers).toBe(2);
    expect(() => readServiceConfig('alerts', 4004, { WEB_CONCURRENCY: '2' })).toThrow(
      'WEB_CONCURRENCY=2 needs PostgreSQL: the embedded PGlite database serves one process only; set DATABASE_URL, or WEB_CONCURRENCY=1',
    );
  });
});

describe('METRICS_TOKEN and METRICS_TOKEN_FILE', () => {
  let dir: string;
  let file: string;
  const token = 'a-metrics-token-of-32-characters';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-metrics-token-'));
    file = path.join(dir, 'token');
    writeFileSync(file, `${token}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the token from the variable or from the file, the same at the gateway and at a subgraph', () => {
    for (const read of [(env: NodeJS.ProcessEnv) => readGatewayConfig(env), (env: NodeJS.ProcessEnv) => readServiceConfig('training', 4003, env)]) {
      expect(read({}).metricsToken).toBeUndefined();
      expect(read({ METRICS_TOKEN: token }).metricsToken).toBe(token);
      expect(read({ METRICS_TOKEN_FILE: file }).metricsToken).toBe(token);
    }
  });

  it('refuses both at once, a token under 16 characters, and a file it cannot read', () => {
    expect(() => readGatewayConfig({ METRICS_TOKEN: token, METRICS_TOKEN_FILE: file })).toThrow('set METRICS_TOKEN or METRICS_TOKEN_FILE, not both');
    expect(() => readServiceConfig('training', 4003, { METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: the token must be at least 16 characters');
    const short = path.join(dir, 'short');
    writeFileSync(short, 'short\n');
    expect(() => readGatewayConfig({ METRICS_TOKEN_FILE: short })).toThrow('METRICS_TOKEN_FILE: the token must be at least 16 characters');
    expect(() => readGatewayConfig({ METRICS_TOKEN_FILE: path.join(dir, 'none') })).toThrow(/^METRICS_TOKEN_FILE: cannot read .*none \(ENOENT\)$/);
  });

  it('has a production service without a token say at start that /metrics is open', () => {
    const logs = captureLogs('info');
    try {
      warnIfMetricsOpen('gateway', false, undefined);
      warnIfMetricsOpen('partners', true, token);
      expect(logs.lines).toEqual([]);
      warnIfMetricsOpen('partners', true, undefined);
      expect(logs.lines).toEqual([
        expect.objectContaining({ level: 'warn', service: 'partners', message: expect.stringMatching(/^GET \/metrics is open/) }),
      ]);
    } finally {
      logs.stop();
    }
  });
});
