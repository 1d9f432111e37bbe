import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import type { Authenticator, Session } from '../../../src/auth/authenticator.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { ApiClient } from '../../../src/http/api-client.js';
import { axiosTransport } from '../../../src/http/axios-transport.js';
import { INSTANCE } from '../../support/mock-salesforce.js';

// What a request says when its session was refused and the authenticator could not renew it:
// the refresh's own reason, or that the same token came back; never a guess about permissions.

const url = `${INSTANCE}/services/data/v66.0/jobs/ingest/750000000000001AAA`;
const expired = [401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]] as const;

/** An app-style authenticator: `renew` decides what a refresh does. */
class AppAuth implements Authenticator {
  readonly flow = 'app session';
  readonly canRefresh = true;
  private token = 'token-1';
  private failure: unknown;

  constructor(private readonly renew: (current: string) => { token: string } | { error: unknown }) {}

  session(): Observable<Session> {
    return defer(async () => {
      const failure = this.failure;
      this.failure = undefined;
      if (failure !== undefined) throw failure;
      return { instanceUrl: INSTANCE, accessToken: this.token };
    });
  }

  invalidate(): void {
    const outcome = this.renew(this.token);
    if ('token' in outcome) this.token = outcome.token;
    else this.failure = outcome.error;
  }
}

async function failureOf(auth: Authenticator): Promise<{ error: unknown; sent: unknown[] }> {
  const instance = axios.create();
  const mock = new MockAdapter(instance, { onNoMatch: 'throwException' });
  mock.onGet(url).reply(...expired);
  const api = new ApiClient({ transport: axiosTransport({ instance }), auth, apiVersion: '66.0' });
  const error = await lastValueFrom(api.text({ method: 'GET', path: url })).catch((e: unknown) => e);
  return { error, sent: mock.history.map((h) => h.headers?.Authorization) };
}

describe('a refused session that could not be renewed', () => {
  it("an app's failed refresh: an AuthenticationError with the refresh's own reason, and its error as the cause", async () => {
    const cause = new Error('the identity provider is unreachable');
    const { error, sent } = await failureOf(new AppAuth(() => ({ error: cause })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe(
      'Session expired, and refreshing it failed (app session): the identity provider is unreachable',
    );
    expect(((error as AuthenticationError).cause as Error).message).toBe(cause.message); // a redacted copy
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).errorCode).toBe('INVALID_SESSION_ID');
    expect(sent).toEqual(['Bearer token-1']); // nothing resent without a session
  });

  it("a token flow's typed failure (invalid_grant) passes through as it is", async () => {
    const grant = new AuthenticationError('expired access/refresh token', {
      status: 400,
      errorCode: 'invalid_grant',
      oauthError: 'invalid_grant',
    });
    const { error } = await failureOf(new AppAuth(() => ({ error: grant })));
    expect(error).toBe(grant);
  });

  it('the same token handed back after invalidate(): says nothing was renewed', async () => {
    const { error, sent } = await failureOf(new AppAuth((current) => ({ token: current })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(
      'Session expired, and the app session authenticator gave back the same token after invalidate(): its refresh failed or did not run, so the user must sign in again',
    );
    expect(sent).toEqual(['Bearer token-1', 'Bearer token-1']);
  });

  it('a new token refused too: points at permissions', async () => {
    const { error, sent } = await failureOf(new AppAuth(() => ({ token: 'token-2' })));
    expect((error as Error).message).toBe(
      "Session refused again after a token refresh (app session); check the user's permissions and the connected app",
    );
    expect(sent).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});
