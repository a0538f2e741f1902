// docker-compose.yml cannot be run here (no Docker engine), so this checks that it follows the
// manifest (schema/subgraphs.json: its generated parts, scripts/compose-file.ts), that it agrees with
// the services' real commands, ports and configuration, and that the README documents it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { readGatewayConfig } from '../../gateway/config';
import { manifest, moduleEntries, subgraphNames } from '../../platform/manifest';
import { composeFileFor } from '../../scripts/compose-file';
import { readServiceConfig } from '../../subgraphs/kernel/service/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<
    string,
    {
      command?: string[];
      profiles?: string[];
      environment?: Record<string, string>;
      healthcheck?: { test: string[] };
      depends_on?: object;
      secrets?: string[];
    }
  >;
  secrets: Record<string, { file: string }>;
};
// The subgraphs built on our kernel get a service each; a service built elsewhere runs outside compose.
const SUBGRAPHS = moduleEntries().map((entry) => entry.name);

// The secret files compose would mount under /run/secrets, with sample contents.
const secretsDir = mkdtempSync(path.join(tmpdir(), 'hub-compose-secrets-'));
for (const name of Object.keys(compose.secrets)) writeFileSync(path.join(secretsDir, name), `sample-${name}-password\n`);
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PORTS: Record<string, number> = {
  gateway: manifest().gateway.port,
  ...Object.fromEntries(moduleEntries().map((entry) => [entry.name, entry.port])),
};

