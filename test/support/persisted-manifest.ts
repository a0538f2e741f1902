// A persisted-operation manifest for a test's gateway (PERSISTED_OPERATIONS), written as
// graphql-codegen's client preset writes one: `{ "<sha256 hex of the text>": "<text>" }`.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../gateway/persisted-operations';

/** Writes the manifest of `operations` into `dir` and returns its path. */
export function writePersistedManifest(dir: string, operations: readonly string[]): string {
  const file = path.join(dir, 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(Object.fromEntries(operations.map((text) => [sha256Hex(text), text]))));
  return file;
}
