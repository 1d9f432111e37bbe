import type { BulkJob } from '../index.js';
import { plainText } from './plain-text.js';
import { UsageError } from './usage-error.js';

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** A value shown in a message: one line, no terminal control, not too long. */
const shown = (text: string): string => JSON.stringify(plainText(text, { singleLine: true }).slice(0, 40));

/**
 * A job id given on the command line: a 15 or 18 character Salesforce id (letters and digits),
 * checked before anything is sent or any path is built from it.
 */
export function jobIdArgument(text: string): string {
  if (!SALESFORCE_ID.test(text))
    throw new UsageError(`${shown(text)} is not a job id: expected 15 or 18 letters and digits, such as 750...`);
  return text;
}

/** The server answered something that the command refuses to act on. */
export class ServerReplyError extends Error {
  override readonly name = 'ServerReplyError';
}

/**
 * The id of a job the server described, checked before it goes into a path: a Salesforce id,
 * and the job that was asked for (an 18-character id starts with the 15-character one).
 */
export function trustedJobId(job: BulkJob, asked: string): string {
  const id = job.id;
  if (!SALESFORCE_ID.test(id) || id.slice(0, 15) !== asked.slice(0, 15))
    throw new ServerReplyError(
      `the server described job ${asked} with the id ${shown(id)}: not that job's Salesforce id, so nothing was written`,
    );
  return id;
}
