import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
        if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
      });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await emulator?.close();
    });

    async function openPage(): Promise<void> {
      await page.goto(
        `${site.url}/index.html?instanceUrl=${encodeURIComponent(emulator.url)}&sobject=Account&pollMs=150`,
      );
      // the token is typed in, not put in a URL, so it cannot show up in a failure message
      await page.fill('#token', emulator.accessToken);
      expect(await page.inputValue('#instance-url')).toBe(emulator.url);
    }

    const updates = (): Promise<number> =>
      page.$eval('#progress', (bar) => Number((bar as HTMLProgressElement).dataset.updates ?? 0));
    const processedOnPage = (): Promise<number> =>
      page.$eval('#counts', (el) => Number(/^(\d+)/.exec(el.textContent ?? '')?.[1] ?? 0));

    test('shows live progress, and Cancel leaves the job Aborted on the server', async () => {
      await openPage();
      await page.setInputFiles('#file', csvFile(3000));
      await page.click('#start');

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
      // reads are streamed over fetch (XHR cannot stream, and the size caps hold while a body
      // arrives); calls with a body (create, upload, close) go over XHR, which reports upload progress
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
      expect(initiators.filter((entry) => entry.startsWith('xmlhttprequest')).length).toBeGreaterThanOrEqual(3);
      expect(initiators).toContain('xmlhttprequest batches');
      expect(pageErrors).toEqual([]);
    }, 20_000);

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
