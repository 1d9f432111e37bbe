import { KineticError, redactText } from './kinetic-error.js';
import { redactValue } from './redact.js';
import type { SecretSet } from './secret-set.js';

/** A zod-style issue: where in the value, and what was wrong. */
export interface ResponseIssue {
  /** Where in the response the problem is (keys and indexes). */
  readonly path: readonly PropertyKey[];
  /** What is wrong there. */
  readonly message: string;
}

/** Longest raw text an error keeps (after redaction). */
const RAW_CHARS = 4096;

/**
 * Raised when a response does not have the shape the protocol promises (a JSON body of the
 * wrong shape, an HTML page with status 200, a truncated CSV page, a record count that does
 * not match `Sforce-NumberOfRecords`). Carries the issues and the raw value, redacted first and
 * then cut to 4,096 characters (cutting first could leave part of a secret behind).
 */
export class ResponseValidationError extends KineticError {
  override readonly name: string = 'ResponseValidationError';
  /** What is wrong with the response, one issue per problem. */
  readonly issues: readonly ResponseIssue[];
  /** The response as received (redacted). */
  readonly raw: unknown;
  /** The URL that answered, when known. */
  readonly url: string | undefined;

  constructor(
    message: string,
    details: { issues: readonly ResponseIssue[]; raw: unknown; url?: string; secrets?: SecretSet | undefined },
  ) {
    super(message, { secrets: details.secrets });
    const text = (value: string): string => redactText(value, details.secrets);
    this.issues = details.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'string' ? text(key) : key)),
      message: text(issue.message),
    }));
    this.raw = truncate(details.secrets ? details.secrets.redactValue(details.raw) : redactValue(details.raw));
    this.url = details.url === undefined ? undefined : text(details.url);
  }
}

function truncate(raw: unknown): unknown {
  return typeof raw === 'string' && raw.length > RAW_CHARS
    ? `${raw.slice(0, RAW_CHARS)}... (${raw.length} chars)`
    : raw;
}
