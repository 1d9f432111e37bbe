import { KineticError } from './kinetic-error.js';

/** One problem found in the caller's input. */
export interface ValidationIssue {
  /** What is wrong. */
  readonly message: string;
  /** Index of the offending record in the input, when the problem is in a record. */
  readonly index?: number;
  /** The field or option at fault. */
  readonly field?: string;
}

/**
 * Raised before any request is sent when the input is bad: an invalid sObject or field
 * name, a row without `Id` or without the external id, a malformed Id, an unknown or
 * ill-typed option, an empty SOQL string. Nothing has been sent to Salesforce.
 */
export class ValidationError extends KineticError {
  override readonly name: string = 'ValidationError';
  /** Every problem found, each naming the record index and field when it is about one. */
  readonly issues: readonly ValidationIssue[];
  /** Index of the first offending record, if any. */
  readonly index: number | undefined;
  /** The first offending field or option, if any. */
  readonly field: string | undefined;

  constructor(message: string, issues: readonly ValidationIssue[] = [{ message }]) {
    super(message);
    this.issues = issues;
    this.index = issues[0]?.index;
    this.field = issues[0]?.field;
  }
}
