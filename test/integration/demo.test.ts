import { createDemoOutput } from '../../src/demo/demo-output.js';
import { runDemo, type DemoSummary } from '../../src/demo/index.js';

// The `npm start` demo, run in-process with small loads: every step must do what it prints.

describe('npm start demo', () => {
  let output = '';
  let summary: DemoSummary;

  beforeAll(async () => {
    summary = await runDemo({
      records: 2_000,
      recordsPerSecond: 8_000,
      pollIntervalMs: 25,
      tty: false,
      write: (chunk) => (output += chunk),
    });
  });

  it('step 1 inserts every record, with progress lines and a summary', () => {
    expect(summary.insert).toMatchObject({ state: 'JobComplete', successCount: 2_000, failedCount: 0 });
    expect(output).toContain('1. Insert 2,000 Account records');
    // not a TTY: one plain line per reading, no carriage returns or escape codes
    expect(output).toMatch(/^ {2}InProgress +\[#*-*\] +[\d,]+ \/ 2,000/m);
    expect(output).toMatch(/^ {2}JobComplete +\[#{24}\] +2,000 \/ 2,000 \(100%\)/m);
    expect(output).not.toContain('\r');
    expect(output).not.toContain('\u001b');
    expect(output).toContain('2,000 inserted, 0 failed');
  });

  it('step 2 upserts on External_Key__c and prints each failed row with code, message and fields', () => {
    expect(summary.upsert.inserted).toBe(2);
    expect(summary.upsert.updated).toBe(2);
    expect(summary.upsert.errors.map((e) => [e.key, e.statusCode, e.fields])).toEqual([
      ['NEW-00003', 'REQUIRED_FIELD_MISSING', ['Name']],
      ['NEW-00004', 'DUPLICATE_VALUE', []],
      ['ACC-00004', 'INVALID_TYPE_ON_FIELD_IN_RECORD', ['NumberOfEmployees']],
    ]);
    expect(output).toContain('4 saved (2 inserted, 2 updated), 3 failed:');
    expect(output).toContain('message: Required fields are missing: [Name]');
    expect(output).toMatch(
      /message: duplicate value found: Duns_Number__c duplicates value on record with id: 001\w{15}/,
    );
    expect(output).toContain('fields:  NumberOfEmployees');
  });

  it('step 3 streams every matching row over several result pages', () => {
    // every fifth demo account is in Technology, plus one inserted by the upsert
    expect(summary.query.rows).toBe(2_000 / 5 + 1);
    expect(summary.query.pages).toBe(5); // pages of at most 100 rows
    expect(summary.query.firstRows.map((r) => r.External_Key__c)).toEqual(['ACC-00000', 'ACC-00005', 'ACC-00010']);
    expect(output).toContain('401 rows streamed from 5 result pages');
  });

  it('step 4 cancels the second load and the server shows it Aborted part-way', () => {
    expect(summary.cancel.serverState).toBe('Aborted');
    expect(summary.cancel.processedBeforeAbort).toBeGreaterThan(0);
    expect(summary.cancel.processedBeforeAbort).toBeLessThan(2_000);
    expect(output).toMatch(/job 750\w{15} is Aborted after [\d,]+ of 2,000 rows/);
  });

  it('stops the emulator before it resolves', async () => {
    await expect(fetch(`${summary.url}/services/data/v66.0/jobs/ingest`)).rejects.toThrow();
    expect(output).toMatch(/Done in \d+\.\d s/);
  });
});

describe('demo output', () => {
  it('redraws the progress line in place on a terminal and ends it before the next line', () => {
    let written = '';
    const out = createDemoOutput((chunk) => (written += chunk), true);
    out.progress('10%');
    out.progress('20%');
    out.line('done');
    out.endProgress();
    expect(written).toBe('\r10%\u001b[K\r20%\u001b[K\ndone\n');
  });

  it('writes one plain line per reading elsewhere', () => {
    let written = '';
    const out = createDemoOutput((chunk) => (written += chunk), false);
    out.progress('10%');
    out.progress('20%');
    out.line('done');
    expect(written).toBe('10%\n20%\ndone\n');
  });
});
