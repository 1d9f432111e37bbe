// Bundled by the browser test next to the example page and loaded into it: a streamed,
// multi-page query in Chromium (fetch-streamed pages, Sforce-Locator read across CORS).
import { lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator, fixedPolling, SalesforceClient } from 'kinetic-core';

/** What the probe leaves on `window` for the test to read. */
export type QueryProbeOutcome = { readonly rows: number; readonly distinctIds: number } | { readonly error: string };

declare global {
  interface Window {
    queryProbe?: QueryProbeOutcome;
  }
}

const instanceUrl = new URLSearchParams(location.search).get('instanceUrl') ?? '';
const accessToken = (document.getElementById('token') as HTMLInputElement).value;
const client = new SalesforceClient({
  auth: new AccessTokenAuthenticator({ instanceUrl, accessToken }),
  pollPolicy: fixedPolling(100),
});

lastValueFrom(client.bulk.queryRecords('SELECT Id, Name FROM Account').pipe(toArray())).then(
  (rows) => {
    window.queryProbe = { rows: rows.length, distinctIds: new Set(rows.map((row) => String(row.Id))).size };
  },
  (error: unknown) => {
    window.queryProbe = { error: error instanceof Error ? error.message : String(error) };
  },
);
