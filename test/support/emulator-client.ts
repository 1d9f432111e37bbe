import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import type { SalesforceClientOptions } from '../../src/client/client-options.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import { startBulkEmulator } from '../../src/testing/emulator.js';
import type { BulkEmulator } from '../../src/testing/emulator-types.js';
import type { BulkEmulatorOptions } from '../../src/testing/options.js';

/** A running emulator and an SDK client pointed at it over real HTTP. */
export interface EmulatorFixture {
  readonly emulator: BulkEmulator;
  readonly client: SalesforceClient;
  /** Waits for pending aborts, then stops the server. */
  close(): Promise<void>;
}

export async function startFixture(
  options: BulkEmulatorOptions = {},
  client: Partial<SalesforceClientOptions> = {},
): Promise<EmulatorFixture> {
  const emulator = await startBulkEmulator({ processing: 'instant', ...options });
  const sdk = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken }),
    pollPolicy: fixedPolling(20),
    retryPolicy: { maxRetries: 0 },
    ...client,
  });
  return {
    emulator,
    client: sdk,
    close: async () => {
      await sdk.whenSettled();
      await emulator.close();
    },
  };
}

/** Polls (real time) until the predicate holds, for server-side effects that follow an unsubscribe. */
export async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
