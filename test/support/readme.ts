// The README's example operations, as a newcomer would copy them: the ```graphql blocks and the
// JSON bodies sent with curl, so the tests that run or cost them read the same text (read by
// gateway/readme-examples.ts, as the explorer's tabs are).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { curlBodies, graphqlBlocks } from '../../gateway/readme-examples';

export interface ReadmeExample {
  name: string;
  block: string;
}

const README = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** The ```graphql blocks that hold no mutation. */
export const readmeQueries: ReadmeExample[] = graphqlBlocks(README)
  .filter(({ query }) => !/^\s*mutation\b/m.test(query))
  .map(({ name, query }) => ({ name, block: query }));

/** The ```graphql blocks that hold mutations, with the token line the README gives before or in each (`--org X --roles Y`). */
export const readmeMutations: (ReadmeExample & { org: string; roles: string })[] = graphqlBlocks(README)
  .filter(({ query }) => /^\s*mutation\b/m.test(query))
  .map(({ name, query }) => {
    const upTo = README.slice(0, README.indexOf(query) + query.length);
    const [, org, roles] = [...upTo.matchAll(/npm run -s token -- --org (\S+) --roles (\w+)/g)].pop()!;
    return { name, block: query, org, roles };
  });

/** The `{"query": ...}` bodies of the curl examples. */
export const readmeRequestBodies: ReadmeExample[] = curlBodies(README).map(({ name, query }) => ({ name, block: query }));
