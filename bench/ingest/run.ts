// Ingest benchmark: kinetic-core versus jsforce on the same records, each client in its own
// process against one emulator process (instant processing). Prints a table; writes
// .tmp/bench/ingest.json for docs/benchmarks.md.
// Usage: npm run bench:ingest [-- --records 1000000 --split-records 5000000 --split-bytes 50000000]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle, runChild, type Measurement } from '../support/child';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const records = arg('records', 1_000_000);
  const splitRecords = arg('split-records', 5_000_000);
  const splitBytes = arg('split-bytes', 20_000_000);
  const [server, kinetic, jsforce] = await Promise.all([
    bundle('bench/support/emulator-server.ts'),
    bundle('bench/ingest/client-kinetic.ts'),
    bundle('bench/ingest/client-jsforce.ts'),
  ]);
  const rows: Measurement[] = [];
  const run = async (file: string, args: string[], heap = '8192'): Promise<void> => {
    // a fresh emulator per run, so no run pays for another's data
    const emulator = runChild<{ url: string; accessToken: string }>(server, [], ['--max-old-space-size=20000']);
    try {
      const { url, accessToken } = await emulator.result;
      const measured = await runChild<Measurement>(file, [url, accessToken, ...args], [`--max-old-space-size=${heap}`])
        .result;
      rows.push(measured);
      console.log(`done: ${measured.label} (${measured.records} records)`);
    } finally {
      emulator.kill();
    }
  };
  await run(jsforce, [String(records), 'records']);
  await run(jsforce, [String(records), 'csv']);
  await run(kinetic, [String(records), 'all']);
  await run(kinetic, [String(records), 'failed']);
  if (splitRecords > 0) await run(kinetic, [String(splitRecords), 'split', String(splitBytes)], '1024');

  console.log('');
  console.log('| client | records | jobs | wall s | CPU s | peak RSS MB | success | failed | unprocessed | note |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.records.toLocaleString('en-US')} | ${r.jobs} | ${(r.wallMs / 1000).toFixed(1)} | ${(r.cpuMs / 1000).toFixed(1)} | ${r.peakRssMb} | ${r.success} | ${r.failed} | ${r.unprocessed} | ${r.note ?? ''} |`,
    );
  }
  // compare against the jsforce run that completed (the record-array path loses rows on large inputs)
  const js = rows.find((r) => r.label.startsWith('jsforce') && !r.note);
  const ours = rows.filter((r) => r.label.startsWith('kinetic') && r.records === records);
  if (js) {
    for (const r of ours) {
      console.log(
        `${r.label}: CPU ${(r.cpuMs / js.cpuMs).toFixed(2)}x jsforce (target <= 0.5), peak RSS ${(r.peakRssMb / js.peakRssMb).toFixed(2)}x jsforce (target <= 0.5)`,
      );
    }
  }
  const split = rows.find((r) => r.records === splitRecords && r.label.includes('async generator'));
  if (split) {
    const accounted = split.success + split.failed + split.unprocessed === splitRecords;
    console.log(
      `split load: ${split.jobs} jobs (target >= 6), peak RSS ${split.peakRssMb} MB (target < 300), every record accounted: ${accounted}`,
    );
  }
  const out = resolve(__dirname, '..', '..', '.tmp', 'bench');
  writeFileSync(join(out, 'ingest.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
