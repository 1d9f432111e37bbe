// kinetic-core alone: one insert of N records, then one queryRecords of N rows of the same 8
// columns, each in its own process against its own emulator; prints both and the CPU ratio
// (issue target: insert CPU <= 2.5x query CPU). For quick iterations on ingest speed and memory.
// Usage: node bench/run-ts.mjs bench/ingest/kinetic-only.ts [--records 200000] [--mode all|failed] [--no-query]
// KINETIC_PROFILE=1 writes CPU profiles of the insert into .tmp/prof and of the query into .tmp/prof-query.
import { bundle, runChild, type Measurement } from '../support/child';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function measured(
  server: string,
  serverArgs: string[],
  client: string,
  clientArgs: string[],
  nodeArgs: string[] = [],
): Promise<Measurement> {
  const emulator = runChild<{ url: string; accessToken: string }>(server, serverArgs, ['--max-old-space-size=20000']);
  try {
    const { url, accessToken } = await emulator.result;
    return await runChild<Measurement>(
      client,
      [url, accessToken, ...clientArgs],
      ['--max-old-space-size=8192', ...nodeArgs],
    ).result;
  } finally {
    emulator.kill();
  }
}

async function main(): Promise<void> {
  const records = arg('records', '200000');
  const mode = arg('mode', 'all');
  const [server, ingest, query] = await Promise.all([
    bundle('bench/support/emulator-server.ts'),
    bundle('bench/ingest/client-kinetic.ts'),
    bundle('bench/query/client-kinetic.ts'),
  ]);
  const profile = process.env.KINETIC_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof'] : [];
  const insert = await measured(server, [], ingest, [records, mode], profile);
  console.log(JSON.stringify(insert));
  if (process.argv.includes('--no-query')) return;
  const queryProfile = process.env.KINETIC_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof-query'] : [];
  const read = await measured(
    server,
    ['--seed-accounts', records, '--page-size', records],
    query,
    ['records'],
    queryProfile,
  );
  console.log(JSON.stringify(read));
  console.log(`insert CPU / query CPU: ${(insert.cpuMs / read.cpuMs).toFixed(2)} (target <= 2.5)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
