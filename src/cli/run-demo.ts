import { runDemo } from '../demo/index.js';
import { EXIT } from './exit-codes.js';
import type { OutputMode, Terminal } from './terminal.js';

/** What `kinetic demo` was given. */
export interface DemoCliOptions extends OutputMode {
  readonly records?: number | undefined;
  readonly rate?: number | undefined;
}

/** `kinetic demo`: the `npm start` demo against an embedded emulator. */
export async function runDemoCommand(options: DemoCliOptions, terminal: Terminal): Promise<number> {
  const summary = await runDemo({
    write: (chunk) => {
      if (!terminal.mode.json) terminal.io.stdout.write(chunk);
    },
    tty: terminal.io.stdout.isTTY === true && !terminal.mode.json,
    ...(options.records !== undefined ? { records: options.records } : {}),
    ...(options.rate !== undefined ? { recordsPerSecond: options.rate } : {}),
  });
  // the demo's last step is a cancelled job: it must end Aborted on the server
  const ok = summary.cancel.serverState === 'Aborted';
  if (!ok) terminal.error(`the cancelled job ended ${summary.cancel.serverState ?? 'unknown'} instead of Aborted`);
  terminal.json({
    exitCode: ok ? EXIT.ok : EXIT.rowsFailed,
    result: { command: 'demo', elapsedMs: summary.elapsedMs },
    ...(ok ? {} : { failure: { name: 'DemoFailed', message: 'the cancelled job did not end Aborted' } }),
  });
  return ok ? EXIT.ok : EXIT.rowsFailed;
}
