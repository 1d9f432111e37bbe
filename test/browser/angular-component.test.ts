import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_CLIENT_ID, DEFAULT_USERNAME, startBulkEmulator, type BulkEmulator } from 'kinetic-core/testing';
import { buildAngularApp } from './angular-bundle';
import type { TestLogin } from './angular-app/main'; // the app the test bundles and runs
import { browserAvailability, CHROMIUM_PATH, launchChromium, type HeadlessBrowser } from './chromium';
import { serveFolder, type StaticServer } from './static-server';

// The component of docs/angular.md itself (docs/examples/angular), compiled by ngc and run
// zoneless in headless Chromium against the emulator with CORS.
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const availability = browserAvailability();

function csvFile(rows: number): { name: string; mimeType: string; buffer: Buffer } {
  const lines = ['Name,Industry'];
  for (let i = 1; i <= rows; i++) lines.push(`Angular Account ${i},Technology`);
  return { name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
}

if (availability === 'skip') {
  const reason = `Angular component test SKIPPED: ${CHROMIUM_PATH} not found (apt-get install -y chromium; CI installs it)`;
  console.warn(reason);
  test.skip(reason, () => undefined);
} else if (availability === 'missing-required') {
  test('headless Chromium is installed (KINETIC_REQUIRE_BROWSER=1)', () => {
    throw new Error(`KINETIC_REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: the Angular component test cannot run`);
  });
} else {
  describe('the docs/angular.md component in headless Chromium', () => {
    let emulator: BulkEmulator;
    let site: StaticServer;
    let browser: HeadlessBrowser;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      const outdir = join(ARTIFACTS, 'angular-app');
      await buildAngularApp(outdir);
      emulator = await startBulkEmulator({ cors: true, processing: { recordsPerSecond: 150, tickMs: 50 } });
      site = await serveFolder(outdir);
      browser = await launchChromium();
    }, 150_000);

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await emulator?.close();
    });

    beforeEach(() => {
      pageErrors.length = 0;
    });

    /** Opens the app signed in with a fresh token (and a refresh token, when given). */
    async function openApp(refreshToken = ''): Promise<Page> {
      const page = await browser.context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(`console: ${message.text()}`);
      });
      const login: TestLogin = {
        session: { instanceUrl: emulator.url, accessToken: emulator.issueAccessToken() },
        refreshToken,
        clientId: DEFAULT_CLIENT_ID,
      };
      await page.addInitScript((value) => {
        window.testLogin = value;
      }, login);
      await page.goto(`${site.url}/index.html`);
      await page.waitForSelector('app-bulk-insert input[type="file"]');
      return page;
    }

    /** Every text the component showed, in order (a MutationObserver on the page). */
    async function recordTexts(page: Page): Promise<() => Promise<string[]>> {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        const host = document.querySelector('app-bulk-insert') as Element;
        new MutationObserver(() => {
          const text = [...host.querySelectorAll('p')]
            .map((p) => p.textContent?.replace(/\s+/g, ' ').trim())
            .join(' | ');
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(host, { subtree: true, childList: true, characterData: true });
      });
      return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    }

    async function serverJob(ready: (state: string) => boolean, which = () => emulator.jobs.list().at(-1)) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const job = which();
        if (job && ready(job.state)) return job;
        if (Date.now() > deadline) throw new Error(`job state: ${job?.state ?? 'no job'}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    test('shows Reading at once, then the load, then its result', async () => {
      const page = await openApp();
      const texts = await recordTexts(page);
      await page.setInputFiles('input[type="file"]', csvFile(20));
      await page.waitForSelector('text=20 inserted, 0 failed', { timeout: 15_000 });
      const shown = await texts();
      expect(shown[0]).toBe('Reading the file…');
      expect(shown.at(-1)).toMatch(/^JobComplete: 20 of 20 \(100%\) \| 20 inserted, 0 failed$/);
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 30_000);

    test('after a failed load, the next file still loads', async () => {
      const page = await openApp();
      emulator.faults.next('ingest.create', 1, { kind: 'status', status: 400 });
      await page.setInputFiles('input[type="file"]', csvFile(3));
      await page.waitForSelector('[role="alert"]', { timeout: 15_000 });
      expect(await page.textContent('[role="alert"]')).toMatch(/^Load failed: ERROR_HTTP_400|^Load failed: \w+/);
      await page.setInputFiles('input[type="file"]', csvFile(4));
      await page.waitForSelector('text=4 inserted, 0 failed', { timeout: 15_000 });
      expect(await page.$('[role="alert"]')).toBeNull();
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 30_000);

    test('reloading the page aborts the running job on the server (pagehide, fetch keepalive)', async () => {
      const page = await openApp();
      // hold every PATCH in the browser for 300 ms, as a real network would (see browser-cancel.test.ts)
      const cdp = await browser.context.newCDPSession(page);
      cdp.on('Fetch.requestPaused', (event) => {
        const go = (): void =>
          void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
        if (event.request.method === 'PATCH') setTimeout(go, 300);
        else go();
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${emulator.url}/*`, requestStage: 'Request' }] });
      await page.setInputFiles('input[type="file"]', csvFile(3000));
      await page.waitForSelector('text=/^\\s*InProgress:/', { timeout: 15_000 });
      const running = await serverJob((state) => state === 'InProgress');
      await page.reload();
      const job = await serverJob(
        (state) => state !== 'InProgress',
        () => emulator.jobs.get(running.id),
      );
      expect(job.state).toBe('Aborted');
      await page.close();
    }, 40_000);

    test('a refresh failure shows its real cause, and the job is aborted, not left running', async () => {
      const page = await openApp(emulator.issueRefreshToken(DEFAULT_CLIENT_ID, DEFAULT_USERNAME));
      await page.setInputFiles('input[type="file"]', csvFile(3000));
      const running = await serverJob((state) => state === 'InProgress');
      emulator.expireTokens();
      emulator.faults.next('oauth.token', 1, { kind: 'status', status: 503 }); // the refresh fails once
      await page.waitForSelector('[role="alert"]', { timeout: 15_000 });
      expect((await page.textContent('[role="alert"]'))?.replace(/\s+/g, ' ').trim()).toBe(
        `Load failed: Session expired, and refreshing it failed (app OAuth session): the token endpoint said: HTTP 503 (job ${running.id})`,
      );
      const job = await serverJob(
        (state) => state !== 'InProgress',
        () => emulator.jobs.get(running.id),
      );
      expect(job.state).toBe('Aborted');
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 40_000);
  });
}
