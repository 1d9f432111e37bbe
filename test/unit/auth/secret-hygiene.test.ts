import { inspect } from 'node:util';
import { firstValueFrom } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import type { Authenticator } from '../../../src/auth/authenticator.js';
import { ClientCredentialsAuthenticator } from '../../../src/auth/client-credentials.js';
import { authenticatorFromEnv } from '../../../src/auth/from-env.js';
import { JwtAuthenticator } from '../../../src/auth/jwt-bearer.js';
import { PasswordAuthenticator } from '../../../src/auth/password.js';
import { RefreshTokenAuthenticator } from '../../../src/auth/refresh-token.js';
import type { HttpRequest, Transport } from '../../../src/http/transport.js';
import { assertionOf, fakeTransport, generateTestKeys, jsonResponse, tokenBody, type Reply } from './fake-transport.js';

// secrets use URL-safe characters only, so a server that echoes the encoded form echoes them verbatim
const keys = generateTestKeys();
const S = {
  password: 'Pa55-word-hygiene-7f3a',
  securityToken: 'SecTokHygiene99',
  clientSecret: 'client-secret-hygiene-c0ffee',
  refreshToken: 'refresh-hygiene-5Aep8xyz',
  rotated: 'rotated-hygiene-6Bfq9xyz',
  accessToken: 'access-hygiene-token-00Dxx42',
  staticAccess: 'static-access-hygiene-42',
};
const keyBody = keys.pkcs8Pem.split('\n').slice(1, -2).join('');
const assertions: string[] = [];

function secrets(): string[] {
  return [
    ...Object.values(S),
    keys.pkcs8Pem.trim(),
    keys.pkcs1Pem.trim(),
    keyBody.slice(0, 40),
    keyBody.slice(-40),
    ...assertions,
  ];
}

/** Every rendering of an error someone might log. */
function renderings(error: unknown): string[] {
  const e = error as Error & { cause?: unknown };
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    String(e.cause),
    JSON.stringify(e.cause) ?? '',
    inspect(e.cause, { depth: 10 }),
  ];
}

function expectClean(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of renderings(error)) {
    for (const secret of secrets()) {
      if (text.includes(secret)) throw new Error(`secret ${secret.slice(0, 6)}... leaked in: ${text.slice(0, 300)}`);
    }
  }
}

async function failure(auth: Authenticator): Promise<unknown> {
  try {
    await firstValueFrom(auth.session());
  } catch (error) {
    return error;
  }
  throw new Error('expected the session to fail');
}

function syncFailure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** A server that echoes the whole request back, encoded and as bare values: the worst case for leaks. */
function echoing(make: (echo: string) => Reply): Transport {
  return fakeTransport((request: HttpRequest) => {
    if (new URLSearchParams(String(request.body)).has('assertion')) assertions.push(assertionOf(request));
    const values = [...new URLSearchParams(String(request.body)).values()].join(' | ');
    return make(`${String(request.body)} ${JSON.stringify(request.headers)} values: ${values}`);
  });
}

const badAnswers: [string, (echo: string) => Reply][] = [
  [
    'invalid_grant echoing the request',
    (echo) => jsonResponse(400, { error: 'invalid_grant', error_description: `authentication failure for ${echo}` }),
  ],
  ['HTML 404 echoing the request', (echo) => ({ status: 404, headers: {}, body: `<html>no route for ${echo}</html>` })],
  ['500 echoing the request', (echo) => ({ status: 500, headers: {}, body: `internal error ${echo}` })],
  ['non-JSON 200 echoing the request', (echo) => ({ status: 200, headers: {}, body: `oops ${echo}` })],
  [
    'wrong-shape 200 holding tokens',
    () => jsonResponse(200, { access_token: S.accessToken, refresh_token: S.rotated }),
  ],
  [
    'insecure instance_url with a token',
    () => jsonResponse(200, tokenBody({ access_token: S.accessToken, instance_url: 'http://evil.example' })),
  ],
  ['transport error quoting the request', (echo) => new Error(`socket hang up while sending ${echo}`)],
];

