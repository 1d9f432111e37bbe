import {
  AccessTokenAuthenticator,
  fixedPolling,
  SalesforceClient,
  SfCliAuthenticator,
  type Logger,
  type SalesforceClientOptions,
} from '../index.js';
import { startBulkEmulator } from '../testing/index.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** Where the command works, as the connection options gave it. */
export interface ConnectionOptions {
  /** `org` (default): credentials from flags or the environment; `local`: an embedded emulator. */
  readonly target: 'org' | 'local';
  readonly instanceUrl?: string | undefined;
  readonly accessToken?: string | undefined;
  /** An org alias or username of the Salesforce CLI (`sf`), whose session is used. */
  readonly targetOrg?: string | undefined;
  readonly apiVersion?: string | undefined;
  /** Poll every this many ms instead of the SDK's backoff (2 s, x1.5, up to 30 s). */
  readonly pollInterval?: number | undefined;
}

/** A client ready to use, and how to let go of it. */
export interface Connection {
  readonly client: SalesforceClient;
  /** Waits for every abort already sent, then stops the embedded emulator, if any. */
  close(): Promise<void>;
}

/** The embedded emulator is local: polling it often costs nothing and keeps the command snappy. */
const LOCAL_POLL_MS = 200;

/**
 * Builds the client, from the first of these that applies: `--target local` starts an embedded
 * emulator (and says so); `--target-org` takes the session of a Salesforce CLI org; the
 * `--instance-url` / `--access-token` flags (each falling back to its variable) give an access
 * token session; `SF_TARGET_ORG` names a Salesforce CLI org; anything else is
 * `SalesforceClient.fromEnv()`. Nothing here prints a secret.
 */
export async function connect(options: ConnectionOptions, terminal: Terminal): Promise<Connection> {
  // the SDK's warnings are about background work (detached aborts) that the command reports itself
  const logger: Logger = {
    debug: (message, data) => terminal.debug(message, data),
    warn: (message, data) => terminal.debug(`warning: ${message}`, data),
  };
  // SF_API_VERSION counts on every path, not only the SF_* login that SalesforceClient.fromEnv reads
  const apiVersion = options.apiVersion ?? terminal.io.env.SF_API_VERSION?.trim().replace(/^v/, '');
  const common: Omit<SalesforceClientOptions, 'auth'> = {
    logger,
    ...(apiVersion ? { apiVersion } : {}),
    ...(options.pollInterval !== undefined ? { pollPolicy: fixedPolling(options.pollInterval) } : {}),
  };
  if (options.target === 'local') {
    if (options.instanceUrl || options.accessToken || options.targetOrg)
      throw new UsageError(
        '--target local starts its own emulator: drop --instance-url, --access-token and --target-org',
      );
    const emulator = await startBulkEmulator();
    terminal.note(`Started a local Bulk API 2.0 emulator at ${emulator.url} (its data lives as long as this command)`);
    const client = new SalesforceClient({
      pollPolicy: fixedPolling(LOCAL_POLL_MS),
      ...common,
      auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
    });
    return {
      client,
      close: async () => {
        await client.whenSettled();
        await emulator.close();
      },
    };
  }
  if (options.targetOrg && (options.instanceUrl || options.accessToken))
    throw new UsageError('--target-org takes the org from the Salesforce CLI: drop --instance-url and --access-token');
  const flagged = options.instanceUrl || options.accessToken;
  const sfOrg = options.targetOrg ?? (flagged ? undefined : terminal.io.env.SF_TARGET_ORG?.trim() || undefined);
  const client = sfOrg
    ? new SalesforceClient({ ...common, auth: new SfCliAuthenticator({ targetOrg: sfOrg }) })
    : flagged
      ? new SalesforceClient({ ...common, auth: fromFlags(options, terminal.io.env) })
      : SalesforceClient.fromEnv({ ...common, env: terminal.io.env });
  if (sfOrg) terminal.debug(`session from the Salesforce CLI: sf org display --target-org ${sfOrg}`);
  return { client, close: () => client.whenSettled() };
}

function fromFlags(
  options: ConnectionOptions,
  env: Readonly<Record<string, string | undefined>>,
): AccessTokenAuthenticator {
  const instanceUrl = options.instanceUrl ?? env.SF_INSTANCE_URL;
  const accessToken = options.accessToken ?? env.SF_ACCESS_TOKEN;
  if (!instanceUrl) throw new UsageError('--access-token needs --instance-url (or SF_INSTANCE_URL)');
  if (!accessToken) throw new UsageError('--instance-url needs --access-token (or SF_ACCESS_TOKEN)');
  return new AccessTokenAuthenticator({ instanceUrl, accessToken });
}
