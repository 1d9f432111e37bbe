/** Why a file could not be used, as a person reads it. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'it is a symbolic link (not followed)',
  EEXIST: 'it already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
};

/** The system error code of a file operation's error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** `no such file or directory`, `permission denied`, ... */
export function fileReason(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return REASONS[code] ?? code;
}

/** A file the command was given cannot be read: one line naming the file, the flag and why. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';

  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A file or folder the command writes cannot be written (before anything was sent, or after the jobs ran). */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';

  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** `cannot read nope.csv (--file): no such file or directory` */
export function inputFileError(path: string, error: unknown, flag: string): InputFileError {
  return new InputFileError(path, errorCode(error), `cannot read ${path} (${flag}): ${fileReason(error)}`);
}

/** `cannot write out/success.csv: permission denied` */
export function outputFileError(path: string, error: unknown, what = 'write'): OutputFileError {
  if (error instanceof OutputFileError) return error;
  return new OutputFileError(path, errorCode(error), `cannot ${what} ${path}: ${fileReason(error)}`);
}