const flows: [string, (transport: Transport) => Authenticator][] = [
  [
    'JWT bearer',
    (transport) => new JwtAuthenticator({ clientId: 'cid', username: 'u@x.com', privateKey: keys.pkcs8Pem, transport }),
  ],
  [
    'client credentials',
    (transport) =>
      new ClientCredentialsAuthenticator({
        loginUrl: 'https://acme.my.salesforce.com',
        clientId: 'cid',
        clientSecret: S.clientSecret,
        transport,
      }),
  ],
  [
    'password',
    (transport) =>
      new PasswordAuthenticator({
        clientId: 'cid',
        clientSecret: S.clientSecret,
        username: 'u@x.com',
        password: S.password,
        securityToken: S.securityToken,
        transport,
      }),
  ],
  [
    'refresh token',
    (transport) =>
      new RefreshTokenAuthenticator({
        clientId: 'cid',
        clientSecret: S.clientSecret,
        refreshToken: S.refreshToken,
        transport,
      }),
  ],
];

describe.each(flows)('%s keeps secrets out of errors', (_flow, create) => {
  it.each(badAnswers)('%s', async (_case, answer) => {
    const auth = create(echoing(answer));
    const error = await failure(auth);
    expectClean(error);
    expect(JSON.stringify(auth)).not.toMatch(/hygiene|PRIVATE KEY/);
    expect(inspect(auth, { depth: 10 })).not.toMatch(/hygiene|PRIVATE KEY/);
  });
});

describe('secrets stay out of validation errors', () => {
  it('for bad options', () => {
    expectClean(
      syncFailure(
        () =>
          new PasswordAuthenticator({
            loginUrl: 'http://evil.example',
            clientId: 'c',
            clientSecret: S.clientSecret,
            username: 'u',
            password: S.password,
          }),
      ),
    );
    expectClean(
      syncFailure(
        () =>
          new PasswordAuthenticator({
            clientId: '',
            clientSecret: S.clientSecret,
            username: 'u',
            password: S.password,
          }),
      ),
    );
    expectClean(
      syncFailure(
        () => new AccessTokenAuthenticator({ instanceUrl: 'http://evil.example', accessToken: S.staticAccess }),
      ),
    );
    expectClean(syncFailure(() => new JwtAuthenticator({ clientId: 'c', username: '', privateKey: keys.pkcs8Pem })));
    // a mangled key: its body must not be quoted back
    expectClean(
      syncFailure(
        () =>
          new JwtAuthenticator({
            clientId: 'c',
            username: 'u',
            privateKey: keys.pkcs8Pem.replace('-----END PRIVATE KEY-----', ''),
          }),
      ),
    );
    expectClean(
      syncFailure(
        () =>
          new JwtAuthenticator({
            clientId: 'c',
            username: 'u',
            privateKey: keys.pkcs8Pem.replace(keyBody.slice(0, 40), `${keyBody.slice(0, 39)}*`),
          }),
      ),
    );
  });

  it('for incomplete or contradictory environments', () => {
    expectClean(syncFailure(() => authenticatorFromEnv({ SF_PASSWORD: S.password, SF_CLIENT_SECRET: S.clientSecret })));
    expectClean(syncFailure(() => authenticatorFromEnv({ SF_PRIVATE_KEY: keys.pkcs8Pem, SF_PRIVATE_KEY_FILE: '/k' })));
    expectClean(
      syncFailure(() =>
        authenticatorFromEnv({ SF_PRIVATE_KEY: keys.pkcs1Pem.replace(/\n/g, '\\n'), SF_CLIENT_ID: 'c' }),
      ),
    );
    expectClean(syncFailure(() => authenticatorFromEnv({ SF_REFRESH_TOKEN: S.refreshToken })));
    expectClean(syncFailure(() => authenticatorFromEnv({ SF_ACCESS_TOKEN: S.staticAccess })));
  });
});

describe('a rotated refresh token', () => {
  it('stays out of the error of a later failed refresh', async () => {
    let calls = 0;
    const transport = echoing((echo) => {
      calls += 1;
      return calls === 1
        ? jsonResponse(200, tokenBody({ access_token: S.accessToken, refresh_token: S.rotated }))
        : jsonResponse(400, { error: 'invalid_grant', error_description: `expired access/refresh token ${echo}` });
    });
    const auth = new RefreshTokenAuthenticator({ clientId: 'cid', refreshToken: S.refreshToken, transport });
    auth.invalidate(await firstValueFrom(auth.session()));
    const error = await failure(auth);
    expect((error as Error).message).toContain('expired access/refresh token');
    expectClean(error);
  });
});

describe('the leak detector', () => {
  it('does find a secret in an unredacted error (so the checks above can fail)', () => {
    expect(() => expectClean(new Error(`boom ${S.password}`))).toThrow(/leaked/);
    expect(() => expectClean(new Error('boom', { cause: { body: keyBody.slice(0, 40) } }))).toThrow(/leaked/);
  });
});
