/** A command line that cannot be run as given (exit code 2, like commander's own usage errors). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
