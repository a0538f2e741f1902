// `npm run schema:print | schema:compose | schema:check`.
//   print:   writes schema/<subgraph>.graphql from the code
//   compose: writes schema/supergraph.graphql from those files
//   check:   fails when the checked-in files differ from what the code gives, composition fails, or a
//            field another subgraph resolves could take its parent down with it (degradation.ts)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { degradationProblems } from './degradation';
import { SCHEMA_DIR, compose, printSubgraphs, subgraphEndpoints } from './supergraph';

const file = (name: string) => path.join(SCHEMA_DIR, name);

async function main(command: string | undefined): Promise<number> {
  if (command === 'print') {
    for (const [name, sdl] of Object.entries(await printSubgraphs())) writeFileSync(file(`${name}.graphql`), sdl);
    console.log(
      `wrote ${subgraphEndpoints()
        .map((e) => `schema/${e.name}.graphql`)
        .join(', ')}`,
    );
    return 0;
  }
  if (command === 'compose') {
    const sdls = Object.fromEntries(subgraphEndpoints().map((e) => [e.name, readFileSync(file(`${e.name}.graphql`), 'utf8')]));
    writeFileSync(file('supergraph.graphql'), compose(sdls));
    console.log('wrote schema/supergraph.graphql');
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
    if (stale.length > 0) {
      console.error(`stale: ${stale.join(', ')}\nrun \`npm run schema:print && npm run schema:compose\` and commit the result`);
      return 1;
    }
    const fragile = degradationProblems(printed);
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
