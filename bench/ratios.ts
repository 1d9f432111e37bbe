// The ratios issue 17 sets, from the figures the query and ingest benchmarks of one `npm run bench`
// wrote (.tmp/bench/query.json, .tmp/bench/ingest.json): a 1,000,000-record insert against the
// 1,000,000-row query, with every result row kept, and peak memory against the targets.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Row {
  readonly label: string;
  readonly records: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly size?: number;
}

// run from the repository root (npm run bench); this file itself is bundled into .tmp/bench first
const dir = resolve('.tmp', 'bench');
const read = (file: string): Row[] => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { rows: Row[] }).rows;
const query = read('query.json').find((r) => r.label === 'kinetic-core queryRecords' && r.size === 1_000_000);
const ingest = read('ingest.json');
const all = ingest.find((r) => r.label === 'kinetic-core insert' && r.records === 1_000_000);
const failed = ingest.find((r) => r.label.includes("resultRows: 'failed'") && r.records === 1_000_000);
const split = ingest.find((r) => r.label.includes('async generator'));
if (!query || !all) throw new Error('run npm run bench:query and npm run bench:ingest first (1,000,000 rows each)');
console.log(
  `insert 1,000,000 (every result row kept): CPU ${(all.cpuMs / 1000).toFixed(1)} s = ${(all.cpuMs / query.cpuMs).toFixed(2)}x the 1,000,000-row query's ${(query.cpuMs / 1000).toFixed(1)} s (target <= 2.5x); peak RSS ${all.peakRssMb} MB (target <= 600)`,
);
if (failed) console.log(`insert 1,000,000, resultRows 'failed': peak RSS ${failed.peakRssMb} MB (target <= 250)`);
if (split)
  console.log(`split load of ${split.records.toLocaleString('en-US')}: peak RSS ${split.peakRssMb} MB (target < 300)`);
