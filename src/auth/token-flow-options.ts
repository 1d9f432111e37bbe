import type { SecretSet } from '../errors/secret-set.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Transport } from '../http/transport.js';
import { listNames } from './env.js';

/** Options every token-endpoint flow accepts. */
export interface TokenFlowOptions {
  /**
   * Where token requests go: `https://login.salesforce.com` (default),
   * `https://test.salesforce.com`, or the org's My Domain URL.
   */
  readonly loginUrl?: string;
  /** Allow a plain-http, non-loopback login or instance URL (never in production). */
  readonly allowInsecure?: boolean;
  /** Transport for token requests; when absent, `SalesforceClient` binds its own. */
  readonly transport?: Transport;
}

/**
 * Registers the secret options in the authenticator's `secrets`, so they are masked from here
 * on, then throws a `ValidationError` naming every required option that is missing or empty.
 */
export function checkOptions<O extends object>(
  flow: string,
  options: O,
  required: readonly (keyof O & string)[],
  secretKeys: readonly (keyof O & string)[],
  secrets: SecretSet,
): void {
  for (const key of secretKeys) {
    const value: unknown = options[key];
    if (typeof value === 'string') secrets.add(value);
  }
  const missing = required.filter((key) => {
    const value: unknown = options[key];
    return typeof value !== 'string' || value.trim() === '';
  });
  if (missing.length > 0) {
    throw new ValidationError(
      `Authentication (${flow}) needs ${listNames(missing)}`,
      missing.map((field) => ({ message: 'missing', field })),
    );
  }
}
