// `npm run schema:print | schema:compose | schema:check`.
//   print:   writes schema/<subgraph>.graphql from the code, for every manifest entry with a `module`
//   compose: writes schema/supergraph.graphql from those files and the `sdl` entries' own files, and
//            the parts of docker-compose.yml that follow the manifest (scripts/compose-file.ts)
//   check:   fails when the checked-in files differ from what the code and the manifest give, composition fails, or a
//            field another subgraph resolves could take its parent down with it (degradation.ts)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { degradationProblems } from './degradation';
import { manifest } from '../platform/manifest';
import { composeFileIsCurrent, writeComposeFile } from '../scripts/compose-file';
import { SCHEMA_DIR, checkedInSdls, compose, printSubgraphs } from './supergraph';

const file = (name: string) => path.join(SCHEMA_DIR, name);

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
    writeFileSync(file('supergraph.graphql'), compose(checkedInSdls()));
    writeComposeFile(manifest());
    console.log('wrote schema/supergraph.graphql, docker-compose.yml');
    return 0;
  }
  if (command === 'check') {
    const printed = await printSubgraphs();
    const stale: string[] = [];
    for (const [name, sdl] of Object.entries(printed)) {
      const target = file(`${name}.graphql`);
      if (!existsSync(target) || readFileSync(target, 'utf8') !== sdl) stale.push(`schema/${name}.graphql`);
    }
    const supergraph = compose(printed);
    const target = file('supergraph.graphql');
    if (!existsSync(target) || readFileSync(target, 'utf8') !== supergraph) stale.push('schema/supergraph.graphql');
    if (!composeFileIsCurrent(manifest())) stale.push('docker-compose.yml');
    if (stale.length > 0) {
      console.error(`stale: ${stale.join(', ')}\nrun \`npm run schema:print && npm run schema:compose\` and commit the result`);
      return 1;
    }
    const fragile = degradationProblems({ ...checkedInSdls(), ...printed });
    if (fragile.length > 0) {
      console.error(`fields that would drop their parent when another subgraph fails:\n  ${fragile.join('\n  ')}`);
      return 1;
    }
    console.log('schema files are up to date and compose');
    return 0;
  }
  console.error('usage: schema/cli (print | compose | check)');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
