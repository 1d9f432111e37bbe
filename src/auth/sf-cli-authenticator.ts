import { ValidationError } from '../errors/validation-error.js';
import { CachedAuthenticator } from './cached-authenticator.js';
import type { Session } from './authenticator.js';
import { nodeSfCliRunner, type SfCliRunner } from './sf-cli-runner.js';
import { sessionFromOrgDisplay } from './sf-org-display.js';

/** Options of {@link SfCliAuthenticator}. */
export interface SfCliOptions {
  /** An alias or username the Salesforce CLI knows (`sf org list`). */
  readonly targetOrg: string;
  /** The command to run (default `sf`, looked up on the PATH). */
  readonly command?: string;
  /** How long `sf org display` may take, in ms (default 60,000: sf may refresh the token first). */
  readonly timeoutMs?: number;
  /** Runs the command; default: Node's `execFile`, without a shell (`nodeSfCliRunner`). */
  readonly run?: SfCliRunner;
  /** Allow a non-https, non-loopback instance URL (never in production). */
  readonly allowInsecure?: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The session of an org the Salesforce CLI is logged in to: runs
 * `sf org display --json --target-org <org>` and takes its instance URL and access token. When
 * Salesforce refuses the token, the next call runs `sf` again, which refreshes it if it holds a
 * refresh token for the org (a web or JWT login does). Node only (it runs a process).
 *
 * @example
 * const client = new SalesforceClient({ auth: new SfCliAuthenticator({ targetOrg: 'my-sandbox' }) });
 */
export class SfCliAuthenticator extends CachedAuthenticator {
  readonly flow = 'Salesforce CLI';
  readonly #targetOrg: string;
  readonly #command: string;
  readonly #timeoutMs: number;
  readonly #run: SfCliRunner;
  readonly #allowInsecure: boolean;
  #username: string | undefined;

  constructor(options: SfCliOptions) {
    super();
    this.#targetOrg = checkTargetOrg(options.targetOrg);
    this.#command = options.command ?? 'sf';
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.#timeoutMs) || this.#timeoutMs <= 0)
      throw new ValidationError('timeoutMs must be a positive number of milliseconds', [
        { message: 'not a positive number', field: 'timeoutMs' },
      ]);
    this.#run = options.run ?? nodeSfCliRunner;
    this.#allowInsecure = options.allowInsecure ?? false;
  }

  /** The alias or username asked for. */
  get targetOrg(): string {
    return this.#targetOrg;
  }

  /** The org's username, once a session was read. */
  get username(): string | undefined {
    return this.#username;
  }

  protected async authenticate(): Promise<Session> {
    const outcome = await this.#run(this.#command, ['org', 'display', '--json', '--target-org', this.#targetOrg], {
      timeoutMs: this.#timeoutMs,
    });
    const session = sessionFromOrgDisplay(outcome, this.#targetOrg, this.#allowInsecure, this.secrets);
    this.#username = session.username;
    return { instanceUrl: session.instanceUrl, accessToken: session.accessToken };
  }
}

/** An alias or username: not empty, not an option (`-x` would be read by sf as one), printable. */
function checkTargetOrg(targetOrg: unknown): string {
  const text = typeof targetOrg === 'string' ? targetOrg.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (text === '' || text.startsWith('-') || text.length > 255 || /[\u0000-\u001f\u007f]/.test(text))
    throw new ValidationError('targetOrg must be an org alias or username known to the Salesforce CLI', [
      { message: 'not an alias or username', field: 'targetOrg' },
    ]);
  return text;
}
