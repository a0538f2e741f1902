// The subgraph manifest, schema/subgraphs.json: the one list of the hub's services. Every subgraph's
// name, default port, supergraph URL, where its SDL comes from (printed from the `module` built on
// our kernel, or the `sdl` file of a service built elsewhere), and the peers it may call on a
// viewer's behalf. Ports, peer lists, the gateway's <NAME>_URL overrides, `npm start`, the schema
// commands, docker-compose.yml and the tests all read it through this module, which validates it.
// HUB_MANIFEST may name another manifest file (tests use it to add an entry; a partner's subgraph
// built on the kernel as a package, outside this repository, needs it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository root, whether running from the sources or from dist/. */
export const REPO_ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../..' : '..');

/** The manifest checked in with the code. */
export const DEFAULT_MANIFEST_PATH = path.join(REPO_ROOT, 'schema', 'subgraphs.json');

const NAME = /^[a-z][a-z0-9]*$/;
/** Names whose variables or compose services would collide with the hub's own (GATEWAY_PORT, DATABASE_URL, SUBGRAPH_TIMEOUT_MS, ...). */
const RESERVED = ['gateway', 'database', 'subgraph', 'postgres', 'admin', 'hub'];

/** A path inside the repository, written relative to its root with forward slashes. */
const repoPath = z
  .string()
  .min(1)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\\'), {
    message: 'must be a path relative to the repository root, with / and without ..',
  });

const port = z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1).max(65535);

const entrySchema = z
  .object({
    name: z
      .string({ required_error: 'is required' })
      .regex(NAME, 'must be lowercase letters and digits, starting with a letter')
      .refine((name) => !RESERVED.includes(name), { message: `must not be one of ${RESERVED.join(', ')} (the hub's own variables use them)` }),
    port,
    url: z
      .string()
      .url('must be a URL')
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .optional(),
    module: repoPath.optional(),
    sdl: repoPath.optional(),
    calls: z.array(z.string()).default([]),
    enabled: z.boolean().default(true),
  })
  .strict();

const manifestSchema = z
  .object({
    gateway: z.object({ port }).strict(),
    subgraphs: z.array(entrySchema).min(1, 'must list at least one subgraph'),
  })
  .strict();

export type SubgraphEntry = Omit<z.infer<typeof entrySchema>, 'url'> & {
  /** The URL written into the supergraph: the manifest's, or http://localhost:<port>/graphql. */
  url: string;
};

export interface Manifest {
  /** The file it was read from. */
  file: string;
  gateway: { port: number };
  /** The enabled subgraphs, in the manifest's order. */
  subgraphs: SubgraphEntry[];
}

export class ManifestError extends Error {}

/** `subgraphs[2] ("training").port` for an issue's path, naming the entry when it has a name. */
function where(issuePath: (string | number)[], raw: unknown): string {
  const [section, index, ...rest] = issuePath;
  if (section === 'subgraphs' && typeof index === 'number') {
    const name = (raw as { subgraphs?: { name?: unknown }[] })?.subgraphs?.[index]?.name;
    const entry = `subgraphs[${index}]${typeof name === 'string' ? ` (${JSON.stringify(name)})` : ''}`;
    return [entry, ...rest].join('.');
  }
  return issuePath.join('.') || '(top level)';
}

