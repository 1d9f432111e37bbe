import * as z from 'zod/mini';
import { checkSchema } from '../schemas/check-schema.js';
import type { SecretSet } from '../errors/secret-set.js';
import type { Session } from './authenticator.js';
import { normalizeUrl } from './login-url.js';
import { SfCliError } from './sf-cli-error.js';
import type { SfCliOutcome } from './sf-cli-runner.js';

/** What `sf org display --json` prints on success: `{ status: 0, result: { instanceUrl, accessToken, ... } }`. */
const orgDisplaySuccessSchema = z.looseObject({
  status: z.literal(0),
  result: z.looseObject({
    instanceUrl: z.string().check(z.minLength(1)),
    accessToken: z.string().check(z.minLength(1)),
    username: z.optional(z.string()),
    apiVersion: z.optional(z.string()),
  }),
});

/** What it prints on failure: `{ status: 1, name, message, exitCode, ... }`. */
const orgDisplayFailureSchema = z.looseObject({
  status: z.int().check(z.minimum(1)),
  name: z.optional(z.string()),
  message: z.optional(z.string()),
});

/** A session read from `sf org display`, with what else it said about the org. */
export interface SfOrgSession extends Session {
  readonly username: string | undefined;
  readonly apiVersion: string | undefined;
}

/**
 * Turns the outcome of `sf org display --json --target-org <org>` into a session, or into an
 * `SfCliError` that says what to do. The access token is registered as a secret before anything
 * else happens, and no message ever quotes the output (which may hold it).
 */
export function sessionFromOrgDisplay(
  outcome: SfCliOutcome,
  targetOrg: string,
  allowInsecure: boolean,
  secrets: SecretSet,
): SfOrgSession {
  const fail = (failure: SfCliError['failure'], message: string, sfErrorName?: string): SfCliError =>
    new SfCliError(message, { failure, targetOrg, ...(sfErrorName !== undefined ? { sfErrorName } : {}) });
  const command = `sf org display --target-org ${targetOrg}`;
  if (outcome.kind === 'not-found')
    throw fail(
      'not-installed',
      'The Salesforce CLI (sf) was not found on the PATH: install it (https://developer.salesforce.com/tools/salesforcecli) or give the instance URL and access token instead',
    );
  if (outcome.kind === 'timed-out') throw fail('timeout', `${command} did not answer in time`);
  if (outcome.kind === 'failed') throw fail('failed', `${command} could not be run: ${outcome.reason}`);
  const json = parseJsonObject(outcome.stdout);
  const success = checkSchema(orgDisplaySuccessSchema, json);
  if (success.success) {
    const { instanceUrl, accessToken, username, apiVersion } = success.data.result;
    secrets.add(accessToken);
    return { instanceUrl: normalizeUrl(instanceUrl, 'instanceUrl', allowInsecure), accessToken, username, apiVersion };
  }
  // output that does not match may still hold a token: mask it before anything can print it
  registerTokenLike(json, secrets);
  const failure = checkSchema(orgDisplayFailureSchema, json);
  if (failure.success) {
    const { name, message, status } = failure.data;
    throw fail(
      'org-error',
      `${command} failed: ${message ?? name ?? `status ${status}`} (sf org list shows the orgs sf knows; sf org login web adds one)`,
      name,
    );
  }
  const what = json === undefined ? 'no JSON' : 'JSON without an instance URL and access token';
  throw fail('malformed-output', `${command} printed ${what} (exit code ${outcome.exitCode}): is sf up to date?`);
}

/** The JSON object in the output, which may follow other lines (update notices); undefined when there is none. */
function parseJsonObject(stdout: string): unknown {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

/** Registers an `accessToken` value found in JSON that did not match the schema. */
function registerTokenLike(json: unknown, secrets: SecretSet): void {
  if (typeof json !== 'object' || json === null || !('result' in json)) return;
  const result: unknown = json.result;
  if (
    typeof result === 'object' &&
    result !== null &&
    'accessToken' in result &&
    typeof result.accessToken === 'string'
  )
    secrets.add(result.accessToken);
}
