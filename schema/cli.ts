// `npm run schema:print | schema:compose | schema:codegen | schema:check`.
//   print:   writes schema/<subgraph>.graphql from the code, for every manifest entry with a `module`
//   compose: writes schema/supergraph.graphql (and its API schema, schema/api.graphql) from those files and the `sdl` entries' own files, unless
//            that would bring in a breaking change for clients that schema/intended-changes.json does
//            not mark as intended, and the parts of docker-compose.yml that follow the manifest
//            (scripts/compose-file.ts)
//   codegen: writes the dashboard's typed client, dashboard/src/generated/ and dashboard/persisted-documents.json,
//            from its operations and schema/api.graphql (client-codegen.ts)
//   check:   fails when the checked-in files differ from what the code and the manifest give,
//            composition fails, a field another subgraph resolves could take its parent down with it
//            (degradation.ts), or the supergraph the code composes has an unmarked breaking change
//            against the checked-in supergraph or the one at the git base revision (compatibility.ts),
//            or the dashboard's operations no longer validate or its generated client is stale
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { buildSchema } from 'graphql';
import path from 'node:path';
import {
  INTENDED_CHANGES_FILE,
  baselines,
  compareSupergraphs,
  formatFinding,
  intendedEntriesFor,
  readIntendedChanges,
  unmarkedBreaking,
  type Baseline,
  type Finding,
  type IntendedChange,
} from './compatibility';
import { degradationProblems } from './degradation';
import { manifest } from '../platform/manifest';
import { composeFileIsCurrent, writeComposeFile } from '../scripts/compose-file';
import { API_SCHEMA_FILE, generateDashboardClient, invalidOperations, printApiSchema, staleClientFiles } from './client-codegen';
import { SCHEMA_DIR, checkedInSdls, compose, printSubgraphs } from './supergraph';

const file = (name: string) => path.join(SCHEMA_DIR, name);

/** Prints every change from `baseline` to `composed`, and returns them. */
async function report(baseline: Baseline, composed: string, intended: readonly IntendedChange[]): Promise<Finding[]> {
  const findings = await compareSupergraphs(baseline.sdl, composed, intended);
  if (findings.length === 0) console.log(`changes for clients against ${baseline.label}: none`);
  else console.log(`changes for clients against ${baseline.label}:\n  ${findings.map(formatFinding).join('\n  ')}`);
  return findings;
}

/** The breaking changes, once per coordinate and message, with how to mark them. */
function refuse(breaking: readonly Finding[], what: string): void {
  const unique = [...new Map(breaking.map((f) => [`${f.path} ${f.message}`, f])).values()];
  console.error(
    `${unique.length} breaking change(s) for clients not marked as intended; ${what}.\n  ${unique.map(formatFinding).join('\n  ')}\n` +
      `If they are intended, add these entries to schema/${INTENDED_CHANGES_FILE}, each with the reason clients can live with it, and commit the file:\n` +
      intendedEntriesFor(unique),
  );
}

