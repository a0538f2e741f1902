// What a supergraph change does to clients: compares the API schema (what clients can query, without
// the federation machinery) of a newly composed supergraph with a baseline supergraph, using
// @graphql-inspector/core, and sorts each change into breaking, dangerous or safe. A breaking change
// passes only when schema/intended-changes.json marks it as intended, with a reason a reviewer reads.
//
// Baselines (see `baselines`): the checked-in schema/supergraph.graphql in the working tree, and the
// same file at a git base revision: SCHEMA_BASE_REF when set; otherwise HEAD when the working tree's
// supergraph differs from HEAD's (a developer before committing), or the first parent of HEAD when it
// equals HEAD's (CI after a commit). Without git, or without a base, only the working-tree file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';

/** The checked-in file that marks breaking changes as intended. */
export const INTENDED_CHANGES_FILE = 'intended-changes.json';

const intendedChangesSchema = z.array(
  z
    .object({
      /** The change's schema coordinate as graphql-inspector reports it (`Type.field`, `Type.field.argument`). */
      path: z.string().min(1).optional(),
      /** The change's message exactly as graphql-inspector reports it. */
      message: z.string().min(1),
      /** Why clients can live with it (who was told, what replaces it). */
      reason: z.string().trim().min(1, 'needs a reason: why clients can live with this change'),
    })
    .strict(),
);

export type IntendedChange = z.infer<typeof intendedChangesSchema>[number];

export class IntendedChangesError extends Error {}

/** The entries of schema/intended-changes.json (none when the file is missing). */
export function readIntendedChanges(schemaDir: string): IntendedChange[] {
  const file = path.join(schemaDir, INTENDED_CHANGES_FILE);
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new IntendedChangesError(`schema/${INTENDED_CHANGES_FILE} is not JSON: ${(error as Error).message}`);
  }
  const parsed = intendedChangesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `entry ${issue.path.join('.')}: ` : ''}${issue.message}`);
    throw new IntendedChangesError(`schema/${INTENDED_CHANGES_FILE} must be a list of { "path", "message", "reason" }:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** The schema clients see through a supergraph: its API schema, as a graphql-js schema. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export type Verdict = 'breaking' | 'dangerous' | 'safe';

export interface Finding {
  verdict: Verdict;
  path?: string;
  message: string;
  /** graphql-inspector's explanation of why the change is breaking or dangerous, when it gives one. */
  why?: string;
  /** The entry of schema/intended-changes.json that marks this change, if any. */
  intended?: IntendedChange;
}

const VERDICTS: Record<CriticalityLevel, Verdict> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** Every change from `before` to `after` (both supergraph SDLs) in what clients see, marked intended where an entry matches. */
export async function compareSupergraphs(before: string, after: string, intended: readonly IntendedChange[] = []): Promise<Finding[]> {
  const changes: Change[] = await diff(apiSchemaOf(before), apiSchemaOf(after));
  return changes.map((change) => {
    const finding: Finding = { verdict: VERDICTS[change.criticality.level], path: change.path, message: change.message };
    if (change.criticality.reason) finding.why = change.criticality.reason;
    const mark = intended.find((entry) => entry.message === change.message && entry.path === change.path);
    if (mark) finding.intended = mark;
    return finding;
  });
}

/** The breaking changes no entry of schema/intended-changes.json marks. */
export function unmarkedBreaking(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.verdict === 'breaking' && !finding.intended);
}

/** One readable line per change: verdict, coordinate, message, and the intent when marked. */
export function formatFinding(finding: Finding): string {
  const coordinate = finding.path ?? '(schema)';
  const intent = finding.intended ? `  [intended: ${finding.intended.reason}]` : '';
  return `${finding.verdict.toUpperCase().padEnd(9)} ${coordinate}: ${finding.message}${intent}`;
}

