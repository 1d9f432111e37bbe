import { firstValueFrom, Subject, take, type Observable } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { PasswordAuthenticator } from '../../../src/auth/password.js';
import type { HttpRequest, HttpResponse } from '../../../src/http/transport.js';
import { jsonResponse, tokenBody } from './fake-transport.js';

/** A transport whose answers the test releases by hand, so calls really overlap. */
function gatedTransport() {
  const requests: HttpRequest[] = [];
  const gates: Subject<HttpResponse>[] = [];
  const transport = (request: HttpRequest): Observable<HttpResponse> => {
    requests.push(request);
    const gate = new Subject<HttpResponse>();
    gates.push(gate);
    return gate.pipe(take(1));
  };
  const release = (index: number, response: HttpResponse) => {
    gates[index]?.next(response);
  };
  return { transport, requests, release };
}

const token = (n: number) => jsonResponse(200, tokenBody({ access_token: `access-token-number-${n}` }));

function passwordAuth(transport: (r: HttpRequest) => Observable<HttpResponse>) {
  return new PasswordAuthenticator({
    clientId: 'cid',
    clientSecret: 'sf-client-secret-x',
    username: 'u@x.com',
    password: 'sf-password-x',
    transport,
  });
}

/** Lets pending promise callbacks run (no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

describe('CachedAuthenticator (single flight)', () => {
  it('shares one token request among concurrent first callers, then serves the cache', async () => {
    const { transport, requests, release } = gatedTransport();
    const auth = passwordAuth(transport);
    const waiting = Array.from({ length: 20 }, () => firstValueFrom(auth.session()));
    await settle();
    expect(requests).toHaveLength(1);
    release(0, token(1));
    const sessions = await Promise.all(waiting);
    expect(new Set(sessions.map((s) => s.accessToken))).toEqual(new Set(['access-token-number-1']));
    await firstValueFrom(auth.session());
    expect(requests).toHaveLength(1);
    expect(auth.tokenRequests).toBe(1);
  });

  it('after invalidate, many concurrent callers trigger exactly one refresh', async () => {
    const { transport, requests, release } = gatedTransport();
    const auth = passwordAuth(transport);
    const pending = firstValueFrom(auth.session());
    await settle();
    release(0, token(1));
    const first = await pending;

    // every in-flight API call hit 401 with the same token and invalidates it
    for (let i = 0; i < 10; i += 1) auth.invalidate(first);
    const waiting = Array.from({ length: 50 }, () => firstValueFrom(auth.session()));
    await settle();
    expect(requests).toHaveLength(2);
    release(1, token(2));
    const sessions = await Promise.all(waiting);
    expect(sessions.every((s) => s.accessToken === 'access-token-number-2')).toBe(true);
    expect(auth.tokenRequests).toBe(2);
  });

  it('ignores a late invalidate of a token that was already replaced', async () => {
    const { transport, requests, release } = gatedTransport();
    const auth = passwordAuth(transport);
    const p1 = firstValueFrom(auth.session());
    await settle();
    release(0, token(1));
    const first = await p1;
    auth.invalidate(first);
    const p2 = firstValueFrom(auth.session());
    await settle();
    release(1, token(2));
    await p2;

    auth.invalidate(first); // a slow request that still carried the old token
    expect((await firstValueFrom(auth.session())).accessToken).toBe('access-token-number-2');
    expect(requests).toHaveLength(2);
  });

  it('does not cache a failure: the next call tries again', async () => {
    const { transport, requests, release } = gatedTransport();
    const auth = passwordAuth(transport);
    const failing = firstValueFrom(auth.session());
    await settle();
    release(0, jsonResponse(400, { error: 'invalid_grant', error_description: 'authentication failure' }));
    await expect(failing).rejects.toThrow(/authentication failure/);

    const retry = firstValueFrom(auth.session());
    await settle();
    release(1, token(3));
    expect((await retry).accessToken).toBe('access-token-number-3');
    expect(requests).toHaveLength(2);
  });

  it('is lazy: nothing is requested before someone subscribes', async () => {
    const { transport, requests } = gatedTransport();
    const auth = passwordAuth(transport);
    auth.session();
    await settle();
    expect(requests).toHaveLength(0);
  });
});

describe('AccessTokenAuthenticator', () => {
  it('serves its token and cannot refresh', async () => {
    const auth = new AccessTokenAuthenticator({
      instanceUrl: 'https://acme.my.salesforce.com/',
      accessToken: 'static-access-token-1',
    });
    const session = await firstValueFrom(auth.session());
    expect(session).toEqual({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: 'static-access-token-1' });
    auth.invalidate();
    expect(await firstValueFrom(auth.session())).toEqual(session);
    expect(auth.canRefresh).toBe(false);
    expect(auth.flow).toBe('access token');
  });
});
