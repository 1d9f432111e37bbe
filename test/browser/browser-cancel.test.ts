import { mkdirSync, rmSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import { AccessTokenAuthenticator, SalesforceClient } from 'kinetic-core';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_CLIENT_ID, DEFAULT_USERNAME } from 'kinetic-core/testing';
import type { QueryProbeOutcome } from './query-probe';
import { startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import { browserAvailability, CHROMIUM_PATH, launchChromium, type HeadlessBrowser } from './chromium';
import { bundleBrowserExample } from './example-bundle';
import { serveFolder, type StaticServer } from './static-server';

// The example page (docs/examples/browser) in headless Chromium against the emulator with
// CORS: the page and the emulator are two origins, so every call is a real cross-origin
// XHR with preflights, as in an app talking to Salesforce.
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const availability = browserAvailability();

function csvFile(rows: number): { name: string; mimeType: string; buffer: Buffer } {
  const lines = ['Name,Industry'];
  for (let i = 1; i <= rows; i++) lines.push(`Browser Account ${i},Technology`);
  return { name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
}

if (availability === 'skip') {
  const reason = `headless Chromium test SKIPPED: ${CHROMIUM_PATH} not found (apt-get install -y chromium; CI installs it)`;
  console.warn(reason);
  test.skip(reason, () => undefined);
} else if (availability === 'missing-required') {
  test('headless Chromium is installed (KINETIC_REQUIRE_BROWSER=1)', () => {
    throw new Error(`KINETIC_REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: the browser test cannot run`);
  });
} else {
  describe('browser example in headless Chromium', () => {
    let emulator: BulkEmulator;
    let site: StaticServer;
    let browser: HeadlessBrowser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      const outdir = join(ARTIFACTS, 'browser-example');
      rmSync(outdir, { recursive: true, force: true });
      await bundleBrowserExample(outdir);
      // slow enough that a 3,000-row job runs ~20 s: plenty of time to see progress and cancel
      // queryPageSize 7: the probe's query spans several pages, chained by Sforce-Locator
      emulator = await startBulkEmulator({
        cors: true,
        processing: { recordsPerSecond: 150, tickMs: 50 },
        queryPageSize: 7,
      });
      site = await serveFolder(outdir);
      browser = await launchChromium();
      page = await browser.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Chromium logs every 4xx/5xx answer; the failures the tests provoke are asserted on the page
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(`console: ${message.text()}`);
      });
    }, 30_000);

    beforeEach(() => {
      pageErrors.length = 0;
    });

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await emulator?.close();
    });

    function pageUrl(): string {
      const params = new URLSearchParams({
        instanceUrl: emulator.url,
        sobject: 'Account',
        pollMs: '150',
        clientId: DEFAULT_CLIENT_ID,
      });
      return `${site.url}/index.html?${params.toString()}`;
    }

    /** Opens the example; the tokens are typed in, not put in a URL, so they cannot show up in a failure message. */
    async function openPage(on: Page = page, refreshToken = ''): Promise<void> {
      await on.goto(pageUrl());
      await on.fill('#token', emulator.issueAccessToken()); // a fresh one: a test below expires every token
      await on.fill('#refresh-token', refreshToken);
      expect(await on.inputValue('#instance-url')).toBe(emulator.url);
    }

    /** Waits until the emulator's job satisfies `ready` (the server's view, not the page's). */
    async function serverJob(ready: (state: string) => boolean, which = () => emulator.jobs.list().at(-1)) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const job = which();
        if (job && ready(job.state)) return job;
        if (Date.now() > deadline) throw new Error(`job state: ${job?.state ?? 'no job'}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    /** Clicks Start and reads the page in the same task: what shows before any network answer. */
    const startAndReadAtOnce = (on: Page): Promise<[string | null, string | undefined]> =>
      on.evaluate(() => {
        document.querySelector<HTMLButtonElement>('#start')?.click();
        return [document.querySelector('#status')?.textContent ?? null, document.body.dataset.phase];
      });

    const updates = (): Promise<number> =>
      page.$eval('#progress', (bar) => Number((bar as HTMLProgressElement).dataset.updates ?? 0));
    const processedOnPage = (): Promise<number> =>
      page.$eval('#counts', (el) => Number(/^(\d+)/.exec(el.textContent ?? '')?.[1] ?? 0));

    test('shows a reading state at once, then live progress, and Cancel leaves the job Aborted on the server', async () => {
      await openPage();
      await page.setInputFiles('#file', csvFile(3000));
      // the page says what it is doing before the file is even read
      expect(await startAndReadAtOnce(page)).toEqual(['Reading the file', 'reading']);

      // live updates: the bar moves at least twice while the job is InProgress
      await page.waitForFunction(
        () => Number(document.querySelector<HTMLProgressElement>('#progress')?.value) > 0,
        undefined,
        { timeout: 10_000 },
      );
      const firstProcessed = await processedOnPage();
      const firstUpdates = await updates();
      await page.waitForFunction(
        (before) => Number(/^(\d+)/.exec(document.querySelector('#counts')?.textContent ?? '')?.[1] ?? 0) > before,
        firstProcessed,
        { timeout: 10_000 },
      );
      expect(await updates()).toBeGreaterThan(firstUpdates);
      expect(await page.textContent('#status')).toBe('InProgress');
      expect(await page.getAttribute('body', 'data-phase')).toBe('running');

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'browser-mid-load.png'), fullPage: true });

      await page.click('#cancel');
      await page.waitForSelector('body[data-phase="cancelled"]', { timeout: 10_000 });
      expect(await page.textContent('#status')).toBe('Cancelled: the job is Aborted on the server');
      expect(await page.textContent('#result')).toBe('');

      const jobs = emulator.jobs.list();
      expect(jobs).toHaveLength(1);
      const [job] = jobs;
      expect(job?.state).toBe('Aborted');
      expect(job?.numberRecordsProcessed).toBeGreaterThan(0);
      expect(job?.numberRecordsProcessed).toBeLessThan(3000);
      expect(pageErrors).toEqual([]);
    }, 30_000);

    test('a small load runs to the end and downloads its results in the browser', async () => {
      const before = emulator.org.count('Account');
      await openPage();
      await page.setInputFiles('#file', csvFile(30));
      await page.click('#start');
      await page.waitForSelector('body[data-phase="done"], body[data-phase="failed"]', { timeout: 10_000 });
      expect(await page.textContent('#error')).toBe('');
      // the counts come from the streamed result files (successfulResults, failedResults, unprocessedrecords)
      expect(await page.textContent('#result')).toBe('Done: 30 inserted, 0 failed, 0 unprocessed.');
      expect(await page.textContent('#status')).toBe('JobComplete');
      expect(await page.$eval('#progress', (bar) => (bar as HTMLProgressElement).value)).toBe(100);
      expect(emulator.org.count('Account') - before).toBe(30);
      expect(emulator.jobs.list().at(-1)?.state).toBe('JobComplete');
      // keepaliveTransport: JSON calls and this small upload go over fetch keepalive; result
      // files are streamed over fetch by axios (XHR cannot stream)
      const initiators = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map(
            (e) =>
              `${(e as PerformanceResourceTiming).initiatorType} ${new URL(e.name).pathname.split('/').pop() ?? ''}`,
          ),
      );
      expect(initiators.filter((entry) => /Results$|unprocessedrecords$/.test(entry)).sort()).toEqual([
        'fetch failedResults',
        'fetch successfulResults',
        'fetch unprocessedrecords',
      ]);
      expect(initiators.filter((entry) => entry.startsWith('fetch')).length).toBeGreaterThanOrEqual(7);
      expect(initiators.filter((entry) => entry.startsWith('xmlhttprequest'))).toEqual([]);
      expect(pageErrors).toEqual([]);
    }, 20_000);

    test('after a failed load, the next load works', async () => {
      const jobsBefore = emulator.jobs.list().length;
      await openPage();
      await page.fill('#sobject', 'NoSuchObject__c');
      await page.setInputFiles('#file', csvFile(5));
      await page.click('#start');
      await page.waitForSelector('body[data-phase="failed"]', { timeout: 10_000 });
      expect(await page.textContent('#status')).toBe('Failed');
      expect(await page.textContent('#error')).toMatch(/NoSuchObject__c/);

      // the same page, no reload: the page's subscription survived the failed load
      await page.fill('#sobject', 'Account');
      await page.click('#start');
      await page.waitForSelector('body[data-phase="done"], body[data-phase="failed"]', { timeout: 10_000 });
      expect(await page.textContent('#error')).toBe('');
      expect(await page.textContent('#result')).toBe('Done: 5 inserted, 0 failed, 0 unprocessed.');
      expect(
        emulator.jobs
          .list()
          .slice(jobsBefore)
          .map((job) => job.state),
      ).toEqual(['JobComplete']);
      expect(pageErrors).toEqual([]);
    }, 20_000);

    test.each(['closing the tab', 'reloading the page'])(
      '%s aborts the running job on the server (pagehide, the abort sent with fetch keepalive)',
      async (how) => {
        const tab = await browser.context.newPage();
        // hold every PATCH in the browser for 300 ms, as a real network's round trips (a new
        // connection, a CORS preflight) would: on loopback an XHR is on the wire at once, and
        // would reach the server even though the browser cancels it when the page goes away
        const cdp = await browser.context.newCDPSession(tab);
        cdp.on('Fetch.requestPaused', (event) => {
          const go = (): void =>
            void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
          if (event.request.method === 'PATCH') setTimeout(go, 300);
          else go();
        });
        await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${emulator.url}/*`, requestStage: 'Request' }] });
        await openPage(tab);
        await tab.setInputFiles('#file', csvFile(3000));
        await tab.click('#start');
        await tab.waitForFunction(() => document.querySelector('#status')?.textContent === 'InProgress', undefined, {
          timeout: 10_000,
        });
        const running = await serverJob((state) => state === 'InProgress');
        if (how === 'closing the tab') await tab.close();
        else await tab.reload();
        const job = await serverJob(
          (state) => state !== 'InProgress',
          () => emulator.jobs.get(running.id),
        );
        expect(job.state).toBe('Aborted');
        expect(job.numberRecordsProcessed).toBeLessThan(3000);
        if (!tab.isClosed()) await tab.close();
      },
      30_000,
    );

    test('a refresh failure shows its real cause, and the job it interrupted is aborted, not left Open', async () => {
      const refreshToken = emulator.issueRefreshToken(DEFAULT_CLIENT_ID, DEFAULT_USERNAME);
      await openPage(page, refreshToken);
      await page.setInputFiles('#file', csvFile(3000));
      // hold the upload, so the token expires while the job is Open
      emulator.faults.next('ingest.upload', 1, { kind: 'latency', ms: 1500 });
      await page.click('#start');
      const open = await serverJob((state) => state === 'Open');
      emulator.expireTokens();
      emulator.faults.next('oauth.token', 1, { kind: 'status', status: 503 }); // the refresh fails once

      await page.waitForSelector('body[data-phase="failed"]', { timeout: 10_000 });
      const error = await page.textContent('#error');
      expect(error).toBe(
        `Session expired, and refreshing it failed (app OAuth session): the token endpoint said: HTTP 503 (job ${open.id})`,
      );
      // the SDK aborts the job when the load fails; that abort refreshes again, and this time it works
      const job = await serverJob(
        (state) => state !== 'Open',
        () => emulator.jobs.get(open.id),
      );
      expect(job.state).toBe('Aborted');
      expect(emulator.jobs.list().filter((j) => j.state === 'Open')).toEqual([]);
      expect(error).not.toContain(refreshToken);
      expect(pageErrors).toEqual([]);
    }, 30_000);

    test('a refresh token that was revoked: the cause (invalid_grant) and the job id are shown', async () => {
      const refreshToken = emulator.issueRefreshToken(DEFAULT_CLIENT_ID, DEFAULT_USERNAME);
      await openPage(page, refreshToken);
      await page.setInputFiles('#file', csvFile(3000));
      await page.click('#start');
      const running = await serverJob((state) => state === 'InProgress');
      emulator.revokeToken(refreshToken);
      emulator.expireTokens();

      await page.waitForSelector('body[data-phase="failed"]', { timeout: 10_000 });
      expect(await page.textContent('#error')).toBe(
        'Session expired, and refreshing it failed (app OAuth session): the token endpoint said: ' +
          `expired access/refresh token (invalid_grant) (job ${running.id})`,
      );
      // no session, so nothing could abort it; after a new sign-in, the id shown is enough
      expect(emulator.jobs.get(running.id)?.state).toBe('InProgress');
      const signedInAgain = new SalesforceClient({
        auth: new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken() }),
      });
      expect((await lastValueFrom(signedInAgain.bulk.abortJob(running.id))).state).toBe('Aborted');
      expect(pageErrors).toEqual([]);
    }, 30_000);

    test('a query streams every page in the browser', async () => {
      emulator.org.insert(
        'Account',
        Array.from({ length: 20 }, (_, i) => ({ Name: `Seeded ${i}` })),
      );
      await openPage();
      await page.addScriptTag({ url: `${site.url}/query-probe.js`, type: 'module' });
      await page.waitForFunction(() => window.queryProbe !== undefined, undefined, { timeout: 10_000 });
      const outcome = await page.evaluate(() => window.queryProbe as QueryProbeOutcome);
      const expected = emulator.org.count('Account');
      expect(expected).toBeGreaterThanOrEqual(20); // at least three pages
      expect(outcome).toEqual({ rows: expected, distinctIds: expected });
      expect(emulator.stats().requests['query.results']?.GET).toBe(Math.ceil(expected / 7));
      expect(pageErrors).toEqual([]);
    }, 20_000);
  });
}
