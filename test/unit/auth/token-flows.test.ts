import { firstValueFrom } from 'rxjs';
import { ClientCredentialsAuthenticator } from '../../../src/auth/client-credentials.js';
import { PasswordAuthenticator } from '../../../src/auth/password.js';
import { RefreshTokenAuthenticator } from '../../../src/auth/refresh-token.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { redact } from '../../../src/errors/redact.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { fakeTransport, formOf, jsonResponse, tokenBody } from './fake-transport.js';

const JSON_FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };

describe('ClientCredentialsAuthenticator', () => {
  it('posts client_id and client_secret to the My Domain token endpoint', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = new ClientCredentialsAuthenticator({
      loginUrl: 'https://acme.my.salesforce.com/',
      clientId: 'cid-123',
      clientSecret: 'cc-secret-value-9',
      transport,
    });
    const session = await firstValueFrom(auth.session());
    expect(session.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(transport.requests[0]?.url).toBe('https://acme.my.salesforce.com/services/oauth2/token');
    expect(transport.requests[0]?.headers).toEqual(JSON_FORM);
    expect(formOf(transport.requests[0])).toEqual([
      ['grant_type', 'client_credentials'],
      ['client_id', 'cid-123'],
      ['client_secret', 'cc-secret-value-9'],
    ]);
    expect(auth.flow).toBe('client credentials');
  });

  it.each(['https://login.salesforce.com', 'https://TEST.salesforce.com/'])(
    'refuses the generic login host %s',
    (loginUrl) => {
      const create = () =>
        new ClientCredentialsAuthenticator({ loginUrl, clientId: 'cid', clientSecret: 'cc-secret-value-9' });
      expect(create).toThrow(ValidationError);
      expect(create).toThrow(/My Domain/);
    },
  );

  it('accepts a sandbox My Domain and a loopback emulator', () => {
    expect(
      new ClientCredentialsAuthenticator({
        loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
        clientId: 'c',
        clientSecret: 'cc-secret-value-9',
      }).loginUrl,
    ).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(
      new ClientCredentialsAuthenticator({
        loginUrl: 'http://127.0.0.1:7000',
        clientId: 'c',
        clientSecret: 'cc-secret-value-9',
      }).loginUrl,
    ).toBe('http://127.0.0.1:7000');
  });

  it('requires loginUrl, clientId and clientSecret', () => {
    expect(() => new ClientCredentialsAuthenticator({ loginUrl: '', clientId: '', clientSecret: '' })).toThrow(
      'Authentication (client credentials) needs loginUrl, clientId and clientSecret',
    );
  });
});

describe('PasswordAuthenticator', () => {
  it('sends password + security token with client id and secret', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = new PasswordAuthenticator({
      clientId: 'cid',
      clientSecret: 'pw-client-secret-1',
      username: 'user@acme.com',
      password: 'hunter2-password',
      securityToken: 'SecTok123456',
      transport,
    });
    await firstValueFrom(auth.session());
    expect(transport.requests[0]?.url).toBe('https://login.salesforce.com/services/oauth2/token');
    expect(formOf(transport.requests[0])).toEqual([
      ['grant_type', 'password'],
      ['client_id', 'cid'],
      ['client_secret', 'pw-client-secret-1'],
      ['username', 'user@acme.com'],
      ['password', 'hunter2-passwordSecTok123456'],
    ]);
  });

  it('sends the bare password when there is no security token, to the given login URL', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = new PasswordAuthenticator({
      loginUrl: 'https://test.salesforce.com',
      clientId: 'cid',
      clientSecret: 'pw-client-secret-1',
      username: 'u@x.com',
      password: 'hunter2-password',
      transport,
    });
    await firstValueFrom(auth.session());
    expect(transport.requests[0]?.url).toBe('https://test.salesforce.com/services/oauth2/token');
    expect(new Map(formOf(transport.requests[0])).get('password')).toBe('hunter2-password');
  });

  it('requires the client secret, username and password', () => {
    expect(() => new PasswordAuthenticator({ clientId: 'cid', clientSecret: '', username: '', password: '' })).toThrow(
      'Authentication (username-password) needs clientSecret, username and password',
    );
  });
});

describe('RefreshTokenAuthenticator', () => {
  it('sends the refresh token and client id, and the secret only when given', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const withoutSecret = new RefreshTokenAuthenticator({
      clientId: 'cid',
      refreshToken: '5Aep861-refresh-one',
      transport,
    });
    await firstValueFrom(withoutSecret.session());
    expect(formOf(transport.requests[0])).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', '5Aep861-refresh-one'],
      ['client_id', 'cid'],
    ]);

    const withSecret = new RefreshTokenAuthenticator({
      clientId: 'cid',
      clientSecret: 'rt-client-secret-1',
      refreshToken: '5Aep861-refresh-one',
      transport,
    });
    await firstValueFrom(withSecret.session());
    expect(new Map(formOf(transport.requests[1])).get('client_secret')).toBe('rt-client-secret-1');
  });

  it('uses a rotated refresh token next time, registers it as a secret and reports it', async () => {
    const transport = fakeTransport([
      jsonResponse(
        200,
        tokenBody({ access_token: 'access-token-one-1111', refresh_token: 'rotated-refresh-two-2222' }),
      ),
      jsonResponse(200, tokenBody({ access_token: 'access-token-two-2222' })),
      jsonResponse(200, tokenBody({ access_token: 'access-token-three-3333' })),
    ]);
    const rotated: string[] = [];
    const auth = new RefreshTokenAuthenticator({
      clientId: 'cid',
      refreshToken: 'original-refresh-1111',
      transport,
      onRefreshTokenRotated: (t) => rotated.push(t),
    });

    const first = await firstValueFrom(auth.session());
    auth.invalidate(first);
    const second = await firstValueFrom(auth.session());
    auth.invalidate(second);
    await firstValueFrom(auth.session());

    const sent = transport.requests.map((r) => new Map(formOf(r)).get('refresh_token'));
    expect(sent).toEqual(['original-refresh-1111', 'rotated-refresh-two-2222', 'rotated-refresh-two-2222']);
    expect(rotated).toEqual(['rotated-refresh-two-2222']);
    expect(auth.secrets.redact('token rotated-refresh-two-2222')).toBe('token [REDACTED]');
    expect(redact('token rotated-refresh-two-2222')).toBe('token rotated-refresh-two-2222');
  });

  it('reports an expired refresh token as an AuthenticationError', async () => {
    const transport = fakeTransport(
      jsonResponse(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' }),
    );
    const auth = new RefreshTokenAuthenticator({ clientId: 'cid', refreshToken: 'expired-refresh-token-1', transport });
    const error = await firstValueFrom(auth.session()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe(
      'Authentication failed (refresh token): expired access/refresh token [invalid_grant]',
    );
  });
});
