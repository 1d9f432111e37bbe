/**
 * `npm start`: runs the demo against an embedded emulator and exits.
 * Options: `--records 50000` (size of the large loads), `--rate 25000` (records/s).
 */
import { parseArgs } from 'node:util';
import { runDemo } from './run-demo.js';

function positive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${flag} must be a positive integer, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { records: { type: 'string' }, rate: { type: 'string' } }, strict: true });
  const records = positive('records', values.records);
  const recordsPerSecond = positive('rate', values.rate);
  const summary = await runDemo({
    ...(records !== undefined ? { records } : {}),
    ...(recordsPerSecond !== undefined ? { recordsPerSecond } : {}),
  });
  // the point of step 4 is the server-side Aborted state: anything else is a failed demo
  if (summary.cancel.serverState !== 'Aborted') {
    process.stderr.write(`The cancelled job ended ${summary.cancel.serverState ?? 'unknown'} instead of Aborted\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
