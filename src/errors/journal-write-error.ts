import { KineticError } from './kinetic-error.js';

/**
 * A load journal could not be written (a full disk, a lost permission). The step it was to
 * record did not happen: no job was created, or nothing was uploaded to the job just created
 * (which is aborted). The load stops starting jobs, lets the running ones finish, and ends with
 * a `LoadInterruptedError` whose `cause` is this error.
 */
export class JournalWriteError extends KineticError {
  override readonly name: string = 'JournalWriteError';

  constructor(cause: unknown) {
    super(`The load journal could not be written: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
