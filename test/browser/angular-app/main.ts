// The docs/angular.md component, bootstrapped as an app for the Chromium test: compiled ahead of
// time by ngc, bundled by esbuild. @angular/compiler is loaded for the framework's own partially
// compiled declarations (AsyncPipe, DecimalPipe), which an Angular CLI build would link instead.
import '@angular/compiler';
import { Injectable, provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import type { Session } from 'kinetic-core';
import { BulkInsertComponent } from '../../../docs/examples/angular/src/app/bulk-insert.component';
import { SalesforceAuth } from '../../../docs/examples/angular/src/app/salesforce-auth';
import { provideSalesforce } from '../../../docs/examples/angular/src/app/salesforce.providers';

/** Set by the test before the page loads (tokens never go in a URL). */
export interface TestLogin {
  session: Session;
  refreshToken: string;
  clientId: string;
}

declare global {
  interface Window {
    testLogin?: TestLogin;
  }
}

/** The app's auth service: the test's session, renewed at the emulator's token endpoint. */
@Injectable()
class TestAuthService extends SalesforceAuth {
  private readonly login = window.testLogin as TestLogin;

  async currentSession(): Promise<Session> {
    return this.login.session;
  }

  async refresh(rejectedToken: string): Promise<void> {
    if (this.login.session.accessToken !== rejectedToken) return;
    const response = await fetch(`${this.login.session.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: this.login.clientId,
        refresh_token: this.login.refreshToken,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, string | undefined>;
    if (!response.ok || !body.access_token || !body.instance_url)
      throw new Error(`the token endpoint said: ${body.error_description ?? `HTTP ${response.status}`}`);
    this.login.session = { instanceUrl: body.instance_url, accessToken: body.access_token };
  }
}

bootstrapApplication(BulkInsertComponent, {
  providers: [
    provideZonelessChangeDetection(),
    provideSalesforce(),
    { provide: SalesforceAuth, useClass: TestAuthService },
  ],
}).catch((error: unknown) => console.error(error));