/** Entries to paste into schema/intended-changes.json for `findings`, with the reason left for a person to write. */
export function intendedEntriesFor(findings: readonly Finding[]): string {
  return JSON.stringify(
    findings.map((finding) => ({ ...(finding.path ? { path: finding.path } : {}), message: finding.message, reason: '' })),
    null,
    2,
  );
}

export interface Baseline {
  /** Where the baseline comes from, for the report. */
  label: string;
  sdl: string;
}

export interface Baselines {
  baselines: Baseline[];
  /** What was not compared and why (no git, no base revision, no file at the base). */
  notes: string[];
}

export class BaseRevisionError extends Error {}

/** Runs git in `cwd`; undefined when it fails, with `missing` true when there is no git to run. */
function git(cwd: string, args: string[]): { out?: string; missing?: boolean } {
  try {
    return { out: execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 }) };
  } catch (error) {
    return { missing: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
}

function commitOf(cwd: string, ref: string): string | undefined {
  return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).out?.trim();
}

/** schema/supergraph.graphql at `commit`, undefined when the commit has no such file. */
function supergraphAt(cwd: string, commit: string): string | undefined {
  return git(cwd, ['show', `${commit}:./supergraph.graphql`]).out;
}

/**
 * The supergraphs to compare a newly composed one against: the working-tree file `schemaDir`/supergraph.graphql
 * (when it exists) and the same file at the git base revision (see the header of this file). A base
 * equal to the working-tree file is compared once. Throws BaseRevisionError when SCHEMA_BASE_REF is set
 * outside git or names no commit, since then the caller asked for a comparison that cannot be made.
 */
export function baselines(schemaDir: string, baseRef: string | undefined = process.env.SCHEMA_BASE_REF): Baselines {
  const result: Baselines = { baselines: [], notes: [] };
  const file = path.join(schemaDir, 'supergraph.graphql');
  const working = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (working !== undefined) result.baselines.push({ label: 'schema/supergraph.graphql (working tree)', sdl: working });
  else result.notes.push('there is no schema/supergraph.graphql in the working tree to compare against');

  const inside = git(schemaDir, ['rev-parse', '--is-inside-work-tree']);
  if (inside.out?.trim() !== 'true') {
    const why = inside.missing ? 'git is not installed' : 'this is not a git checkout';
    if (baseRef) throw new BaseRevisionError(`SCHEMA_BASE_REF=${baseRef} is set, but ${why}`);
    result.notes.push(`${why}: compared against the working-tree file only, not against a base revision`);
    return result;
  }

  let ref: string;
  let commit: string | undefined;
  if (baseRef) {
    ref = baseRef;
    commit = commitOf(schemaDir, ref);
    if (!commit) throw new BaseRevisionError(`SCHEMA_BASE_REF=${baseRef} is not a commit in this repository (fetch it, or unset SCHEMA_BASE_REF)`);
  } else {
    const head = commitOf(schemaDir, 'HEAD');
    if (!head) {
      result.notes.push('the repository has no commit yet: compared against the working-tree file only');
      return result;
    }
    const atHead = supergraphAt(schemaDir, head);
    if (atHead !== undefined && atHead === working) {
      ref = 'HEAD~1';
      commit = commitOf(schemaDir, 'HEAD~1');
      if (!commit) {
        result.notes.push(
          'schema/supergraph.graphql equals HEAD’s and HEAD has no parent here (first commit, or a shallow clone: set SCHEMA_BASE_REF): compared against the working-tree file only',
        );
        return result;
      }
    } else {
      ref = 'HEAD';
      commit = head;
    }
  }

  const label = `schema/supergraph.graphql at ${ref} (${commit.slice(0, 12)})`;
  const sdl = supergraphAt(schemaDir, commit);
  if (sdl === undefined) result.notes.push(`${label} does not exist: nothing to compare against there`);
  else if (sdl === working) result.notes.push(`${label} equals the working-tree file`);
  else result.baselines.push({ label, sdl });
  return result;
}
