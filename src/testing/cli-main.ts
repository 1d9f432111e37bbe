import { parseArgs } from 'node:util';
import { startBulkEmulator } from './emulator.js';
import type { BulkEmulator } from './emulator-types.js';
import type { ProcessingMode } from './jobs/processing-engine.js';

/**
 * The port of the emulator commands (`kinetic-emulator`, `kinetic emulator`) when none is given:
 * a fixed one, so that the URL to export stays the same from run to run. `--port 0` picks a free
 * port; `startBulkEmulator()` in code always does unless told otherwise.
 */
export const DEFAULT_CLI_PORT = 8080;

/** Usage text of the emulator command. */
export const CLI_USAGE = [
  'Usage: kinetic-emulator [--port 8080] [--host 127.0.0.1] [--rate 5000|instant] [--token-lifetime ms] [--cors [*|origin,...]]',
  `  --port            TCP port (default ${DEFAULT_CLI_PORT}; 0: a free port)`,
  '  --host            interface to bind (default 127.0.0.1)',
  '  --rate            records processed per second, or "instant" (default 5000)',
  '  --token-lifetime  access token lifetime in ms (default 7200000)',
  '  --cors            answer browser pages on other origins: alone or with * for any, or a comma-separated list',
].join('\n');

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a non-negative number, got "${text}"`);
  return value;
}

function rateOf(text: string | undefined): ProcessingMode | undefined {
  if (text === undefined) return undefined;
  if (text === 'instant') return 'instant';
  const rate = positiveNumber('rate', text);
  if (!rate) throw new Error('--rate must be a positive number or "instant"');
  return { recordsPerSecond: rate };
}

/**
 * `--cors` takes an optional value: alone (last, or followed by another option) it means any
 * origin, as `--cors *` does. `parseArgs` has no optional values, so the `*` is filled in here.
 */
function withCorsValue(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const next = argv[i + 1];
    return arg === '--cors' && (next === undefined || next.startsWith('-')) ? '--cors=*' : arg;
  });
}

/**
 * Parses the command line, starts the emulator and prints its URL and access token (a local,
 * emulator-only credential: printing it is the point). Returns the running emulator, or
 * undefined after printing the usage for `--help`.
 */
export async function runCli(
  argv: readonly string[],
  print: (line: string) => void,
): Promise<BulkEmulator | undefined> {
  const { values } = parseArgs({
    args: withCorsValue(argv),
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      rate: { type: 'string' },
      'token-lifetime': { type: 'string' },
      cors: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    print(CLI_USAGE);
    return undefined;
  }
  const port = positiveNumber('port', values.port) ?? DEFAULT_CLI_PORT;
  const tokenLifetimeMs = positiveNumber('token-lifetime', values['token-lifetime']);
  const processing = rateOf(values.rate);
  const emulator = await startBulkEmulator({
    port,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(processing !== undefined ? { processing } : {}),
    ...(tokenLifetimeMs !== undefined ? { tokenLifetimeMs } : {}),
    ...(values.cors !== undefined
      ? { cors: values.cors === '' || values.cors === '*' ? true : { origins: values.cors.split(',') } }
      : {}),
  });
  print(`Bulk API 2.0 emulator listening on ${emulator.url}`);
  print(`Access token: ${emulator.accessToken}`);
  return emulator;
}
