// src/app/salesforce-auth.ts
import type { Session } from 'kinetic-core';

/**
 * What the SDK needs from your app's OAuth code (angular-oauth2-oidc, your own PKCE flow, ...).
 * Implement it in your auth service and provide it with `{ provide: SalesforceAuth, useExisting: AuthService }`.
 */
export abstract class SalesforceAuth {
  /** The current session from the OAuth flow: Salesforce returns `instance_url` next to `access_token`. */
  abstract currentSession(): Promise<Session>;
  /**
   * Salesforce refused `rejectedToken`: get a new one (refresh token, silent login) before
   * resolving, or reject with the reason (the user sees it). Do nothing if the app already
   * holds a newer token.
   */
  abstract refresh(rejectedToken: string): Promise<void>;
}
