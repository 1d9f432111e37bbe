/**
 * Compiles a SOQL LIKE pattern to a RegExp: `%` matches any run of characters, `_` exactly one,
 * except at `literalWildcards` (written `\%`/`\_`). Matching is case-insensitive, as in
 * Salesforce, and anchored at both ends.
 */
export function likePattern(pattern: string, literalWildcards: readonly number[] = []): RegExp {
  const literal = new Set(literalWildcards);
  let source = '';
  // Iterate by code point so `_` matches one character even outside the BMP.
  let index = 0;
  for (const ch of pattern) {
    if (ch === '%' && !literal.has(index)) source += '[^]*';
    else if (ch === '_' && !literal.has(index)) source += '[^]';
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    index += ch.length;
  }
  return new RegExp(`^${source}$`, 'iu');
}