async function main(command: string | undefined): Promise<number> {
  if (command === 'print') {
    const printed = await printSubgraphs();
    for (const [name, sdl] of Object.entries(printed)) writeFileSync(file(`${name}.graphql`), sdl);
    console.log(
      `wrote ${Object.keys(printed)
        .map((name) => `schema/${name}.graphql`)
        .join(', ')}`,
    );
    return 0;
  }
  if (command === 'compose') {
    const supergraph = compose(checkedInSdls());
    const target = file('supergraph.graphql');
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current !== undefined && current !== supergraph) {
      // The working-tree file only: `schema:check` also compares against the git base revision.
      const intended = readIntendedChanges(SCHEMA_DIR);
      let breaking: Finding[] | undefined;
      try {
        breaking = unmarkedBreaking(await report({ label: 'schema/supergraph.graphql', sdl: current }, supergraph, intended));
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        // A file that is no supergraph (a merge conflict in it, say) is replaced; schema:check still compares against git.
        console.error(`schema/supergraph.graphql is not a supergraph to compare against (${error.message.split('\n')[0]}); replacing it`);
      }
      if (breaking && breaking.length > 0) {
        refuse(breaking, 'schema/supergraph.graphql is left as it was');
        return 1;
      }
    }
    writeFileSync(target, supergraph);
    writeFileSync(API_SCHEMA_FILE, printApiSchema(supergraph));
    writeComposeFile(manifest());
    console.log('wrote schema/supergraph.graphql, schema/api.graphql, docker-compose.yml');
    return 0;
  }
  if (command === 'codegen') {
    const invalid = invalidOperations();
    if (invalid.length > 0) {
      console.error(`the dashboard's operations do not validate against schema/api.graphql:\n  ${invalid.join('\n  ')}`);
      return 1;
    }
    const files = await generateDashboardClient();
    for (const { file, content } of files) {
      mkdirSync(path.dirname(path.join(SCHEMA_DIR, '..', file)), { recursive: true });
      writeFileSync(path.join(SCHEMA_DIR, '..', file), content);
    }
    console.log(`wrote ${files.map(({ file }) => file).join(', ')}`);
    return 0;
  }
  if (command === 'check') {
    const printed = await printSubgraphs();
    const problems: string[] = [];
    const stale: string[] = [];
    for (const [name, sdl] of Object.entries(printed)) {
      const target = file(`${name}.graphql`);
      if (!existsSync(target) || readFileSync(target, 'utf8') !== sdl) stale.push(`schema/${name}.graphql`);
    }
    const supergraph = compose(printed);
    const target = file('supergraph.graphql');
    if (!existsSync(target) || readFileSync(target, 'utf8') !== supergraph) stale.push('schema/supergraph.graphql');
    const api = printApiSchema(supergraph);
    if (!existsSync(API_SCHEMA_FILE) || readFileSync(API_SCHEMA_FILE, 'utf8') !== api) stale.push('schema/api.graphql');
    if (!composeFileIsCurrent(manifest())) stale.push('docker-compose.yml or deploy/observability/prometheus.yml');
    if (stale.length > 0) {
      problems.push(`stale: ${stale.join(', ')}\nrun \`npm run schema:print && npm run schema:compose\` and commit the result`);
    }
    // Against the API schema the code gives, so that a field removed in the code is caught before it is composed.
    const invalid = invalidOperations(buildSchema(api));
    if (invalid.length > 0) {
      problems.push(
        `the dashboard's operations do not validate against the API schema:\n  ${invalid.join('\n  ')}\nfix the operations under dashboard/src/operations/, then run \`npm run schema:codegen\``,
      );
    } else {
      const client = await staleClientFiles();
      if (client.length > 0) problems.push(`stale generated client: ${client.join(', ')}\nrun \`npm run schema:codegen\` and commit the result`);
    }
    const fragile = degradationProblems({ ...checkedInSdls(), ...printed });
    if (fragile.length > 0) problems.push(`fields that would drop their parent when another subgraph fails:\n  ${fragile.join('\n  ')}`);

    const intended = readIntendedChanges(SCHEMA_DIR);
    const { baselines: against, notes } = baselines(SCHEMA_DIR);
    for (const note of notes) console.log(`note: ${note}`);
    const findings: Finding[] = [];
    for (const baseline of against) {
      try {
        findings.push(...(await report(baseline, supergraph, intended)));
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        problems.push(`${baseline.label} is not a supergraph to compare against: ${error.message.split('\n')[0]}`);
      }
    }
    // A mark whose change no baseline shows any more (the base has moved past it) can go.
    const unused = intended.filter((mark) => !findings.some((finding) => finding.intended === mark));
    for (const mark of unused)
      console.log(
        `note: schema/${INTENDED_CHANGES_FILE} marks a change no baseline shows (${mark.path ?? '(schema)'}: ${mark.message}); it can be removed`,
      );
    const breaking = unmarkedBreaking(findings);

    for (const problem of problems) console.error(problem);
    if (breaking.length > 0) refuse(breaking, 'the check fails');
    if (problems.length > 0 || breaking.length > 0) return 1;
    console.log("schema files and the dashboard's typed client are up to date and compose, with no unmarked breaking change");
    return 0;
  }
  console.error('usage: schema/cli (print | compose | codegen | check)');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
