import { KineticError } from '../errors/kinetic-error.js';

/** Why the Salesforce CLI gave no session. */
export type SfCliFailure =
  /** `sf` is not on the PATH (or not runnable). */
  | 'not-installed'
  /** `sf` answered with an error: an unknown alias or username, an expired login, ... */
  | 'org-error'
  /** `sf` did not answer within the timeout. */
  | 'timeout'
  /** `sf` printed something that is not the JSON of `sf org display --json`. */
  | 'malformed-output'
  /** `sf` could not be run for another reason, or is unavailable here (a browser). */
  | 'failed';

/**
 * Raised when `sf org display` gives no session. The message says what to do; it never holds
 * the output of `sf`, which may carry the access token.
 */
export class SfCliError extends KineticError {
  override readonly name: string = 'SfCliError';
  /** What went wrong: `not-installed`, `org-error`, `timeout`, `malformed-output` or `failed`. */
  readonly failure: SfCliFailure;
  /** The alias or username asked for. */
  readonly targetOrg: string;
  /** The error name `sf` reported (`NoAuthInfoFoundError`, ...), when it reported one. */
  readonly sfErrorName: string | undefined;

  constructor(
    message: string,
    details: { readonly failure: SfCliFailure; readonly targetOrg: string; readonly sfErrorName?: string },
  ) {
    super(message);
    this.failure = details.failure;
    this.targetOrg = details.targetOrg;
    this.sfErrorName = details.sfErrorName;
  }
}
