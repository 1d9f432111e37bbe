import { redact, redactValue } from './redact.js';

/** Options shared by every error of the SDK. */
export interface KineticErrorOptions {
  /** What caused the error (kept as `error.cause`, redacted). */
  readonly cause?: unknown;
}

/**
 * Root of every error the SDK raises. Messages and causes are redacted of secrets,
 * and `toJSON()` gives a plain, secret-free object for structured logs.
 */
export class KineticError extends Error {
  /** Stable machine-readable name of the error family, e.g. `ApiError`. */
  override readonly name: string = 'KineticError';

  constructor(message: string, options: KineticErrorOptions = {}) {
    super(redact(message));
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', {
        value: sanitizeCause(options.cause),
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
    return { name: this.name, message: this.message, ...own };
  }
}

/** Keeps a cause useful for debugging while stripping anything that can hold a secret (headers, configs). */
function sanitizeCause(cause: unknown): unknown {
  if (cause instanceof KineticError) return cause;
  if (cause instanceof Error) {
    const copy = new Error(redact(cause.message));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
    return copy;
  }
  return redactValue(cause);
}
