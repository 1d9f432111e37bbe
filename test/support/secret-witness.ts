import { inspect } from 'node:util';
import type { Logger } from '../../src/http/logger.js';

/** Kinds of secret a witness watches for; only these names ever appear in its reports. */
export type SecretKind =
  'access token' | 'refresh token' | 'client secret' | 'password' | 'private key' | 'jwt assertion';

/** Length of the slices looked for: long enough to be unique, short enough to catch partial leaks. */
const SLICE = 16;
/** Distance between slice starts: every 16-character run of a secret overlaps several slices. */
const STRIDE = 4;

/**
 * Collects every secret a test run used and everything a user could see (logger calls,
 * error messages, causes, `JSON.stringify`, `util.inspect`), then reports which kind of
 * secret leaked where. Reports name the kind and the place, never the secret itself, so a
 * failing test does not print the secret either.
 */
export class SecretWitness {
  private readonly secrets = new Map<string, SecretKind>();
  private readonly texts: { readonly where: string; readonly text: string }[] = [];
  private logCount = 0;
  private errorCount = 0;

  /** A logger for `SalesforceClient({ logger })` that records every call; `onDebug` lets tests react to requests. */
  logger(onDebug?: (message: string, data?: Readonly<Record<string, unknown>>) => void): Logger {
    return {
      debug: (message, data) => {
        this.log('debug', message, data);
        onDebug?.(message, data);
      },
      warn: (message, data) => this.log('warn', message, data),
    };
  }

  /** Watches for a secret (tokens, secrets, passwords). */
  secret(kind: SecretKind, value: string | undefined | null): void {
    if (value) this.secrets.set(value, kind);
  }

  /** Watches for a PEM private key: each line of its base64 body, since a leak may be re-wrapped. */
  privateKey(pem: string): void {
    for (const line of pem.split(/\r?\n/)) {
      if (line.trim() !== '' && !line.startsWith('-----')) this.secrets.set(line.trim(), 'private key');
    }
  }

  /** Records an error with every rendering a user might log, following its `cause` chain. */
  error(where: string, error: unknown): void {
    this.errorCount += 1;
    let current: unknown = error;
    for (let depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
      const e = current as { message?: unknown; stack?: unknown; cause?: unknown };
      this.text(
        `${where} (cause depth ${depth})`,
        [
          String(current),
          String(e.message),
          String(e.stack),
          JSON.stringify(current) ?? '',
          inspect(current, { depth: 10, showHidden: true }),
        ].join('\n'),
      );
      current = e.cause;
    }
  }

  /** Records any other text a user could see. */
  text(where: string, text: string): void {
    this.texts.push({ where, text });
  }

  /** How many logger calls and errors were recorded (a hygiene test over nothing proves nothing). */
  get seen(): { readonly logs: number; readonly errors: number; readonly secrets: ReadonlyMap<SecretKind, number> } {
    const secrets = new Map<SecretKind, number>();
    for (const kind of this.secrets.values()) secrets.set(kind, (secrets.get(kind) ?? 0) + 1);
    return { logs: this.logCount, errors: this.errorCount, secrets };
  }

  /** `"<kind> in <where>"` for every recorded text holding a slice of a secret. */
  leaks(extra: readonly { readonly where: string; readonly text: string }[] = []): string[] {
    const found = new Set<string>();
    for (const { where, text } of [...this.texts, ...extra]) {
      for (const [secret, kind] of this.secrets) {
        if (slices(secret).some((slice) => text.includes(slice))) found.add(`${kind} in ${where}`);
      }
    }
    return [...found];
  }

  private log(level: string, message: string, data?: Readonly<Record<string, unknown>>): void {
    this.logCount += 1;
    this.text(`log ${level} #${this.logCount}`, `${message} ${inspect(data, { depth: 10 })}`);
  }
}

/** Overlapping slices of a secret; a short secret is its own only slice. */
function slices(secret: string): string[] {
  if (secret.length <= SLICE) return [secret];
  const out: string[] = [];
  for (let i = 0; i + SLICE <= secret.length; i += STRIDE) out.push(secret.slice(i, i + SLICE));
  out.push(secret.slice(-SLICE));
  return out;
}
