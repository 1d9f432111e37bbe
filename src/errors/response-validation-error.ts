import { KineticError } from './kinetic-error.js';
import { redactValue } from './redact.js';

/** A zod-style issue: where in the value, and what was wrong. */
export interface ResponseIssue {
  /** Where in the response the problem is (keys and indexes). */
  readonly path: readonly PropertyKey[];
  /** What is wrong there. */
  readonly message: string;
}

/**
 * Raised when a response does not have the shape the protocol promises (a JSON body of the
 * wrong shape, an HTML page with status 200, a truncated CSV page, a record count that does
 * not match `Sforce-NumberOfRecords`). Carries the issues and the raw (redacted) value.
 */
export class ResponseValidationError extends KineticError {
  override readonly name: string = 'ResponseValidationError';
  /** What is wrong with the response, one issue per problem. */
  readonly issues: readonly ResponseIssue[];
  /** The response as received (redacted). */
  readonly raw: unknown;
  /** The URL that answered, when known. */
  readonly url: string | undefined;

  constructor(message: string, details: { issues: readonly ResponseIssue[]; raw: unknown; url?: string }) {
    super(message);
    this.issues = details.issues;
    this.raw = redactValue(truncate(details.raw));
    this.url = details.url;
  }
}

function truncate(raw: unknown): unknown {
  return typeof raw === 'string' && raw.length > 4096 ? `${raw.slice(0, 4096)}... (${raw.length} chars)` : raw;
}
