import { createReadStream } from 'node:fs';
import { access, constants, stat as fsStat } from 'node:fs/promises';
import { CsvChecker, type CsvProblem } from '../csv/csv-checker.js';
import { detectCsvDialect, headerLine, type CsvDialect } from '../csv/detect-csv-dialect.js';
import { Utf8Validator } from '../csv/utf8-validator.js';
import type { ColumnDelimiter, LineEnding } from '../index.js';
import { bytes, count } from './format.js';
import { inputFileError } from './file-errors.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

/** What the command was told about the input file. */
export interface InputOptions {
  readonly file: string;
  readonly delimiter?: ColumnDelimiter | undefined;
  readonly lineEnding?: LineEnding | undefined;
  /** The file's encoding (a WHATWG label: `windows-1252`, `latin1`, `utf-16le`, ...); default UTF-8. */
  readonly encoding?: string | undefined;
  /** Read the whole file once before the load, to fail on a bad row before any job exists. */
  readonly precheck: boolean;
}

/** The input of a load, ready to stream. */
export interface LoadInput {
  readonly dialect: CsvDialect;
  /** The file's text, decoded; read once. */
  readonly text: AsyncIterable<string>;
  /** The file's size in bytes; undefined for a pipe. */
  readonly size: number | undefined;
  /** Rows and columns, when the file was checked first. */
  readonly checked: { readonly rows: number; readonly columns: number } | undefined;
}

/** A file that cannot be loaded as it is: where, and what to do. */
export class CsvInputError extends Error {
  override readonly name = 'CsvInputError';

  constructor(
    message: string,
    readonly code: 'INVALID_CSV' | 'INVALID_ENCODING' | 'CSV_DIALECT',
    /** The option that settles it, when one does. */
    readonly option?: string,
  ) {
    super(message);
  }
}

/** Above this size, the check before a load says that it runs (it reads the whole file). */
const ANNOUNCE_BYTES = 100 * 1024 * 1024;
/** The header line is looked for in this much text at most. */
const HEAD_LIMIT = 1024 * 1024;

/**
 * Opens the input of a load, before anything is sent: the file must be readable; its delimiter
 * and line ending are detected from the header line (or the ones given are checked against it);
 * its bytes must be UTF-8, or decode from the `encoding` given; and, unless told not to, every
 * row is checked (quotes, widths, line endings), so that a bad row fails the command here with
 * its row and line, not half way through a load. A file that is not a regular file (a pipe) is
 * read once, without the check before.
 */
export async function prepareInput(options: InputOptions, terminal: Terminal): Promise<LoadInput> {
  const decoder = decoderFor(options.encoding);
  // stat and access, not open: opening a pipe to look at it would take the writer's data
  const stat = await access(options.file, constants.R_OK)
    .then(() => fsStat(options.file))
    .catch((error: unknown) => {
      throw inputFileError(options.file, error, '--file');
    });
  if (stat.isDirectory()) throw inputFileError(options.file, Object.assign(new Error(), { code: 'EISDIR' }), '--file');
  const given = { columnDelimiter: options.delimiter, lineEnding: options.lineEnding };
  const regular = stat.isFile();
  if (!regular || !options.precheck) {
    if (options.precheck)
      terminal.note(`${options.file} is not a regular file: it is read once, without the check before the load`);
    // one read: the header is looked at, then the same text goes to the load
    const { head, rest } = await withHead(decodedText(options, decoder()));
    return {
      dialect: dialectOf(options.file, head, given),
      text: rest,
      size: regular ? stat.size : undefined,
      checked: undefined,
    };
  }
  if (stat.size > ANNOUNCE_BYTES)
    terminal.note(`checking ${options.file} (${bytes(stat.size)}) before the load (--no-precheck skips this)`);
  const started = Date.now();
  const { head, rest } = await withHead(decodedText(options, decoder()));
  const dialect = dialectOf(options.file, head, given);
  const checker = new CsvChecker(dialect);
  for await (const text of rest) {
    const problem = checker.push(text);
    if (problem) throw rowError(options.file, problem);
  }
  const result = checker.end();
  if (result.problem) throw rowError(options.file, result.problem);
  terminal.debug(`checked ${options.file}: ${count(result.rows)} rows, ${result.columns} columns`, {
    ms: Date.now() - started,
  });
  return {
    dialect,
    text: decodedText(options, decoder()),
    size: stat.size,
    checked: { rows: result.rows, columns: result.columns },
  };
}

