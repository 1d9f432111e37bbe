import { ValidationError } from '../errors/validation-error.js';

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** A job id goes into a URL path: anything but a 15/18-character Salesforce id is refused before any request. */
export function checkJobId(jobId: string): string {
  if (typeof jobId !== 'string' || !SALESFORCE_ID.test(jobId)) {
    throw new ValidationError(
      `Invalid job id ${JSON.stringify(String(jobId).slice(0, 40))}: expected a 15 or 18 character Salesforce id`,
      [{ message: 'not a Salesforce id', field: 'jobId' }],
    );
  }
  return jobId;
}

/** `66` or `66.0` -> `66.0`, the form used in URL paths. */
export function formatApiVersion(version: number | string): string {
  const n = typeof version === 'number' ? version : Number(version);
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}
