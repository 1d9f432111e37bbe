import { ValidationError } from '../errors/validation-error.js';
import type { Transport } from '../http/transport.js';

/** A set of environment variables: `process.env` in Node, any plain object elsewhere. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Reads a text file synchronously; injected so the browser build never touches `node:fs`. */
export type ReadTextFile = (path: string) => string;

/** Extra settings for the `fromEnv` factories: things environment variables should not decide. */
export interface FromEnvOptions {
  /** The transport for token requests; by default the one `SalesforceClient` binds. */
  readonly transport?: Transport;
  /** Allow plain-http, non-loopback URLs (never in production). */
  readonly allowInsecure?: boolean;
  /** Reads `SF_PRIVATE_KEY_FILE`; defaults to Node's `fs.readFileSync` (see `readTextFileWithNode`). */
  readonly readFile?: ReadTextFile;
}

/** `process.env` where it exists (Node), an empty object in a browser. */
export function processEnv(): EnvSource {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

/** A variable's value, with empty and blank strings treated as unset. */
export function envValue(env: EnvSource, name: string): string | undefined {
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/**
 * Returns the values of the required variables, or throws a `ValidationError` naming every
 * missing one (never their values: some are secrets). `alsoMissing` names requirements the
 * caller already found unmet, so one message lists everything.
 */
export function requireEnv<const N extends string>(
  env: EnvSource,
  flow: string,
  names: readonly N[],
  alsoMissing: readonly string[] = [],
): Record<N, string> {
  const missing = [...names.filter((name) => envValue(env, name) === undefined), ...alsoMissing];
  if (missing.length > 0) {
    throw new ValidationError(
      `Authentication (${flow}) needs ${listNames(missing)}: not set`,
      missing.map((name) => ({ message: 'not set', field: name.split(' ')[0] ?? name })),
    );
  }
  const out = {} as Record<N, string>;
  for (const name of names) out[name] = envValue(env, name) ?? '';
  return out;
}

/** `A`, `A and B`, `A, B and C`. */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The constructor options that `FromEnvOptions` carries over to every flow. */
export function sharedOptions(options: FromEnvOptions): { transport?: Transport; allowInsecure?: boolean } {
  return {
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.allowInsecure !== undefined ? { allowInsecure: options.allowInsecure } : {}),
  };
}
