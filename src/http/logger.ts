/** Where the SDK reports what it does. Messages and data are already free of secrets. */
export interface Logger {
  debug?(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn?(message: string, data?: Readonly<Record<string, unknown>>): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = {};
