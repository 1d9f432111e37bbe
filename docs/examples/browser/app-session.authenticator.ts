// The same authenticator as docs/angular.md: the SDK asks the page's auth code for the token,
// so refreshes come from the page and a failed refresh reaches the user with its own reason.
import { defer, type Observable } from 'rxjs';
import type { Authenticator, Session } from 'kinetic-core';

/** What the SDK needs from an app's OAuth code. */
export interface SalesforceAuth {
  /** The current session from the OAuth flow. */
  currentSession(): Promise<Session>;
  /** Salesforce refused `rejectedToken`: get a new one, or reject with the reason. */
  refresh(rejectedToken: string): Promise<void>;
}

/** A kinetic-core Authenticator over the app's session. */
export class AppSessionAuthenticator implements Authenticator {
  readonly flow = 'app OAuth session';
  readonly canRefresh = true;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly auth: SalesforceAuth) {}

  /** One session per call, then complete; fails with the refresh's own error when a refresh just failed. */
  session(): Observable<Session> {
    return defer(async () => {
      await this.refreshing;
      return this.auth.currentSession();
    });
  }

  /** Called on 401 INVALID_SESSION_ID; the SDK then asks for a session again and resends once. */
  invalidate(rejected: Session): void {
    if (this.refreshing) return; // several requests refused at once wait on one refresh
    const refreshing = this.auth.refresh(rejected.accessToken).finally(() => {
      this.refreshing = undefined; // the next refused call tries again
    });
    refreshing.catch(() => undefined); // the waiting session() reports the failure, not an unhandled rejection
    this.refreshing = refreshing;
  }
}
