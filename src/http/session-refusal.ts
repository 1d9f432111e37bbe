import { AuthenticationError } from '../errors/authentication-error.js';
import { KineticError } from '../errors/kinetic-error.js';
import type { Session } from '../auth/authenticator.js';
import type { SecretSet } from '../errors/secret-set.js';

/** A 401 `INVALID_SESSION_ID` the HTTP layer met: the session sent and what the server said. */
export interface SessionRefusal {
  readonly session: Session;
  readonly error: AuthenticationError;
}

/**
 * The error for an authenticator that could not give a session after a refusal (its refresh
 * failed). A `KineticError` (a token endpoint's `invalid_grant`, ...) is already the real
 * cause; anything else (an app's own refresh code) is wrapped so its message reaches the user
 * as the reason, not a guess about permissions.
 */
export function refreshFailed(cause: unknown, flow: string, refusal: SessionRefusal, secrets?: SecretSet): unknown {
  if (cause instanceof KineticError) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AuthenticationError(`Session expired, and refreshing it failed (${flow}): ${reason}`, {
    ...details(refusal.error),
    cause,
    secrets,
  });
}

/**
 * The error for a session refused again right after a refresh. When the authenticator handed
 * back the token that had just been refused, nothing was renewed (its refresh failed quietly or
 * did not run): saying so beats sending the user to check permissions.
 */
export function refusedAgain(
  flow: string,
  refusal: SessionRefusal,
  resent: Session,
  secrets?: SecretSet,
): AuthenticationError {
  const message =
    resent.accessToken === refusal.session.accessToken
      ? `Session expired, and the ${flow} authenticator gave back the same token after invalidate(): its refresh failed or did not run, so the user must sign in again`
      : `Session refused again after a token refresh (${flow}); check the user's permissions and the connected app`;
  return new AuthenticationError(message, { ...details(refusal.error), secrets });
}

function details(error: AuthenticationError): { status: number; errorCode: string; method?: string; url?: string } {
  return {
    status: error.status,
    errorCode: error.errorCode,
    ...(error.method !== undefined ? { method: error.method } : {}),
    ...(error.url !== undefined ? { url: error.url } : {}),
  };
}