/** Resolves ${VAR:-default} and ${VAR:?message} as compose would, with sample values for the required ones. */
function resolve(environment: Record<string, string>): NodeJS.ProcessEnv {
  const sample: Record<string, string> = {
    HUB_JWKS_URL: 'https://login.example.org/.well-known/jwks.json',
    HUB_JWT_ISSUER: 'https://login.example.org/',
  };
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [
      key,
      String(value)
        .replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, kind: string, rest: string) => sample[name] ?? (kind === '-' ? rest : ''))
        .replace(/^\/run\/secrets\//, `${secretsDir}/`),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it('is what npm run schema:compose writes from the manifest', () => {
    expect(composeFileFor(composeText, manifest())).toBe(composeText);
    // The observability profile's services run only with --profile observability (observability-profile.test.ts).
    const hub = Object.keys(compose.services).filter((name) => !compose.services[name].profiles);
    expect(hub.sort()).toEqual(['db-roles', 'postgres', ...Object.keys(PORTS)].sort());
  });

  it.each(Object.entries(PORTS))('runs %s with the command of its npm start script, on its port, with a readiness check', (name, port) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const [node, script, ...args] = service.command!;
    expect(node).toBe('node');
    if (name === 'gateway') expect(packageJson.scripts['start:gateway']).toBe(`node ${script}`);
    else expect([packageJson.scripts['start:service'], args]).toEqual([`node ${script}`, [name]]);
    expect(existsSync(path.join(ROOT, script))).toBe(true);
    expect(service.environment!.PORT).toBe(String(port));
    expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${port}/ready`);
  });

  it('points the gateway and every subgraph at each subgraph service', () => {
    for (const service of ['gateway', ...SUBGRAPHS]) {
      const env = compose.services[service].environment!;
      for (const name of SUBGRAPHS) expect(env[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${PORTS[name]}/graphql`);
    }
  });

  it('starts the gateway once every subgraph has started, without waiting for them to be healthy', () => {
    // A subgraph not ready yet only degrades the answers that need it; the gateway serves meanwhile.
    expect(compose.services.gateway.depends_on).toEqual(Object.fromEntries(SUBGRAPHS.map((name) => [name, { condition: 'service_started' }])));
  });

  it('gives every service a configuration it accepts in production', () => {
    for (const name of Object.keys(PORTS)) {
      const env = resolve(compose.services[name].environment!);
      expect(env.NODE_ENV).toBe('production');
      if (name === 'gateway') expect(() => readGatewayConfig(env)).not.toThrow();
      else
        expect(readServiceConfig(name, PORTS[name], env)).toMatchObject({
          production: true,
          port: PORTS[name],
          databaseUrl: expect.stringMatching(/^postgres:\/\//),
        });
    }
  });

  it('gives the private key to the gateway alone and the public key set to every service, as files', () => {
    const secretPath = (name: string) => `/run/secrets/${name}`;
    for (const name of Object.keys(PORTS)) {
      const service = compose.services[name];
      expect(service.environment!.HUB_GATEWAY_JWKS_FILE).toBe(secretPath('hub-gateway-jwks'));
      expect(service.secrets).toContain('hub-gateway-jwks');
      if (name === 'gateway') {
        expect(service.environment!.HUB_GATEWAY_SIGNING_KEY_FILE).toBe(secretPath('hub-gateway-signing-key'));
        expect(service.secrets).toContain('hub-gateway-signing-key');
      } else {
        expect(service.environment!.HUB_GATEWAY_SIGNING_KEY_FILE).toBeUndefined();
        expect(service.secrets).not.toContain('hub-gateway-signing-key');
      }
      expect(service.environment!.HUB_INTERNAL_SECRET).toBeUndefined();
    }
    expect(compose.secrets['hub-gateway-signing-key'].file).toMatch(/hub-gateway-signing-key\.json$/);
    expect(compose.secrets['hub-gateway-jwks'].file).toMatch(/hub-gateway-jwks\.json$/);
    expect(packageJson.scripts.keys).toBe('node dist/scripts/keys.js');
  });

  it('connects each subgraph as its own role, with its password from a secret file, once db-roles has created the roles', () => {
    const roles = compose.services['db-roles'];
    expect(roles.command).toEqual(['node', 'dist/scripts/db-roles.js']);
    expect(packageJson.scripts['db:roles']).toBe('node dist/scripts/db-roles.js');
    const users = new Set<string>();
    for (const name of SUBGRAPHS) {
      const service = compose.services[name];
      const env = service.environment!;
      const url = new URL(env.DATABASE_URL);
      expect(url.username).toBe(`hub_${name}`);
      expect(url.password).toBe('');
      users.add(url.username);
      expect(env.DATABASE_PASSWORD_FILE).toBe(`/run/secrets/db_password_${name}`);
      expect(service.secrets).toContain(`db_password_${name}`);
      expect(service.depends_on).toMatchObject({ 'db-roles': { condition: 'service_completed_successfully' } });
      // db-roles creates the role the subgraph logs in as, with the password the subgraph reads.
      expect(roles.environment![`DATABASE_URL_${name.toUpperCase()}`]).toBe(env.DATABASE_URL);
      expect(roles.environment![`DATABASE_PASSWORD_FILE_${name.toUpperCase()}`]).toBe(env.DATABASE_PASSWORD_FILE);
      expect(roles.secrets).toContain(`db_password_${name}`);
      const config = readServiceConfig(name, PORTS[name], resolve(env));
      expect(new URL(config.databaseUrl!).password).toBe(`sample-db_password_${name}-password`);
    }
    expect(users.size).toBe(SUBGRAPHS.length);
  });

  it('takes every password from a file kept out of git, with no development fallback', () => {
    expect(composeText).not.toMatch(/PASSWORD[A-Z_]*:-/);
    expect(composeText).not.toContain('hub-dev-password');
    expect(compose.services.postgres.environment!.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(compose.services.postgres.environment!.POSTGRES_PASSWORD).toBeUndefined();
    const ignored = readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n');
    for (const [name, { file }] of Object.entries(compose.secrets).filter(([name]) => name.includes('password'))) {
      expect([name, file]).toEqual([name, expect.stringMatching(/^\.\/secrets\//)]);
      expect(ignored).toContain('secrets/');
    }
  });

  it('refuses to start a subgraph in production with a missing password file or the development password', () => {
    const production = { NODE_ENV: 'production', HUB_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/hub-jwks.json' };
    expect(() =>
      readServiceConfig('training', 4003, {
        ...production,
        DATABASE_URL: 'postgres://hub_training@db/hub',
        DATABASE_PASSWORD_FILE: path.join(secretsDir, 'absent'),
      }),
    ).toThrow(/DATABASE_PASSWORD_FILE/);
    expect(() => readServiceConfig('training', 4003, { ...production, DATABASE_URL: 'postgres://hub:hub-dev-password@db/hub' })).toThrow(
      /development/,
    );
    // Outside compose one DATABASE_URL still serves every subgraph, and DATABASE_URL_<SUBGRAPH> one of them.
    expect(readServiceConfig('training', 4003, { DATABASE_URL: 'postgres://postgres@db/hub' }).databaseUrl).toBe('postgres://postgres@db/hub');
    expect(
      readServiceConfig('training', 4003, { DATABASE_URL: 'postgres://postgres@db/hub', DATABASE_URL_TRAINING: 'postgres://hub_training:pw@db/hub' })
        .databaseUrl,
    ).toBe('postgres://hub_training:pw@db/hub');
  });

  it('uses only variables the README documents', () => {
    // The hub's services' variables; the observability profile's images (Grafana's GF_*) have their own documentation.
    const ours = Object.values(compose.services).filter((service) => !service.profiles);
    const variables = new Set(ours.flatMap((s) => Object.keys(s.environment ?? {})));
    variables.delete('POSTGRES_USER');
    variables.delete('POSTGRES_PASSWORD_FILE');
    variables.delete('POSTGRES_DB');
    // A variable of one subgraph's (CEWARN_URL, DATABASE_URL_CEWARN) is documented in its <NAME> form.
    const names = subgraphNames().map((name) => name.toUpperCase());
    const documented = (variable: string) => names.reduce((form, name) => form.replace(new RegExp(`(^|_)${name}(_|$)`), '$1<NAME>$2'), variable);
    for (const variable of variables) expect(readme).toContain(`\`${documented(variable)}\``);
  });
});
