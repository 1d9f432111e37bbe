import { concatMap, type OperatorFunction } from 'rxjs';
import { ResponseValidationError } from '../errors/response-validation-error.js';
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
export function expectCsv(what: string): OperatorFunction<HttpResponse<ByteStream>, HttpResponse<ByteStream>> {
  return concatMap(async (response) => {
    const type = response.headers['content-type'];
    if (type === undefined || !NOT_CSV.test(type)) return response;
    const start = await readBodyText(response.body, 2048).catch(() => '');
    const message = `Expected CSV for ${what} but the server sent ${type.split(';')[0]?.trim() ?? type} with status ${response.status}`;
    throw new ResponseValidationError(message, {
      issues: [{ path: ['headers', 'content-type'], message }],
      raw: start.slice(0, 2048),
    });
  });
}
