import { map, type OperatorFunction } from 'rxjs';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { BulkJob } from '../models/bulk-job.js';

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

/**
 * Every answer about a job asked for by id (GET, PATCH) must describe that job: an answer
 * carrying another job's id (a confused proxy, a hostile server) is a `ResponseValidationError`,
 * never followed. A 15-character id asked for matches the 18-character id it is answered with.
 */
export function expectJobId(asked: string): OperatorFunction<BulkJob, BulkJob> {
  return map((job) => {
    if (sameJobId(asked, job.id)) return job;
    const message = `The answer about job ${asked} describes another job (${JSON.stringify(job.id.slice(0, 40))})`;
    throw new ResponseValidationError(message, {
      issues: [{ path: ['id'], message: 'not the job asked for' }],
      raw: job.id,
    });
  });
}

function sameJobId(asked: string, answered: string): boolean {
  if (asked.length === 15 && answered.length === 18) return answered.startsWith(asked);
  return asked === answered;
}
