/** Where the SDK reports what it does. Messages and data are already free of secrets. */
export interface Logger {
  /** Every request, response, retry and refresh, for diagnosis. */
  debug?(message: string, data?: Readonly<Record<string, unknown>>): void;
  /** What went wrong without failing an operation, e.g. an abort that could not be sent. */
  warn?(message: string, data?: Readonly<Record<string, unknown>>): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = {};
