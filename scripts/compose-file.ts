// The parts of docker-compose.yml that follow from the manifest (schema/subgraphs.json), rewritten in
// place with the yaml package's Document API, which keeps the comments and everything else as written:
//   - a service per subgraph built on our kernel (a `module` entry), on its port, as its own
//     database role, with its password secret and a readiness check;
//   - the `<NAME>_URL` of every enabled subgraph, for the subgraphs (x-subgraph) and the gateway
//     (a service built elsewhere, an `sdl` entry, at its manifest URL);
//   - the password secrets, what db-roles creates, and what the gateway waits for;
//   - deploy/observability/prometheus.yml: the observability profile's scrape of every service's /metrics.
// `npm run schema:compose` writes the files; `npm run schema:check` fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isAlias, isMap, isScalar, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { REPO_ROOT, type Manifest, type SubgraphEntry } from '../platform/manifest';

export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
export const PROMETHEUS_FILE = path.join(REPO_ROOT, 'deploy', 'observability', 'prometheus.yml');
/** Where Prometheus's container finds the METRICS_TOKEN it scrapes with (the compose secret). */
const METRICS_TOKEN_SECRET = '/run/secrets/metrics_token';

/** The anchors of docker-compose.yml the generated services merge: the subgraph template and its environment. */
const SUBGRAPH_ANCHOR = 'subgraph';
const SUBGRAPH_ENV_ANCHOR = 'subgraph-env';

/** `<NAME>_URL` of a subgraph: manifest names are [a-z][a-z0-9]*, so a single word before _URL. */
const SUBGRAPH_URL = /^(?!DATABASE_URL$)[A-Z][A-Z0-9]*_URL$/;

const upper = (name: string) => name.toUpperCase();
const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE });
const flowSeq = (doc: Document, items: (string | Scalar)[]) => Object.assign(doc.createNode(items) as YAMLSeq, { flow: true });

/** Where a service inside compose reaches a subgraph: its compose service, or a service built elsewhere at its manifest URL. */
function composeUrl(entry: SubgraphEntry): string {
  return entry.module === undefined ? entry.url : `http://${entry.name}:${entry.port}/graphql`;
}

function mapAt(doc: Document, keys: string[]): YAMLMap {
  const node = doc.getIn(keys, true);
  if (!isMap(node)) throw new Error(`docker-compose.yml: ${keys.join('.')} must be a map`);
  return node;
}

const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/**
 * Replaces the pairs of `map` whose key `generated` picks by `pairs`, at the place of the first one
 * (else at `fallback`, or the end), keeping the comment written above the first one.
 */
function replacePairs(map: YAMLMap, generated: (key: string) => boolean, pairs: Pair[], fallback?: number): void {
  const first = map.items.findIndex((pair) => generated(keyOf(pair as Pair)));
  const comment = first >= 0 ? ((map.items[first] as Pair).key as Scalar | undefined)?.commentBefore : undefined;
  map.items = map.items.filter((pair) => !generated(keyOf(pair as Pair)));
  const at = first >= 0 ? first : (fallback ?? map.items.length);
  if (comment && pairs[0] && isScalar(pairs[0].key)) pairs[0].key.commentBefore = comment;
  map.items.splice(at, 0, ...pairs);
}

const pair = (doc: Document, key: string, value: unknown) => doc.createPair(key, value) as Pair<Scalar>;

