import { ResponseValidationError } from '../errors/response-validation-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { ApiRequest } from './api-request.js';

/** Builds the URL on the instance; an absolute URL must stay on the instance's origin (never send the token elsewhere). */
export function resolveUrl(instanceUrl: string, path: string, query?: ApiRequest['query']): string {
  const base = new URL(instanceUrl);
  if (base.username !== '' || base.password !== '') {
    // axios would turn it into Basic credentials next to the bearer token
    throw new ValidationError('The session instance URL must not carry a user name or password (user:password@host)', [
      { message: 'userinfo in URL', field: 'instanceUrl' },
    ]);
  }
  const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(path.startsWith('/') ? path : `/${path}`, base);
  if (url.origin !== base.origin) {
    throw new ResponseValidationError(`Refusing to follow a link to another host (${url.origin})`, {
      issues: [{ path: [], message: 'foreign origin' }],
      raw: url.origin,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ResponseValidationError('Refusing to follow a link that carries a user name or password', {
      issues: [{ path: [], message: 'userinfo in URL' }],
      raw: url.origin,
    });
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}
