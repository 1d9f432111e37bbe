// Query benchmark: kinetic-core queryRecords versus jsforce bulk2.query on one result page, each
// client in its own process against an emulator process seeded with the rows (8 columns with
// quoted text, commas, newlines and unicode). Prints a table; writes .tmp/bench/query.json.
// Usage: npm run bench:query [-- --sizes 100000,1000000]
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle, runChild, type Measurement } from '../support/child';

function sizes(): number[] {
  const at = process.argv.indexOf('--sizes');
  return (at >= 0 ? (process.argv[at + 1] ?? '') : '100000,1000000').split(',').map(Number);
}

async function main(): Promise<void> {
  const [server, kinetic, jsforce] = await Promise.all([
    bundle('bench/support/emulator-server.ts'),
    bundle('bench/query/client-kinetic.ts'),
    bundle('bench/query/client-jsforce.ts'),
  ]);
  const rows: (Measurement & { size: number })[] = [];
  for (const size of sizes()) {
    // one page holding everything, so jsforce's single-page path is what is measured
    const emulator = runChild<{ url: string; accessToken: string }>(
      server,
      ['--seed-accounts', String(size), '--page-size', String(size)],
      ['--max-old-space-size=20000'],
    );
    try {
      const { url, accessToken } = await emulator.result;
      for (const [file, args] of [
        [jsforce, []],
        [kinetic, ['records']],
        [kinetic, ['records', '50000']],
      ] as const) {
        const measured = await runChild<Measurement>(file, [url, accessToken, ...args], ['--max-old-space-size=8192'])
          .result;
        rows.push({ ...measured, size });
        console.log(`done: ${measured.label} (${size} rows)`);
      }
    } finally {
      emulator.kill();
    }
  }
  console.log('');
  console.log('| client | rows | wall s | rows/s | CPU s | peak RSS MB | note |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const rate = r.wallMs > 0 ? Math.round((r.success / r.wallMs) * 1000) : 0;
    console.log(
      `| ${r.label} | ${r.size.toLocaleString('en-US')} | ${(r.wallMs / 1000).toFixed(1)} | ${rate.toLocaleString('en-US')} | ${(r.cpuMs / 1000).toFixed(1)} | ${r.peakRssMb} | ${r.note ?? (r.success === r.size ? '' : `got ${r.success} rows`)} |`,
    );
  }
  const ours = rows.filter((r) => r.label === 'kinetic-core queryRecords');
  const small = ours.find((r) => r.size === Math.min(...sizes()));
  const large = ours.find((r) => r.size === Math.max(...sizes()));
  if (small && large) {
    console.log(
      `peak RSS at ${large.size} rows: ${large.peakRssMb} MB (target < 150), ${((large.peakRssMb / small.peakRssMb - 1) * 100).toFixed(0)}% over the ${small.size}-row figure (target <= 20%)`,
    );
  }
  for (const r of ours) {
    const js = rows.find((x) => x.size === r.size && x.label.startsWith('jsforce'));
    if (js && js.success > 0)
      console.log(`${r.size} rows: throughput ${(js.wallMs / r.wallMs).toFixed(2)}x jsforce (target >= 2)`);
  }
  writeFileSync(
    join(resolve(__dirname, '..', '..', '.tmp', 'bench'), 'query.json'),
    JSON.stringify({ date: new Date().toISOString(), rows }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