/** Validates a parsed manifest; throws a ManifestError listing every problem, each naming its entry and field. */
export function parseManifest(raw: unknown, file = DEFAULT_MANIFEST_PATH): Manifest {
  const label = path.relative(REPO_ROOT, file) || file;
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
      return `${where(issue.path, raw)}: ${message}`;
    });
    throw new ManifestError(`${label}: ${problems.join('; ')}`);
  }
  const { gateway, subgraphs } = parsed.data;
  const problems: string[] = [];
  const at = (index: number, field?: string) => `subgraphs[${index}] (${JSON.stringify(subgraphs[index].name)})${field ? `.${field}` : ''}`;
  const enabled = new Set(subgraphs.filter((s) => s.enabled).map((s) => s.name));
  const names = new Map<string, number>();
  const ports = new Map<number, string>([[gateway.port, 'the gateway']]);
  subgraphs.forEach((entry, index) => {
    const first = names.get(entry.name);
    if (first !== undefined) problems.push(`${at(index, 'name')}: duplicate name, also subgraphs[${first}]`);
    else names.set(entry.name, index);
    if (entry.module !== undefined && entry.sdl !== undefined) problems.push(`${at(index)}: give either module or sdl, not both`);
    if (entry.module === undefined && entry.sdl === undefined)
      problems.push(`${at(index)}: give module (a subgraph built on our kernel) or sdl (the SDL file of a service built elsewhere)`);
    if (entry.sdl !== undefined && entry.url === undefined) problems.push(`${at(index, 'url')}: is required with sdl (where the service answers)`);
    if (!entry.enabled) return;
    const taken = ports.get(entry.port);
    if (taken !== undefined) problems.push(`${at(index, 'port')}: duplicate port ${entry.port}, also ${taken}`);
    else ports.set(entry.port, at(index));
    for (const peer of entry.calls) {
      if (peer === entry.name) problems.push(`${at(index, 'calls')}: a subgraph does not call itself`);
      else if (!names.has(peer) && !subgraphs.some((s) => s.name === peer))
        problems.push(`${at(index, 'calls')}: unknown subgraph ${JSON.stringify(peer)}`);
      else if (!enabled.has(peer)) problems.push(`${at(index, 'calls')}: subgraph ${JSON.stringify(peer)} is disabled`);
    }
  });
  if (problems.length > 0) throw new ManifestError(`${label}: ${problems.join('; ')}`);
  return {
    file,
    gateway,
    subgraphs: subgraphs.filter((s) => s.enabled).map((s) => ({ ...s, url: s.url ?? `http://localhost:${s.port}/graphql` })),
  };
}

/** Reads and validates a manifest file. */
export function readManifest(file: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // The kernel as a package (README "The kernel as a package") has no schema/subgraphs.json of its own.
    const hint = file === DEFAULT_MANIFEST_PATH ? "; outside the hub's repository set HUB_MANIFEST to the hub's manifest file" : '';
    throw new ManifestError(`cannot read the subgraph manifest ${file}: ${(error as Error).message}${hint}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseManifest(raw, file);
}

/** The manifest in use: HUB_MANIFEST's file (relative to the working directory), else schema/subgraphs.json. */
export function manifestPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_MANIFEST ? path.resolve(env.HUB_MANIFEST) : DEFAULT_MANIFEST_PATH;
}

let cached: Manifest | undefined;

/** The manifest in use, read once per file (a changed HUB_MANIFEST is read afresh). */
export function manifest(): Manifest {
  const file = manifestPath();
  if (cached?.file !== file) cached = readManifest(file);
  return cached;
}

/** The enabled subgraphs. */
export function subgraphEntries(): SubgraphEntry[] {
  return manifest().subgraphs;
}

/** The enabled subgraphs' names, in the manifest's order. */
export function subgraphNames(): string[] {
  return subgraphEntries().map((s) => s.name);
}

/** The enabled subgraph called `name`, or a clear error naming the ones there are. */
export function subgraphEntry(name: string): SubgraphEntry {
  const entry = subgraphEntries().find((s) => s.name === name);
  if (!entry) throw new ManifestError(`no enabled subgraph ${JSON.stringify(name)} in ${manifest().file} (there are: ${subgraphNames().join(', ')})`);
  return entry;
}

/** The enabled subgraphs built on our kernel (with a `module`): the ones `npm start` runs and whose SDL is printed from code. */
export function moduleEntries(): (SubgraphEntry & { module: string })[] {
  return subgraphEntries().filter((s): s is SubgraphEntry & { module: string } => s.module !== undefined);
}

/** A subgraph's default port (`<NAME>_PORT` overrides it where a tool starts services). */
export function defaultPortOf(name: string): number {
  return subgraphEntry(name).port;
}

/** Where a peer answers when <NAME>_URL is not set: its manifest URL for a service built elsewhere, else our loopback port. */
export function defaultPeerUrl(name: string): string {
  const entry = subgraphEntry(name);
  return entry.module === undefined ? entry.url : `http://127.0.0.1:${entry.port}/graphql`;
}

/** Each subgraph's `calls`: the peers it may call on a viewer's behalf. */
export function peerCalls(): Record<string, readonly string[]> {
  return Object.fromEntries(subgraphEntries().map((s) => [s.name, s.calls]));
}
