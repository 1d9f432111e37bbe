// src/app/app-session.authenticator.ts
import { defer, type Observable } from 'rxjs';
import type { Authenticator, Session } from 'kinetic-core';
import type { SalesforceAuth } from './salesforce-auth';

/** A kinetic-core Authenticator that asks the app for the token, so refreshes come from the app. */
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
