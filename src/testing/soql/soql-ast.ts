/** Field types the validator checks literals against. */
export type SoqlFieldType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'id' | 'reference';

/**
 * What the validator needs to know about the org. `path` may be dotted (`Account.Name`):
 * the implementation resolves relationships. Names are case-insensitive in SOQL.
 */
export interface SoqlSchema {
  hasObject(object: string): boolean;
  fieldType(object: string, path: string): SoqlFieldType | undefined;
}

/** A stored record or a projected result row. */
export type SoqlRow = Readonly<Record<string, unknown>>;

/** Reads the value at `path` (as written in the query, possibly dotted) from a stored row. */
export type SoqlResolve = (row: SoqlRow, path: string) => unknown;

/** A literal on the right-hand side of a WHERE comparison or inside an IN list. */
export type SoqlLiteral =
  | {
      readonly kind: 'string';
      /** Decoded text (escapes resolved). */
      readonly value: string;
      /** Indexes in `value` of `%`/`_` written as `\%`/`\_`: literal, not LIKE wildcards. */
      readonly literalWildcards?: readonly number[];
    }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  /** `yyyy-mm-dd` as written. */
  | { readonly kind: 'date'; readonly value: string }
  /** ISO date-time as written (`Z` or `±hh:mm`), with its instant. */
  | { readonly kind: 'datetime'; readonly value: string; readonly epochMs: number }
  /** `TODAY`, `LAST_N_DAYS:7`...: `name` upper-cased, `amount` for the `:n` forms. */
  | { readonly kind: 'relativeDate'; readonly name: string; readonly amount?: number };

/** Comparison operators; `<>` is parsed as `!=`. */
export type SoqlComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

/** WHERE clause tree. SOQL never mixes AND and OR at one level, so each node has one joiner. */
export type SoqlCondition =
  | { readonly kind: 'and'; readonly operands: readonly SoqlCondition[] }
  | { readonly kind: 'or'; readonly operands: readonly SoqlCondition[] }
  | { readonly kind: 'not'; readonly operand: SoqlCondition }
  | {
      readonly kind: 'comparison';
      readonly field: string;
      readonly operator: SoqlComparisonOperator;
      readonly value: SoqlLiteral;
    }
  | {
      readonly kind: 'in';
      readonly field: string;
      /** `NOT IN` */
      readonly negated: boolean;
      readonly values: readonly SoqlLiteral[];
    };

/** One ORDER BY key; `nulls` is always filled in (default: FIRST for ASC, LAST for DESC). */
export interface SoqlOrderBy {
  readonly field: string;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls: 'FIRST' | 'LAST';
}

/** A parsed Bulk-2.0-compatible SOQL query. */
export interface SoqlQuery {
  /** The FROM object as written. */
  readonly object: string;
  /** Select list exactly as written; dotted parent paths (`Account.Name`) allowed. */
  readonly fields: readonly string[];
  readonly where?: SoqlCondition;
  readonly orderBy: readonly SoqlOrderBy[];
  readonly limit?: number;
}
