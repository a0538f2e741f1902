// `npm run subgraph:new -- --name cewarn --org IGAD [--port 4006] [--dir partners-contrib/igad-cewarn]`:
// writes a partner subgraph built on the hub's kernel, of the same shape as ours (entities,
// resolvers, loaders, migrations, seed, schema, index, a test), already contributing
// Country.<name>Reports and Situation.<name>Reports under the kernel's policy, and adds its entry to
// the manifest (schema/subgraphs.json, or HUB_MANIFEST's file). Nothing else is touched.
//
// The files come from the templates in scripts/subgraph-template/ (one source of truth: the worked
// example partners-contrib/igad-cewarn is these templates rendered for cewarn and IGAD, plus its own
// illustrative data; test/unit/subgraph-template.test.ts holds them together).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { manifestPath, parseManifest, ManifestError } from '../platform/manifest';
import { PARTNERS, type PartnerRecord } from '../subgraphs/partners/data/partners';
import { ILLUSTRATIVE_SITUATIONS } from '../subgraphs/situations/data/illustrative';

/** The templates' folder, in the sources whether this runs from them or from dist/. */
export const TEMPLATE_DIR = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../scripts' : '.', 'subgraph-template');

/** What the placeholders `__name__`, `__ORG__`, ... of the templates stand for; a null value drops the lines holding it. */
export type TemplateValues = Record<string, string | null>;

export class ScaffoldError extends Error {}

/** The placeholders for a subgraph `name` of organisation `org` in `folder` (relative to the repository root, with /). */
export function templateValues(name: string, partner: PartnerRecord, folder: string, timestamp: number): TemplateValues {
  const members = [...new Set(partner.memberships.filter((m) => m.validTo === null && m.status === 'MEMBER').map((m) => m.iso3))];
  const countries = members.length > 0 ? members : partner.headquartersIso3 ? [partner.headquartersIso3] : [ILLUSTRATIVE_SITUATIONS[0].countryIso3];
  // A member state with an illustrative situation, if there is one, so Situation.<name>Reports has reports to show.
  const situation = ILLUSTRATIVE_SITUATIONS.find((s) => countries.includes(s.countryIso3));
  const first = situation?.countryIso3 ?? countries[0];
  const second = countries.find((c) => c !== first) ?? first;
  const depth = folder.split('/').length;
  return {
    __name__: name,
    __Name__: name[0].toUpperCase() + name.slice(1),
    __NAME__: name.toUpperCase(),
    __ORG__: partner.code,
    __org__: partner.code.toLowerCase(),
    __DIR__: folder,
    __ENTRY__: `${'../'.repeat(depth)}dist/${folder}/index.js`,
    __TIMESTAMP__: String(timestamp),
    __COUNTRY1__: first,
    __COUNTRY2__: second,
    __SITUATION__: situation?.key ?? null,
    __SHARED_WITH__: partner.code === 'UN-JO' ? 'AU' : 'UN-JO',
  };
}

function substitute(text: string, values: TemplateValues): string {
  const lines = text.split('\n').filter((line) => !Object.entries(values).some(([key, value]) => value === null && line.includes(key)));
  let result = lines.join('\n');
  for (const [key, value] of Object.entries(values)) if (value !== null) result = result.split(key).join(value);
  return result;
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      return statSync(full).isDirectory() ? templateFiles(full, `${prefix}${entry}/`) : entry.endsWith('.template') ? [`${prefix}${entry}`] : [];
    });
}

/** Every file of the new subgraph: its path in the folder (with /) and its text, TypeScript formatted as `npm run lint` wants. */
export async function renderSubgraph(values: TemplateValues): Promise<Map<string, string>> {
  const config = (await prettier.resolveConfig(path.join(TEMPLATE_DIR, 'index.ts'))) ?? {};
  const files = new Map<string, string>();
  for (const template of templateFiles(TEMPLATE_DIR)) {
    const file = substitute(template.replace(/\.template$/, ''), values);
    let text = substitute(readFileSync(path.join(TEMPLATE_DIR, template), 'utf8'), values);
    if (file.endsWith('.ts')) text = await prettier.format(text, { ...config, filepath: file });
    files.set(file, text);
  }
  return files;
}

