// The API schema clients see (schema/api.graphql, printed from the checked-in supergraph) and the
// reference dashboard's typed client generated from it by graphql-codegen's client preset: one home
// for both, used by `schema:compose` and `schema:codegen` to write them and by `schema:check` to
// find them stale or an operation that no longer validates.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { buildSchema, parse, printSchema, validate, type GraphQLSchema } from 'graphql';
import { apiSchemaOf } from './compatibility';
import { SCHEMA_DIR } from './supergraph';

const ROOT = path.dirname(SCHEMA_DIR);
export const API_SCHEMA_FILE = path.join(SCHEMA_DIR, 'api.graphql');
export const DASHBOARD_DIR = path.join(ROOT, 'dashboard');
const OPERATIONS_DIR = path.join(DASHBOARD_DIR, 'src', 'operations');
const GENERATED_DIR = 'dashboard/src/generated/';
/** Where the gateway looks for the dashboard's manifest by default (gateway/config.ts DASHBOARD_MANIFEST). */
const MANIFEST = 'dashboard/persisted-documents.json';

/** The API schema of a supergraph, as SDL: what a client may ask, without the federation directives. */
export function printApiSchema(supergraphSdl: string): string {
  return printSchema(apiSchemaOf(supergraphSdl)) + '\n';
}

/**
 * The dashboard's codegen config (README "Generating a typed client" shows a dashboard author the
 * same): types for every operation under dashboard/src/operations/, and a manifest of the
 * operations by the sha256 of their text, which the gateway's PERSISTED_OPERATIONS reads.
 */
export const DASHBOARD_CODEGEN: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: 'dashboard/src/operations/*.graphql',
  ignoreNoDocuments: false,
  generates: {
    [GENERATED_DIR]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};

/** The files codegen writes, relative to the repository root, with the manifest moved where the gateway reads it. */
export async function generateDashboardClient(): Promise<{ file: string; content: string }[]> {
  const files = (await generate({ ...DASHBOARD_CODEGEN, cwd: ROOT, silent: true, errorsOnly: true }, false)) as {
    filename: string;
    content: string;
  }[];
  return files.map(({ filename, content }) => {
    const file = path.relative(ROOT, path.resolve(ROOT, filename));
    return { file: file === `${GENERATED_DIR}persisted-documents.json` ? MANIFEST : file, content };
  });
}

/** Each dashboard operation's validation errors against `schema`, as "file: message". */
export function invalidOperations(schema: GraphQLSchema = buildSchema(readFileSync(API_SCHEMA_FILE, 'utf8'))): string[] {
  if (!existsSync(OPERATIONS_DIR)) return [];
  const problems: string[] = [];
  for (const name of readdirSync(OPERATIONS_DIR)
    .filter((entry) => entry.endsWith('.graphql'))
    .sort()) {
    const file = path.join(OPERATIONS_DIR, name);
    const where = path.relative(ROOT, file);
    try {
      for (const error of validate(schema, parse(readFileSync(file, 'utf8')))) problems.push(`${where}: ${error.message}`);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The generated files that differ from what codegen gives now (relative paths). */
export async function staleClientFiles(): Promise<string[]> {
  const expected = await generateDashboardClient();
  const stale = expected.filter(({ file, content }) => {
    const target = path.join(ROOT, file);
    return !existsSync(target) || readFileSync(target, 'utf8') !== content;
  });
  const known = new Set(expected.map(({ file }) => file));
  const generatedDir = path.join(ROOT, GENERATED_DIR);
  const extra = existsSync(generatedDir)
    ? readdirSync(generatedDir)
        .map((entry) => `${GENERATED_DIR}${entry}`)
        .filter((file) => !known.has(file))
    : [];
  return [...stale.map(({ file }) => file), ...extra];
}
