import { type SoqlError, unexpectedToken } from './soql-error.js';
import type { SoqlToken } from './tokenize.js';

/**
 * Words SOQL reserves: they cannot name an object or a field, so seeing one where a name is
 * expected is a syntax error (`SELECT FROM Account` → `unexpected token: FROM`).
 */
const RESERVED = new Set([
  'AND',
  'ASC',
  'DESC',
  'EXCLUDES',
  'FIRST',
  'FROM',
  'GROUP',
  'HAVING',
  'IN',
  'INCLUDES',
  'LAST',
  'LIKE',
  'LIMIT',
  'NOT',
  'NULL',
  'NULLS',
  'OR',
  'SELECT',
  'WHERE',
  'WITH',
  'TRUE',
  'FALSE',
]);

/** Read position over a token list, with the keyword/punctuation tests the parser needs. */
export class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: readonly SoqlToken[],
    /** The SOQL text, for error locations. */
    readonly source: string,
  ) {}

  /** The token `offset` places ahead (the trailing `eof` when past the end). */
  peek(offset = 0): SoqlToken {
    const last = this.tokens[this.tokens.length - 1] as SoqlToken;
    return this.tokens[this.index + offset] ?? last;
  }

  /** Consumes and returns the current token. */
  next(): SoqlToken {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  /** Whether the token at `offset` is the identifier `word` (case-insensitive). */
  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  /** Whether the token at `offset` is the punctuation `text`. */
  isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  /** Consumes the keyword if present. */
  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  /** Consumes the punctuation if present. */
  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  /** Consumes the keyword or fails on the current token. */
  expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected();
  }

  /** Consumes the punctuation or fails on the current token. */
  expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected();
  }

  /** Consumes a non-reserved identifier (an object, field or relationship name). */
  expectName(): string {
    const token = this.peek();
    if (token.kind !== 'ident' || RESERVED.has(token.text.toUpperCase())) throw this.unexpected();
    this.next();
    return token.text;
  }

  /** Consumes a field path: names joined by dots, returned as written. */
  expectPath(): string {
    let path = this.expectName();
    while (this.acceptPunct('.')) path += `.${this.expectName()}`;
    return path;
  }

  /** `unexpected token: <text>` for the token at `offset`. */
  unexpected(offset = 0): SoqlError {
    const token = this.peek(offset);
    return unexpectedToken(token.text, this.source, token.start);
  }
}
