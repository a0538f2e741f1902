// How deep a GraphQL query nests its brackets, counted by a small lexer that skips strings, block
// strings and comments. Hand-written on purpose: graphql-js's own parser is the recursive code
// this guards, and a full lexer would do more work than one pass over the characters.

/**
 * Deepest bracket nesting ({, ( and [) a query may have. Far above any legitimate query (the
 * gateway refuses depth beyond a dozen levels), far below what overflows the stack of a recursive
 * parser or validation rule, which would otherwise answer a hostile query with a 500.
 */
export const MAX_QUERY_NESTING = 128;

/** Deepest {, ( or [ nesting outside strings and comments; stops counting once past `limit`. */
export function queryNesting(query: string, limit = MAX_QUERY_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < query.length && query.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x22 /* " */) {
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query.charCodeAt(i) !== 0x22 && query.charCodeAt(i) !== 0x0a; i++) {
          if (query.charCodeAt(i) === 0x5c /* \ */) i++;
        }
      }
    } else if (c === 0x7b || c === 0x28 || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x29 || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
