// docker-compose.yml cannot be run here (no Docker engine), so this checks that it agrees with
// the services' real commands, ports and configuration, and that the README documents it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readGatewayConfig } from '../../gateway/config';
import { readServiceConfig } from '../../subgraphs/kernel/config';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: object; secrets?: string[] }>;
  secrets: Record<string, { file: string }>;
};
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PORTS: Record<string, number> = { gateway: 4000, situations: 4001, partners: 4002, training: 4003, alerts: 4004 };

/** Resolves ${VAR:-default} and ${VAR:?message} as compose would, with sample values for the required ones. */
function resolve(environment: Record<string, string>): NodeJS.ProcessEnv {
  const sample: Record<string, string> = {
    HUB_JWKS_URL: 'https://login.example.org/.well-known/jwks.json',
    HUB_JWT_ISSUER: 'https://login.example.org/',
  };
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [
      key,
      String(value).replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, kind: string, rest: string) => sample[name] ?? (kind === '-' ? rest : '')),
    ]),
  );
}

describe('docker-compose.yml', () => {
  it.each(Object.entries(PORTS))('runs %s with the command of its npm start script, on its port, with a readiness check', (name, port) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const [node, script] = service.command!;
    expect(node).toBe('node');
    expect(packageJson.scripts[`start:${name}`]).toBe(`node ${script}`);
    expect(existsSync(path.join(ROOT, script))).toBe(true);
    expect(service.environment!.PORT).toBe(String(port));
    expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${port}/ready`);
  });

  it('points the gateway at each subgraph service', () => {
    const env = compose.services.gateway.environment!;
    for (const [name, port] of Object.entries(PORTS)) {
      if (name !== 'gateway') expect(env[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
    }
  });

  it('gives every service a configuration it accepts in production', () => {
    for (const name of Object.keys(PORTS)) {
      const env = resolve(compose.services[name].environment!);
      expect(env.NODE_ENV).toBe('production');
      if (name === 'gateway') expect(() => readGatewayConfig(env)).not.toThrow();
      else expect(readServiceConfig(name, PORTS[name], env)).toMatchObject({ production: true, port: PORTS[name], databaseUrl: expect.stringMatching(/^postgres:\/\//) });
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

  it('uses only variables the README documents', () => {
    const variables = new Set(Object.values(compose.services).flatMap((s) => Object.keys(s.environment ?? {})));
    variables.delete('POSTGRES_USER');
    variables.delete('POSTGRES_PASSWORD');
    variables.delete('POSTGRES_DB');
    for (const variable of variables) expect(readme).toContain(`\`${variable}\``);
  });
});
