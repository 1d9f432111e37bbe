import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/reply.js';
import type { EmulatorUser } from './identity.js';
import type { TokenStore } from './token-store.js';

/** The 401 every data call gets with a missing, unknown or expired token. */
export function invalidSession(): Reply {
  return {
    status: 401,
    json: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    headers: { 'WWW-Authenticate': 'Token' },
  };
}

/** Checks `Authorization: Bearer <token>` (or the older `OAuth <token>`). */
export function authenticate(headers: IncomingHttpHeaders, tokens: TokenStore): EmulatorUser | Reply {
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  const user = m?.[1] ? tokens.validate(m[1]) : undefined;
  return user ?? invalidSession();
}
