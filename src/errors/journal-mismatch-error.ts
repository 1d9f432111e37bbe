import { KineticError } from './kinetic-error.js';

/**
 * Raised before anything is created when a load journal cannot be resumed with the input and
 * options given: another operation or object, other slicing options, another input, or an input
 * whose content changed (`slice` names the first slice that differs, with its input rows).
 * Nothing was sent for the differing slices; fix the input or start a new journal.
 */
export class JournalMismatchError extends KineticError {
  override readonly name: string = 'JournalMismatchError';
  /** The first slice whose content differs from the journal, when the content is what changed. */
  readonly slice:
    | {
        /** 0-based number of the slice. */
        readonly index: number;
        /** Input index of its first row. */
        readonly firstRow: number;
        /** Rows in it. */
        readonly rows: number;
      }
    | undefined;

  constructor(message: string, slice?: { readonly index: number; readonly firstRow: number; readonly rows: number }) {
    super(message);
    this.slice = slice;
  }
}
