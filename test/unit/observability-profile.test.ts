// docker-compose.yml's observability profile cannot run here (no Docker engine): this checks what
// can be checked without one. Its images are pinned to exact versions, every configuration file it
// mounts exists and parses, Prometheus scrapes exactly the manifest's services on their ports, and
// the hub's services send traces only when OTEL_EXPORTER_OTLP_ENDPOINT is given.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { manifest, moduleEntries } from '../../platform/manifest';
import { prometheusConfigFor, PROMETHEUS_FILE } from '../../scripts/compose-file';
import { dashboardMetricNames } from '../support/grafana-dashboard';

const ROOT = path.resolve(__dirname, '..', '..', '..');
type Service = { image?: string; profiles?: string[]; volumes?: string[]; environment?: Record<string, string>; secrets?: string[] };
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const profile = Object.entries(compose.services).filter(([, service]) => service.profiles?.includes('observability'));
const HUB_SERVICES = ['gateway', ...moduleEntries().map((entry) => entry.name)];

/** Host files and folders a service mounts (./deploy/...), resolved against the repository. */
function mounted(service: Service): string[] {
  return (service.volumes ?? []).filter((volume) => volume.startsWith('./')).map((volume) => path.join(ROOT, volume.split(':')[0]));
}

function parses(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) JSON.parse(text);
  else if (/\.ya?ml$/.test(file)) expect(parse(text)).toBeInstanceOf(Object);
  else throw new Error(`${file}: not a configuration file this test knows`);
}

function filesUnder(folder: string): string[] {
  if (!statSync(folder).isDirectory()) return [folder];
  return readdirSync(folder).flatMap((name) => filesUnder(path.join(folder, name)));
}

describe('the observability profile', () => {
  it('holds the collector, Jaeger, Prometheus and Grafana', () => {
    expect(profile.map(([name]) => name).sort()).toEqual(['grafana', 'jaeger', 'otel-collector', 'prometheus']);
  });

  it.each(profile)('pins %s to an exact image version', (_name, service) => {
    expect(service.image).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/);
    expect(service.image).not.toMatch(/latest/);
  });

  it('mounts configuration files that exist and parse', () => {
    const files = profile.flatMap(([, service]) => mounted(service)).flatMap((mount) => filesUnder(mount));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) parses(file);
    // The secret Prometheus scrapes with has an empty default: no METRICS_TOKEN.
    expect(existsSync(path.join(ROOT, compose.secrets.metrics_token.file.replace(/^\$\{METRICS_TOKEN_FILE:-(.*)\}$/, '$1')))).toBe(true);
  });

  it("scrapes exactly the manifest's services on their ports, as npm run schema:compose writes it", () => {
    expect(readFileSync(PROMETHEUS_FILE, 'utf8')).toBe(prometheusConfigFor(manifest()));
    const config = parse(readFileSync(PROMETHEUS_FILE, 'utf8')) as {
      scrape_configs: { metrics_path: string; authorization: { credentials_file: string }; static_configs: { targets: string[] }[] }[];
    };
    const ports: Record<string, number> = { gateway: manifest().gateway.port, ...Object.fromEntries(moduleEntries().map((e) => [e.name, e.port])) };
    const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((s) => s.targets));
    expect(targets.sort()).toEqual(HUB_SERVICES.map((name) => `${name}:${ports[name]}`).sort());
    expect(config.scrape_configs.every((job) => job.metrics_path === '/metrics')).toBe(true);
    expect(compose.services.prometheus.secrets).toContain('metrics_token');
    expect(config.scrape_configs[0].authorization.credentials_file).toBe('/run/secrets/metrics_token');
  });

  it('provisions Prometheus and Jaeger as Grafana data sources and the hub dashboard on them', () => {
    const grafana = path.join(ROOT, 'deploy/observability/grafana');
    const sources = parse(readFileSync(path.join(grafana, 'provisioning/datasources/datasources.yaml'), 'utf8')) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(sources.datasources.map((source) => [source.type, source.url])).toEqual([
      ['prometheus', 'http://prometheus:9090'],
      ['jaeger', 'http://jaeger:16686'],
    ]);
    const dashboard = JSON.parse(readFileSync(path.join(grafana, 'dashboards/hub.json'), 'utf8')) as {
      panels: { title: string; targets: { datasource: { uid: string } }[] }[];
    };
    const uids = new Set(sources.datasources.map((source) => source.uid));
    for (const panel of dashboard.panels) for (const target of panel.targets) expect(uids.has(target.datasource.uid)).toBe(true);
    const titles = dashboard.panels.map((panel) => panel.title).join(' | ');
    for (const topic of [/Requests/, /errors.*code/, /latency p95 by operation/, /Subgraph call failures/, /pool/, /query time/])
      expect(titles).toMatch(topic);
    expect(dashboardMetricNames().length).toBeGreaterThan(5);
  });

  it('has the collector receive OTLP and export traces to Jaeger', () => {
    const collector = parse(readFileSync(path.join(ROOT, 'deploy/observability/otel-collector.yaml'), 'utf8')) as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      exporters: Record<string, { endpoint?: string }>;
      service: { pipelines: { traces: { receivers: string[]; exporters: string[] } } };
    };
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.service.pipelines.traces.receivers).toEqual(['otlp']);
    expect(collector.exporters['otlp/jaeger'].endpoint).toBe('jaeger:4317');
  });

  it.each(HUB_SERVICES)('gives %s OTEL_EXPORTER_OTLP_ENDPOINT only from the environment (tracing off by default)', (name) => {
    expect(compose.services[name].environment!.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
  });
});
