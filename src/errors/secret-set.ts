import { redact, REDACTED, redactValue } from './redact.js';

/**
 * Secrets at least this long are masked wherever they appear. Shorter ones (a short password,
 * a 3-character security token) are masked only where they stand alone: not directly preceded
 * or followed by a letter or digit. Masking them inside words would turn `password pw1` into
 * `[REDACTED]sword ...` for a password `pas`, and a one-character password would shred every
 * message; standing alone is how an echoed value appears (`password=pw1&`, `"pw1"`, `pw1.`).
 */
export const WHOLE_WORD_BELOW = 8;

/**
 * The secrets one client knows: its credentials (client secret, password, refresh token,
 * private key, JWT assertions) and the access tokens it was given. Each authenticator owns one
 * (`Authenticator.secrets`) and the client's errors are redacted with it, so nothing about
 * one client's secrets is held process-wide. Values are kept in a private field: neither
 * `console.log` nor `JSON.stringify` of the set shows them.
 *
 * Every secret is registered whatever its length (empty or blank values are ignored), along
 * with the forms an echo may take: URL-encoded, form-encoded and JSON-escaped.
 */
export class SecretSet {
  readonly #values = new Set<string>();
  #matchers: readonly Matcher[] | undefined;

  /** Registers a secret; its every form is masked from now on by `redact`. */
  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.trim() === '' || this.#values.has(value)) return;
    this.#values.add(value);
    this.#matchers = undefined;
  }

  /** Forgets a secret that is no longer in use (a refused access token, a spent assertion). */
  delete(value: string | undefined | null): void {
    if (typeof value === 'string' && this.#values.delete(value)) this.#matchers = undefined;
  }

  /** Whether a value is registered. */
  has(value: string): boolean {
    return this.#values.has(value);
  }

  /** The text with every registered secret (in any of its forms) and every token-shaped substring masked. */
  redact(text: string): string {
    let out = text;
    for (const matcher of this.matchers()) {
      if (typeof matcher === 'string') {
        if (out.includes(matcher)) out = out.split(matcher).join(REDACTED);
      } else {
        matcher.lastIndex = 0;
        out = out.replace(matcher, REDACTED);
      }
    }
    return redact(out);
  }

  /** A redacted copy of a value (see `redactValue`), masking this set's secrets too. */
  redactValue(value: unknown): unknown {
    return redactValue(value, (text) => this.redact(text));
  }

  /** Shows how many secrets are held, never which. */
  toJSON(): {
    /** How many secrets the set holds. */
    readonly secrets: number;
  } {
    return { secrets: this.#values.size };
  }

  /** Longest first, so a secret that contains another is masked whole. */
  private matchers(): readonly Matcher[] {
    if (this.#matchers) return this.#matchers;
    const forms = new Set<string>();
    for (const value of this.#values) for (const form of formsOf(value)) forms.add(form);
    this.#matchers = [...forms]
      .sort((a, b) => b.length - a.length)
      .map((form) =>
        form.length >= WHOLE_WORD_BELOW
          ? form
          : new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, 'g'),
      );
    return this.#matchers;
  }
}

/** A long secret (found as a substring) or a short one (found standing alone). */
type Matcher = string | RegExp;

/** The value as sent or echoed: raw, URL-encoded, form-encoded (`+` for spaces), JSON-escaped. */
function formsOf(value: string): string[] {
  const forms = [value, encodeURIComponent(value), new URLSearchParams([['', value]]).toString().slice(1)];
  forms.push(JSON.stringify(value).slice(1, -1));
  return forms.filter((form) => form.trim() !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
