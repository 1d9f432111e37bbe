import { ValidationError } from '../errors/validation-error.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** True for localhost, 127.x.x.x and ::1 (the local emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Refuses a URL that would send credentials in clear text: it must be https, unless its
 * host is loopback (the local emulator) or the caller opted in with `allowInsecure`; and it
 * must not carry `user:password@`.
 */
export function checkSecureUrl(url: string, name: string, allowInsecure: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`${name} is not a valid URL`, [{ message: 'not a URL', field: name }]);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // a URL's userinfo would be sent as Basic credentials, or leak wherever the URL is printed
    throw new ValidationError(`${name} must not carry a user name or password (user:password@host)`, [
      { message: 'userinfo in URL', field: name },
    ]);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol === 'http:' && (isLoopbackHost(parsed.hostname) || allowInsecure)) return;
  throw new ValidationError(
    `${name} must use https (got ${parsed.protocol}//${parsed.host}); plain http is only allowed for loopback hosts or with allowInsecure: true`,
    [{ message: 'insecure URL', field: name }],
  );
}
