import { redact, redactValue } from './redact.js';
import type { SecretSet } from './secret-set.js';

/** Options shared by every error of the SDK. */
export interface KineticErrorOptions {
  /** What caused the error (kept as `error.cause`, redacted). */
  readonly cause?: unknown;
  /** The secrets of the client the error belongs to: masked, with token-shaped text, in the message and cause. */
  readonly secrets?: SecretSet | undefined;
}

/** Node's hook for `util.inspect` and `console.log`, without importing `node:util` (the library runs in browsers). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** The `inspect` function Node passes to a custom inspector. */
type Inspect = (value: unknown, options?: object) => string;

/**
 * Root of every error the SDK raises. Messages and causes are redacted of secrets, every field
 * a subclass stores is a redacted copy, `toJSON()` gives a plain, secret-free object for
 * structured logs, and `util.inspect` / `console.log` redact once more what they print.
 */
export class KineticError extends Error {
  /** Stable machine-readable name of the error family, e.g. `ApiError`. */
  override readonly name: string = 'KineticError';

  constructor(message: string, options: KineticErrorOptions = {}) {
    super(redactText(message, options.secrets));
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(options.cause, options.secrets),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
    Object.setPrototypeOf(this, new.target.prototype);
  }

  /** A plain object without secrets, for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) own[key] = redactValue(value);
    return { name: this.name, message: redact(this.message), ...own };
  }

  /**
   * What `util.inspect` and `console.log` show: the same as for any error (stack, fields,
   * cause), from redacted copies, so a field that a subclass filled carelessly still prints clean.
   */
  [INSPECT](_depth: number, options: object, inspect?: Inspect): unknown {
    const copy = new Error(redact(this.message), this.cause === undefined ? undefined : { cause: this.cause });
    Object.defineProperty(copy, 'name', { value: this.name, enumerable: false, configurable: true, writable: true });
    copy.stack = redact(this.stack ?? `${this.name}: ${this.message}`);
    for (const [key, value] of Object.entries(this)) {
      Object.defineProperty(copy, key, { value: redactValue(value), enumerable: true, configurable: true });
    }
    return inspect ? inspect(copy, options) : copy;
  }
}

/** Text redacted with a client's secrets when known, with the patterns otherwise. */
export function redactText(text: string, secrets: SecretSet | undefined): string {
  return secrets ? secrets.redact(text) : redact(text);
}

/** Keeps a cause useful for debugging while stripping anything that can hold a secret (headers, configs). */
function sanitizeCause(cause: unknown, secrets: SecretSet | undefined): unknown {
  if (cause instanceof KineticError) return cause;
  if (cause instanceof Error) {
    const copy = new Error(redactText(cause.message, secrets));
    copy.name = cause.name;
    copy.stack = redactText(cause.stack ?? `${cause.name}: ${cause.message}`, secrets);
    const code: unknown = Reflect.get(cause, 'code');
    if (typeof code === 'string') Object.defineProperty(copy, 'code', { value: code, enumerable: true });
    return copy;
  }
  return secrets ? secrets.redactValue(cause) : redactValue(cause);
}
