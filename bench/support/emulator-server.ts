// Runs the emulator in its own process for benchmarks, so the client's CPU and memory are measured alone.
import { startBulkEmulator } from '../../src/testing/index';

async function main(): Promise<void> {
  const emulator = await startBulkEmulator({ processing: 'instant', maxUploadBytes: 400_000_000, queryPageSize: 50_000 });
  process.stdout.write(`${JSON.stringify({ url: emulator.url, accessToken: emulator.accessToken })}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