/** Where the `subgraphs` list of a manifest's text closes: the index of its `]`, or -1. */
function endOfList(text: string): number {
  const key = /"subgraphs"\s*:\s*\[/.exec(text);
  if (!key) return -1;
  let depth = 0;
  let inString = false;
  for (let i = key.index + key[0].length - 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i;
  }
  return -1;
}

/**
 * Appends `entry` to the manifest's `subgraphs` list as one more line like the others, keeping the
 * rest of the file as it is; falls back to JSON.stringify when the file is laid out otherwise.
 */
export function appendEntry(text: string, entry: Record<string, unknown>): string {
  const raw = JSON.parse(text) as { subgraphs: unknown[] };
  const expected = JSON.stringify({ ...raw, subgraphs: [...raw.subgraphs, entry] });
  const line = `{ ${Object.entries(entry)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value).replace(/","/g, '", "')}`)
    .join(', ')} }`;
  const end = endOfList(text);
  const last = text.lastIndexOf('}', end);
  if (end > 0 && last > 0) {
    const lineStart = text.lastIndexOf('\n', text.lastIndexOf('{', last)) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const candidate = `${text.slice(0, last + 1)},\n${indent}${line}${text.slice(last + 1)}`;
    try {
      if (JSON.stringify(JSON.parse(candidate)) === expected) return candidate;
    } catch {
      // Not the layout looked for: rewrite the whole file below.
    }
  }
  return JSON.stringify(JSON.parse(expected), null, 2) + '\n';
}

export interface ScaffoldOptions {
  name?: string;
  org?: string;
  port?: string;
  dir?: string;
  /** The manifest to add the entry to; its folder's parent is the repository root the folder must be in. */
  manifestFile: string;
  cwd: string;
  now?: number;
}

export interface Scaffolded {
  name: string;
  org: string;
  port: number;
  /** The new folder, relative to the repository root. */
  folder: string;
  root: string;
  files: string[];
}

/** Checks the options, then writes the folder and the manifest entry; a ScaffoldError says what is wrong and changes nothing. */
export async function scaffold(options: ScaffoldOptions): Promise<Scaffolded> {
  const { name, org } = options;
  if (!name) throw new ScaffoldError('--name is required: the subgraph name, lowercase letters and digits, e.g. --name cewarn');
  if (!/^[a-z][a-z0-9]*$/.test(name))
    throw new ScaffoldError(
      `--name ${JSON.stringify(name)}: must be lowercase letters and digits, starting with a letter (it names the service, its token audience, its database schema and its <NAME>_URL variables)`,
    );
  if (!org) throw new ScaffoldError('--org is required: the code of the organisation that owns the subgraph, e.g. --org IGAD');
  const partner = PARTNERS.find((p) => p.code.toLowerCase() === org.toLowerCase());
  if (!partner)
    throw new ScaffoldError(`--org ${JSON.stringify(org)}: no such organisation in the hub; its codes are ${PARTNERS.map((p) => p.code).join(', ')}`);

  const manifestText = readFileSync(options.manifestFile, 'utf8');
  const current = parseManifest(JSON.parse(manifestText), options.manifestFile);
  const raw = JSON.parse(manifestText) as { gateway: { port: number }; subgraphs: { name: string; port: number }[] };
  if (raw.subgraphs.some((s) => s.name === name))
    throw new ScaffoldError(`--name ${name}: the manifest ${options.manifestFile} already lists a subgraph ${name}`);

  let port: number;
  if (options.port === undefined) port = Math.max(current.gateway.port, ...raw.subgraphs.map((s) => s.port)) + 1;
  else if (/^\d+$/.test(options.port) && Number(options.port) >= 1 && Number(options.port) <= 65535) port = Number(options.port);
  else throw new ScaffoldError(`--port ${JSON.stringify(options.port)}: must be a whole number from 1 to 65535`);

  const root = path.resolve(path.dirname(options.manifestFile), '..');
  const dir = path.resolve(options.cwd, options.dir ?? path.join(root, 'partners-contrib', `${partner.code.toLowerCase()}-${name}`));
  const folder = path.relative(root, dir).split(path.sep).join('/');
  if (folder === '' || folder.startsWith('..') || path.isAbsolute(folder))
    throw new ScaffoldError(`--dir ${dir}: must be a folder inside the repository (${root}), which the manifest names it relative to`);
  if (existsSync(dir)) throw new ScaffoldError(`--dir ${folder}: already exists; choose another folder or remove it`);

  const entry = { name, port, module: folder, calls: ['partners'] };
  const updated = appendEntry(manifestText, entry);
  // The manifest's own rules (reserved names, a port already taken, an unknown peer), before anything is written.
  try {
    parseManifest(JSON.parse(updated), options.manifestFile);
  } catch (error) {
    if (error instanceof ManifestError) throw new ScaffoldError(`the new entry would not be valid: ${error.message}`);
    throw error;
  }

  const files = await renderSubgraph(templateValues(name, partner, folder, options.now ?? Date.now()));
  try {
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text, { flag: 'wx' });
    }
    writeFileSync(options.manifestFile, updated);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { name, org: partner.code, port, folder, root, files: [...files.keys()] };
}

function nextSteps(made: Scaffolded, manifestFile: string, cwd: string): string {
  const manifest = path.relative(cwd, manifestFile) || manifestFile;
  const test = [...made.files].find((f) => f.startsWith('test/'));
  return [
    `Wrote ${made.folder}/ (${made.files.length} files): the ${made.name} subgraph of ${made.org}, contributing Country.${made.name}Reports and Situation.${made.name}Reports.`,
    `Added ${made.name} to ${manifest} (port ${made.port}, module ${made.folder}, calls partners).`,
    '',
    'Next:',
    '  npm install                                      # links the new workspace package under node_modules/',
    `  npm run schema:print && npm run schema:compose   # writes schema/${made.name}.graphql and composes the supergraph with it`,
    `  npm run test:one -- ${made.folder}/${test}`,
    `  npm start                                        # starts it with the others, on port ${made.port}`,
    `Then commit ${made.folder}/, the manifest and the schema files. README "Adding a partner subgraph" says what to change next.`,
  ].join('\n');
}

async function main(): Promise<void> {
  let values: { name?: string; org?: string; port?: string; dir?: string };
  try {
    values = parseArgs({
      options: { name: { type: 'string' }, org: { type: 'string' }, port: { type: 'string' }, dir: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(
      `${(error as Error).message}\nusage: npm run subgraph:new -- --name <name> --org <organisation code> [--port <port>] [--dir <folder>]`,
    );
    process.exit(2);
  }
  const manifestFile = manifestPath();
  try {
    const made = await scaffold({ ...values, manifestFile, cwd: process.cwd() });
    console.log(nextSteps(made, manifestFile, process.cwd()));
  } catch (error) {
    if (error instanceof ScaffoldError || error instanceof ManifestError) {
      console.error(`subgraph:new: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
