import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKinetic } from '../../src/cli/kinetic.js';
import { startBulkEmulator, type BulkEmulator } from '../../src/testing/index.js';
import { eventually } from '../support/emulator-client.js';
import { fakeProcess, renderScreen } from './fake-tty';

// On a terminal: what a person sees once the bars and the live line have been drawn, checked on
// a rendered 80-column screen (run in process, with stdout and stderr that say they are terminals).

const COLUMNS = 80;
/** A bar line: ` <job id> <bar> <value>/<total> | <n> failed | <state>` */
const BAR = /^ (750\w{15}) [\u2588\u2591]+ [\d,]+\/[\d,]+ \| [\d,]+ failed \| (\w+)$/;

describe('kinetic on a terminal', () => {
  let dir: string;
  let fast: BulkEmulator;
  let slow: BulkEmulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-tty-'));
    [fast, slow] = await Promise.all([
      startBulkEmulator({ processing: 'instant' }),
      startBulkEmulator({ processing: { recordsPerSecond: 500, tickMs: 20 } }),
    ]);
    writeFileSync(
      join(dir, 'rows.csv'),
      `Name,Industry\n${Array.from({ length: 6_000 }, (_, i) => `${i % 100 === 99 ? '' : `Tty ${i}`},Tech`).join('\n')}\n`,
    );
  });

  afterAll(async () => {
    await Promise.all([fast.close(), slow.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const flags = (emulator: BulkEmulator): string[] => [
    '--instance-url',
    emulator.url,
    '--access-token',
    emulator.accessToken,
    '--poll-interval',
    '50',
  ];

  it('bars fit an 80-column terminal with their failed count and state', async () => {
    const tty = fakeProcess(COLUMNS);
    const code = await runKinetic(
      [
        'insert',
        'Account',
        '--file',
        join(dir, 'rows.csv'),
        '--max-records-per-job',
        '3000',
        '--results-dir',
        join(dir, 'done'),
        ...flags(fast),
      ],
      tty.io,
    );
    expect(code).toBe(1);
    const ids = [...tty.stdout.text.matchAll(/job (750\w{15}) JobComplete/g)].map((m) => m[1] ?? '');
    expect(ids).toHaveLength(2);
    const screen = renderScreen(tty.stderr.text, COLUMNS);
    for (const id of ids) {
      const bars = screen.filter((line) => line.includes(id));
      expect(bars).toHaveLength(1);
      expect(bars[0]).toMatch(BAR);
      expect(bars[0]).toMatch(/ 3,000\/3,000 \| 30 failed \| JobComplete$/);
    }
  });

  it('Ctrl-C during a load: the note stays on screen above the bars, each bar drawn once', async () => {
    const tty = fakeProcess(COLUMNS);
    const args = [
      'insert',
      'Account',
      '--file',
      join(dir, 'rows.csv'),
      '--max-records-per-job',
      '2000',
      '--concurrency',
      '2',
      '--results-dir',
      join(dir, 'never'),
      ...flags(slow),
    ];
    const running = runKinetic(args, tty.io);
    // two distinct jobs running (one job's bar redrawn twice is not enough: the second may not exist yet)
    const running2 = (): number =>
      new Set([...tty.stderr.text.matchAll(/(750\w{15})[^\r\n]*?InProgress/g)].map((m) => m[1])).size;
    await eventually(() => running2() >= 2, 10_000);
    tty.sigint();
    expect(await running).toBe(130);

    const screen = renderScreen(tty.stderr.text, COLUMNS);
    const note = screen.indexOf('Ctrl-C: aborting the open jobs on the server (Ctrl-C again quits at once)');
    expect(note).toBeGreaterThanOrEqual(0);
    const aborted = screen
      .map((line) => /^aborted job (\w+) on the server \([\d,]+ processed, [\d,]+ failed\)$/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(aborted).toHaveLength(2);
    for (const id of aborted) {
      expect(slow.jobs.get(id)?.state).toBe('Aborted');
      const bars = screen.filter((line) => line.startsWith(` ${id} `));
      expect(bars).toHaveLength(1);
      expect(bars[0]).toMatch(BAR);
      expect(screen.indexOf(bars[0] ?? '')).toBeGreaterThan(note);
    }
    expect(existsSync(join(dir, 'never', 'load-journal.json'))).toBe(true);
  });

  it('Ctrl-C during an export: the note gets its own line, not the end of the live line', async () => {
    slow.org.insert(
      'Account',
      Array.from({ length: 5_000 }, (_, i) => ({ Name: `Q ${i}` })),
    );
    const tty = fakeProcess(COLUMNS);
    const running = runKinetic(
      ['query', 'SELECT Id, Name FROM Account', '--out', join(dir, 'export.csv'), ...flags(slow)],
      tty.io,
    );
    await eventually(() => /InProgress \|/.test(tty.stderr.text), 10_000);
    tty.sigint();
    expect(await running).toBe(130);

    const screen = renderScreen(tty.stderr.text, COLUMNS);
    expect(screen).toContain('Ctrl-C: stopping the export and aborting its job (Ctrl-C again quits at once)');
    // the live line, redrawn below the note (its last state is InProgress or, once the abort was read back, Aborted)
    const live = screen.filter((line) => /^ job \w+ (InProgress|Aborted) \| 0 rows \| 0 B$/.test(line));
    expect(live.length).toBeGreaterThanOrEqual(1);
    expect(screen.some((line) => /^aborted job \w+ on the server$/.test(line))).toBe(true);
    expect(existsSync(join(dir, 'export.csv.partial'))).toBe(false);
  });
});
