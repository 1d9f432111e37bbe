const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Options for {@link quoteSoqlString}. */
export interface QuoteSoqlStringOptions {
  /** Also escape `%` and `_`, so a LIKE pattern matches the text literally. */
  readonly escapeWildcards?: boolean;
}

/**
 * Writes `value` as a single-quoted SOQL string literal, escaping what SOQL requires.
 *
 * @example
 * ```ts
 * `SELECT Id FROM Account WHERE Name = ${quoteSoqlString("O'Brien")}`; // ... Name = 'O\'Brien'
 * ```
 */
export function quoteSoqlString(value: string, options: QuoteSoqlStringOptions = {}): string {
  let out = "'";
  for (const ch of value) {
    if (options.escapeWildcards && (ch === '%' || ch === '_')) out += `\\${ch}`;
    else out += ESCAPES[ch] ?? ch;
  }
  return `${out}'`;
}