/** The service of one subgraph built on our kernel. */
function subgraphService(doc: Document, entry: SubgraphEntry, template: YAMLMap, templateEnv: YAMLMap): YAMLMap {
  const service = new YAMLMap();
  service.items.push(new Pair(new Scalar('<<'), doc.createAlias(template, SUBGRAPH_ANCHOR)));
  service.items.push(new Pair(new Scalar('command'), flowSeq(doc, ['node', 'dist/scripts/start-service.js', entry.name].map(quoted))));
  const environment = new YAMLMap();
  environment.items.push(new Pair(new Scalar('<<'), doc.createAlias(templateEnv, SUBGRAPH_ENV_ANCHOR)));
  environment.items.push(new Pair(new Scalar('PORT'), quoted(String(entry.port))));
  environment.items.push(pair(doc, 'DATABASE_URL', `postgres://hub_${entry.name}@postgres:5432/hub`));
  environment.items.push(pair(doc, 'DATABASE_PASSWORD_FILE', `/run/secrets/db_password_${entry.name}`));
  service.items.push(new Pair(new Scalar('environment'), environment));
  service.items.push(new Pair(new Scalar('secrets'), flowSeq(doc, ['hub-gateway-jwks', `db_password_${entry.name}`])));
  const ready = `fetch('http://127.0.0.1:${entry.port}/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
  const healthcheck = new YAMLMap();
  healthcheck.items.push(new Pair(new Scalar('test'), flowSeq(doc, ['CMD', 'node', '-e', ready].map(quoted))));
  for (const [key, value] of [
    ['interval', '10s'],
    ['timeout', '5s'],
    ['retries', 12],
  ] as const)
    healthcheck.items.push(pair(doc, key, value));
  service.items.push(new Pair(new Scalar('healthcheck'), healthcheck));
  return service;
}

/** docker-compose.yml's text with its generated parts following `manifest`. */
export function composeFileFor(text: string, manifest: Manifest): string {
  const doc = parseDocument(text);
  const kernel = manifest.subgraphs.filter((entry) => entry.module !== undefined);
  const kernelNames = new Set(kernel.map((entry) => entry.name));
  const template = mapAt(doc, ['x-subgraph']);
  const templateEnv = mapAt(doc, ['x-subgraph', 'environment']);
  if (template.anchor !== SUBGRAPH_ANCHOR || templateEnv.anchor !== SUBGRAPH_ENV_ANCHOR)
    throw new Error(`docker-compose.yml: x-subgraph must be anchored &${SUBGRAPH_ANCHOR} and its environment &${SUBGRAPH_ENV_ANCHOR}`);
  const urls = () => manifest.subgraphs.map((entry) => pair(doc, `${upper(entry.name)}_URL`, composeUrl(entry)));

  // Where the services find every subgraph.
  replacePairs(templateEnv, (key) => SUBGRAPH_URL.test(key), urls());
  replacePairs(mapAt(doc, ['services', 'gateway', 'environment']), (key) => SUBGRAPH_URL.test(key), urls());

  // A password file per subgraph role, after the database owner's.
  const secrets = mapAt(doc, ['secrets']);
  replacePairs(
    secrets,
    (key) => key.startsWith('db_password_'),
    kernel.map((entry) => pair(doc, `db_password_${entry.name}`, { file: `./secrets/db_password_${entry.name}` })),
    1,
  );

  // db-roles creates each subgraph's role with the password the subgraph reads.
  const roles = mapAt(doc, ['services', 'db-roles']);
  replacePairs(
    mapAt(doc, ['services', 'db-roles', 'environment']),
    (key) => /^DATABASE_(URL|PASSWORD_FILE)_[A-Z0-9]+$/.test(key),
    kernel.flatMap((entry) => [
      pair(doc, `DATABASE_URL_${upper(entry.name)}`, `postgres://hub_${entry.name}@postgres:5432/hub`),
      pair(doc, `DATABASE_PASSWORD_FILE_${upper(entry.name)}`, `/run/secrets/db_password_${entry.name}`),
    ]),
  );
  roles.set('secrets', flowSeq(doc, ['postgres_password', ...kernel.map((entry) => `db_password_${entry.name}`)]));

  // The subgraph services, before the gateway.
  const services = mapAt(doc, ['services']);
  const isSubgraphService = (key: string) => {
    const service = services.get(key, true);
    return kernelNames.has(key) || (isMap(service) && service.items.some((p) => isAlias(p.value) && p.value.source === SUBGRAPH_ANCHOR));
  };
  const gatewayAt = services.items.findIndex((p) => keyOf(p as Pair) === 'gateway');
  replacePairs(
    services,
    isSubgraphService,
    // A blank line before each service, as between the hand-written ones.
    kernel.map((entry) => new Pair(Object.assign(new Scalar(entry.name), { spaceBefore: true }), subgraphService(doc, entry, template, templateEnv))),
    gatewayAt >= 0 ? gatewayAt : undefined,
  );
  // The gateway waits for each subgraph's container to start, not to be healthy: it serves the
  // checked-in supergraph, and a subgraph not ready yet (or down later) only degrades the answers
  // that need it (README "What a client sees when part of the graph is down").
  const dependsOn = new YAMLMap();
  for (const entry of kernel)
    dependsOn.items.push(pair(doc, entry.name, Object.assign(doc.createNode({ condition: 'service_started' }), { flow: true })));
  mapAt(doc, ['services', 'gateway']).set('depends_on', dependsOn);

  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** The compose services Prometheus scrapes: the gateway and each subgraph built on our kernel, as host:port. */
export function scrapeTargets(manifest: Manifest): string[] {
  return [
    `gateway:${manifest.gateway.port}`,
    ...manifest.subgraphs.filter((entry) => entry.module !== undefined).map((entry) => `${entry.name}:${entry.port}`),
  ];
}

/** deploy/observability/prometheus.yml for `manifest`. */
export function prometheusConfigFor(manifest: Manifest): string {
  const doc = new Document({
    global: { scrape_interval: '15s', evaluation_interval: '15s' },
    scrape_configs: [
      {
        job_name: 'hub',
        metrics_path: '/metrics',
        // The file is empty unless METRICS_TOKEN_FILE named one (docker-compose.yml's metrics_token secret).
        authorization: { type: 'Bearer', credentials_file: METRICS_TOKEN_SECRET },
        static_configs: [{ targets: scrapeTargets(manifest) }],
      },
    ],
  });
  doc.commentBefore =
    ' The observability profile\'s Prometheus: every service\'s GET /metrics (README "Request logs and metrics").\n' +
    ' Written by `npm run schema:compose` from schema/subgraphs.json (scripts/compose-file.ts): do not edit.';
  return doc.toString({ lineWidth: 0 });
}

const current = (file: string, wanted: string) => readFileSync(file, 'utf8') === wanted;

/** Whether the checked-in docker-compose.yml and prometheus.yml follow `manifest`. */
export function composeFileIsCurrent(manifest: Manifest): boolean {
  return (
    current(COMPOSE_FILE, composeFileFor(readFileSync(COMPOSE_FILE, 'utf8'), manifest)) && current(PROMETHEUS_FILE, prometheusConfigFor(manifest))
  );
}

/** Rewrites docker-compose.yml and prometheus.yml to follow `manifest`. */
export function writeComposeFile(manifest: Manifest): void {
  writeFileSync(COMPOSE_FILE, composeFileFor(readFileSync(COMPOSE_FILE, 'utf8'), manifest));
  writeFileSync(PROMETHEUS_FILE, prometheusConfigFor(manifest));
}
