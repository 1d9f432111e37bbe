// src/app/salesforce.providers.ts
import { inject, type Provider } from '@angular/core';
import { SalesforceClient, fixedPolling, keepaliveTransport } from 'kinetic-core';
import { AppSessionAuthenticator } from './app-session.authenticator';
import { SalesforceAuth } from './salesforce-auth';

/** `providers: [provideSalesforce()]` in `app.config.ts` (or a route's providers). */
export function provideSalesforce(): Provider[] {
  return [
    {
      provide: SalesforceClient,
      useFactory: () =>
        new SalesforceClient({
          auth: new AppSessionAuthenticator(inject(SalesforceAuth)),
          // the abort sent when the page goes away must outlive the page: fetch keepalive
          transport: keepaliveTransport(),
          pollPolicy: fixedPolling(2000),
          callOptions: 'client=my-angular-app',
        }),
    },
  ];
}
