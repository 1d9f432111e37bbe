// src/app/fixed-token.client.ts
import { AccessTokenAuthenticator, SalesforceClient } from 'kinetic-core';

/** A client for a token the app already has (e.g. just returned by its OAuth flow). */
export function clientForToken(instanceUrl: string, accessToken: string): SalesforceClient {
  return new SalesforceClient({ auth: new AccessTokenAuthenticator({ instanceUrl, accessToken }) });
}
