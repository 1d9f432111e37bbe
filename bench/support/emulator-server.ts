// Runs the emulator in its own process for benchmarks, so the client's CPU and memory are measured alone.
import { startBulkEmulator } from '../../src/testing/index';
import { benchRecord } from './records';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const seed = arg('seed-accounts', 0);
  const emulator = await startBulkEmulator({
    processing: 'instant',
    maxUploadBytes: 400_000_000,
    queryPageSize: arg('page-size', 50_000),
  });
  // rows for query benchmarks, inserted straight into the org in batches
  for (let start = 0; start < seed; start += 10_000) {
    const batch = [];
    for (let i = start; i < Math.min(seed, start + 10_000); i++) batch.push(benchRecord(i));
    emulator.org.insert('Account', batch);
  }
  process.stdout.write(`${JSON.stringify({ url: emulator.url, accessToken: emulator.accessToken })}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
