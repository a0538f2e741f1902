// The README's example operations, as a newcomer would copy them: the ```graphql blocks and the
// JSON bodies sent with curl, so the tests that run or cost them read the same text.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ReadmeExample {
  name: string;
  block: string;
}

const README = readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');

const nameOf = (block: string) => /(?:query|mutation) (\w+)/.exec(block)?.[1] ?? block.slice(0, 40);

/** The ```graphql blocks that hold no mutation. */
export const readmeQueries: ReadmeExample[] = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((block) => !/^\s*mutation\b/m.test(block))
  .map((block) => ({ name: nameOf(block), block }));

/** The `{"query": ...}` bodies of the curl examples. */
export const readmeRequestBodies: ReadmeExample[] = [...README.matchAll(/^(\{"query": .*\})$/gm)]
  .map((m) => (JSON.parse(m[1]) as { query: string }).query)
  .map((block) => ({ name: nameOf(block), block }));
