import { startBulkEmulator, type BulkEmulatorOptions, type ProcessingMode } from '../testing/index.js';
import { EXIT } from './exit-codes.js';
import { Interrupt } from './interrupt.js';
import { jsonEnvelope } from './json-envelope.js';
import type { OutputMode, Terminal } from './terminal.js';

/** What `kinetic emulator` was given. */
export interface EmulatorCliOptions extends OutputMode {
  readonly port: number;
  readonly host?: string | undefined;
  /** Records processed per second, or `instant`. */
  readonly rate?: number | 'instant' | undefined;
  /** Answer browser pages on other origins: any (`true`) or those listed. */
  readonly cors?: BulkEmulatorOptions['cors'] | undefined;
}

/**
 * `kinetic emulator`: runs the local Bulk API 2.0 emulator until Ctrl-C, printing its URL and
 * access token (an emulator-only credential: printing it is the point) and the variables that
 * point other `kinetic` commands at it.
 */
export async function runEmulator(options: EmulatorCliOptions, terminal: Terminal): Promise<number> {
  const processing: ProcessingMode | undefined =
    options.rate === undefined
      ? undefined
      : options.rate === 'instant'
        ? 'instant'
        : { recordsPerSecond: options.rate };
  const emulator = await startBulkEmulator({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    ...(processing ? { processing } : {}),
    ...(options.cors !== undefined ? { cors: options.cors } : {}),
  });
  const interrupt = new Interrupt(terminal.io, () => terminal.note('Ctrl-C: stopping the emulator'));
  try {
    // written raw: the access token is the one value the scrubbed channels would mask
    if (terminal.mode.json)
      terminal.io.stdout.write(
        `${JSON.stringify(jsonEnvelope({ exitCode: EXIT.ok, result: { command: 'emulator', url: emulator.url, accessToken: emulator.accessToken } }))}\n`,
      );
    else {
      terminal.io.stdout.write(`Bulk API 2.0 emulator listening on ${emulator.url}\n`);
      terminal.io.stdout.write(`Access token: ${emulator.accessToken}\n\n`);
      terminal.io.stdout.write(`Point kinetic at it from another terminal:\n`);
      terminal.io.stdout.write(
        `  export SF_INSTANCE_URL=${emulator.url}\n  export SF_ACCESS_TOKEN='${emulator.accessToken}'\n\n`,
      );
      terminal.io.stdout.write('Press Ctrl-C to stop.\n');
    }
    await interrupt.whenFired();
    return EXIT.ok;
  } finally {
    interrupt.dispose();
    await emulator.close();
    terminal.note('emulator stopped');
  }
}
