import { lastValueFrom } from 'rxjs';
import { AccessTokenAuthenticator, RequestTimeoutError, ResponseLimitError, SalesforceClient } from 'kinetic-core';

export async function boundedClient(instanceUrl: string, accessToken: string): Promise<void> {
  const client = new SalesforceClient({
    auth: new AccessTokenAuthenticator({ instanceUrl, accessToken }),
    requestLimits: {
      idleTimeoutMs: 60_000, // the defaults
      deadlineMs: Infinity,
      maxJsonBytes: 4 * 1024 * 1024,
      maxBodyBytes: 4 * 1024 * 1024 * 1024,
      maxFieldChars: 1_048_576,
      maxRowChars: 4_194_304,
    },
  });
  try {
    await lastValueFrom(client.bulk.queryRecords('SELECT Id, Name FROM Account'), { defaultValue: undefined });
  } catch (error) {
    if (error instanceof RequestTimeoutError) console.log(`stalled (${error.kind}) after ${error.timeoutMs} ms`);
    else if (error instanceof ResponseLimitError) console.log(`answer over ${error.limit} (${error.max})`);
    else throw error;
  }
}