/** A decoder factory for the encoding given; an unknown encoding is a usage error now. */
function decoderFor(encoding: string | undefined): () => TextDecoder {
  const label = encoding ?? 'utf-8';
  try {
    new TextDecoder(label);
  } catch {
    throw new UsageError(
      `--encoding ${label}: unknown encoding (try utf-8, windows-1252, latin1, iso-8859-15, utf-16le, shift_jis)`,
    );
  }
  return () => new TextDecoder(label);
}

/**
 * The file's text, decoded as it streams. UTF-8 (the default) is validated byte by byte, and a
 * byte that is not UTF-8 stops the read with its offset and line; a BOM is dropped.
 */
async function* decodedText(options: InputOptions, decoder: TextDecoder): AsyncGenerator<string> {
  const validator = decoder.encoding === 'utf-8' ? new Utf8Validator() : undefined;
  for await (const chunk of readFile(options.file)) {
    const problem = validator?.push(chunk);
    if (problem) throw encodingError(options.file, problem.offset, problem.line, options.encoding);
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const problem = validator?.end();
  if (problem) throw encodingError(options.file, problem.offset, problem.line, options.encoding);
  const last = decoder.decode();
  if (last !== '') yield last;
}

/** The file's bytes; a read error names the file. */
async function* readFile(path: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) yield chunk;
  } catch (error: unknown) {
    throw inputFileError(path, error, '--file');
  }
}

/** Reads until the header line is complete (or the text ends), and gives it back with the whole text. */
async function withHead(text: AsyncGenerator<string>): Promise<{ head: string; rest: AsyncIterable<string> }> {
  let head = '';
  let done = false;
  while (head.length < HEAD_LIMIT && !headerLine(head).endsWith('\n')) {
    const next = await text.next();
    if (next.done === true) {
      done = true;
      break;
    }
    head += next.value;
  }
  async function* rest(): AsyncGenerator<string> {
    if (head !== '') yield head;
    if (!done) yield* text;
  }
  return { head, rest: rest() };
}

function dialectOf(
  file: string,
  head: string,
  given: { readonly columnDelimiter?: ColumnDelimiter | undefined; readonly lineEnding?: LineEnding | undefined },
): CsvDialect {
  const detection = detectCsvDialect(head, given);
  if (!detection.ok)
    throw new CsvInputError(
      `${file}: ${detection.message}`,
      'CSV_DIALECT',
      detection.option === 'lineEnding' ? '--line-ending' : '--delimiter',
    );
  return detection.dialect;
}

function rowError(file: string, problem: CsvProblem): CsvInputError {
  const where =
    problem.row === 0
      ? `the header (line ${count(problem.line)})`
      : `row ${count(problem.row)} (line ${count(problem.line)})`;
  return new CsvInputError(
    `${file}, ${where}: ${problem.message}`,
    'INVALID_CSV',
    problem.option === 'lineEnding' ? '--line-ending' : undefined,
  );
}

function encodingError(file: string, offset: number, line: number, encoding: string | undefined): CsvInputError {
  return new CsvInputError(
    `${file}: not ${encoding ?? 'UTF-8'} at byte ${count(offset)} (line ${count(line)}): give the file's encoding with --encoding, for example --encoding windows-1252`,
    'INVALID_ENCODING',
    '--encoding',
  );
}
