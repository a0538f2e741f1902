// The README's example operations, read from its text: the explorer preloads those of "Asking the
// hub" as tabs (gateway/explorer/vite.config.ts, at build time) and the tests run them all
// (test/support/readme.ts), so what a newcomer reads, runs and clicks is one text.
import { parse, print, type OperationDefinitionNode } from 'graphql';

export interface ReadmeOperation {
  /** The operation's name (`GreatLakes`), or the start of the block when it has none. */
  name: string;
  /** The document as the README writes it (a curl body's one-line query pretty-printed). */
  query: string;
}

const nameOf = (block: string) => /(?:query|mutation) (\w+)/.exec(block)?.[1] ?? block.slice(0, 40);

/** The text of the `## heading` section, up to the next `## ` heading. */
export function readmeSection(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`the README has no section "## ${heading}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The ```graphql blocks of `text`. */
export function graphqlBlocks(text: string): ReadmeOperation[] {
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({ name: nameOf(m[1]), query: m[1] }));
}

/** The queries of the `{"query": ...}` bodies sent with curl in `text`. */
export function curlBodies(text: string): ReadmeOperation[] {
  return [...text.matchAll(/^(\{"query": .*\})$/gm)]
    .map((m) => (JSON.parse(m[1]) as { query: string }).query)
    .map((query) => ({ name: nameOf(query), query }));
}

export interface ExplorerTab {
  query: string;
  /** A variables object naming each variable the operation declares, to be filled in (JSON text). */
  variables?: string;
}

/**
 * The explorer's tabs: the operations of "Asking the hub", in the README's order (the curl body
 * first, pretty-printed), each with its variables named.
 */
export function explorerTabs(readme: string): ExplorerTab[] {
  const section = readmeSection(readme, 'Asking the hub');
  const operations = [...curlBodies(section).map((o) => ({ ...o, query: print(parse(o.query)) })), ...graphqlBlocks(section)];
  return operations.map(({ query }) => {
    const declared = parse(query)
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .flatMap((d) => d.variableDefinitions ?? [])
      .map((v) => v.variable.name.value);
    return declared.length === 0
      ? { query: query.trimEnd() + '\n' }
      : { query: query.trimEnd() + '\n', variables: JSON.stringify(Object.fromEntries(declared.map((name) => [name, ''])), null, 2) };
  });
}
