import { concatMap, type OperatorFunction } from 'rxjs';
import { redactText } from '../errors/kinetic-error.js';
import { ResponseValidationError } from '../errors/response-validation-error.js';
import type { SecretSet } from '../errors/secret-set.js';
import { readBodyText } from '../http/read-body.js';
import type { ByteStream, HttpResponse } from '../http/transport.js';

/** Types that are certainly not a CSV file: an error or maintenance page, a JSON or XML body. */
const NOT_CSV = /^\s*(text\/html|application\/(xhtml\+)?xml|text\/xml|application\/json)\b/i;

/**
 * A 2xx answer to a CSV download must be CSV. A proxy's or maintenance HTML page (or a JSON
 * body) sent with status 200 would otherwise parse as rows of garbage: it becomes a
 * `ResponseValidationError` carrying the start of the body, and the body is released.
 * A response without `Content-Type` is read as CSV.
 */
export function expectCsv(
  what: string,
  secrets?: SecretSet,
): OperatorFunction<HttpResponse<ByteStream>, HttpResponse<ByteStream>> {
  return concatMap(async (response) => {
    const type = response.headers['content-type'];
    if (type === undefined || !NOT_CSV.test(type)) return response;
    // read past what is kept, and redact before cutting, so no part of a secret survives the cut
    const start = redactText(await readBodyText(response.body, 16_384).catch(() => ''), secrets);
    const message = `Expected CSV for ${what} but the server sent ${type.split(';')[0]?.trim() ?? type} with status ${response.status}`;
    throw new ResponseValidationError(message, {
      issues: [{ path: ['headers', 'content-type'], message }],
      raw: start.slice(0, 2048),
      secrets,
    });
  });
}
