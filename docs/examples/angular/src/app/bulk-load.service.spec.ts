// src/app/bulk-load.service.spec.ts
import { TestBed } from '@angular/core/testing';
import { NEVER, lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient, fixedPolling } from 'kinetic-core';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import { BulkLoadService } from './bulk-load.service';

describe('BulkLoadService', () => {
  let emulator: BulkEmulator;

  beforeEach(async () => {
    // jsdom sends real XHRs from its own origin: the emulator must answer CORS
    emulator = await startBulkEmulator({ processing: 'instant', cors: true });
    const auth = new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.accessToken });
    TestBed.configureTestingModule({
      providers: [
        { provide: SalesforceClient, useValue: new SalesforceClient({ auth, pollPolicy: fixedPolling(10) }) },
      ],
    });
  });

  afterEach(async () => {
    await TestBed.inject(SalesforceClient).whenSettled(); // aborts sent by unsubscribes have been answered
    await emulator.close();
  });

  it('reads the file, then inserts its rows', async () => {
    const file = new File(['Name,Industry\nAcme,Energy\nGlobex,Retail\n'], 'accounts.csv', { type: 'text/csv' });
    const load = TestBed.inject(BulkLoadService).insertCsv('Account', file, NEVER);
    const views = await lastValueFrom(load.pipe(toArray()));
    expect(views[0]?.state).toBe('Reading');
    expect(views.at(-1)?.result?.successCount).toBe(2);
    expect(emulator.org.count('Account')).toBe(2);
  });

  it('turns a failure into a view with the reason', async () => {
    const file = new File(['Name\nAcme\n'], 'accounts.csv', { type: 'text/csv' });
    const views = await lastValueFrom(
      TestBed.inject(BulkLoadService).insertCsv('Nope__c', file, NEVER).pipe(toArray()),
    );
    expect(views.at(-1)?.error).toContain('Nope__c');
    expect(views.at(-1)?.done).toBe(true);
  });
});
