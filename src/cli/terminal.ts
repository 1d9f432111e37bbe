import { isInteractive, type CliIo } from './cli-io.js';
import { jsonEnvelope, type JsonSummary } from './json-envelope.js';
import { plainText, plainTextKeepingStyle } from './plain-text.js';
import { scrub } from './scrub.js';
import { createStyle, type Style } from './style.js';

/** How a command reports: human lines or one JSON document. */
export interface OutputMode {
  /** Print one machine-readable JSON summary on stdout instead of human text. */
  readonly json: boolean;
  /** Print the SDK's debug log (requests, polls) on stderr. */
  readonly verbose: boolean;
}

/**
 * The CLI's voice. Progress and notes go to stderr, results to stdout; every line a person
 * reads passes through `scrub`, so no secret is ever printed, then `plainText`, so no escape
 * sequence from a server (a job's fields, an error message) reaches the terminal. Data (query
 * rows) does not pass through here: it is written to its own stream.
 */
export class Terminal {
  /** Colours for stdout text. */
  readonly style: Style;
  /** Progress bars and live lines are drawn only on a terminal. */
  readonly liveProgress: boolean;

  /** Whether `style` draws colours (then `print` keeps them). */
  private readonly coloured: boolean;

  constructor(
    readonly io: CliIo,
    readonly mode: OutputMode,
  ) {
    this.style = createStyle(isInteractive(io.stdout), io.env);
    this.coloured = this.style.red('') !== '';
    this.liveProgress = isInteractive(io.stderr);
  }

  /** A line of the command's human output (stdout); nothing in `--json` mode. */
  print(line = ''): void {
    if (this.mode.json) return;
    const text = scrub(line);
    this.io.stdout.write(`${this.coloured ? plainTextKeepingStyle(text) : plainText(text)}\n`);
  }

  /** A note about what is happening (stderr), shown in every mode. */
  note(line: string): void {
    this.io.stderr.write(`${plainText(scrub(line))}\n`);
  }

  /** An error message (stderr). */
  error(message: string): void {
    this.io.stderr.write(`kinetic: ${plainText(scrub(message))}\n`);
  }

  /**
   * The machine-readable summary in the Salesforce CLI's shape (see `jsonEnvelope`), on stdout,
   * or stderr when stdout carries data; in `--json` mode only.
   */
  json(summary: JsonSummary, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (!this.mode.json) return;
    this.io[stream].write(`${scrub(JSON.stringify(jsonEnvelope(summary), null, 2))}\n`);
  }

  /** A debug line (stderr), with `--verbose` only. */
  debug(message: string, data?: Readonly<Record<string, unknown>>): void {
    if (this.mode.verbose)
      this.io.stderr.write(`${plainText(scrub(`debug: ${message}${data ? ` ${JSON.stringify(data)}` : ''}`))}\n`);
  }
}
