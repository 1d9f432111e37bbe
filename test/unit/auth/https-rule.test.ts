import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { ClientCredentialsAuthenticator } from '../../../src/auth/client-credentials.js';
import { JwtAuthenticator } from '../../../src/auth/jwt-bearer.js';
import { PasswordAuthenticator } from '../../../src/auth/password.js';
import { RefreshTokenAuthenticator } from '../../../src/auth/refresh-token.js';
import { checkSecureUrl } from '../../../src/auth/secure-url.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import { generateTestKeys } from './fake-transport.js';

const keys = generateTestKeys();

/** Builds each flow against a login (or instance) URL. */
const flows: [string, (url: string, allowInsecure?: boolean) => unknown][] = [
  [
    'JWT bearer',
    (loginUrl, allowInsecure) =>
      new JwtAuthenticator({ loginUrl, clientId: 'c', username: 'u', privateKey: keys.pkcs8Pem, allowInsecure }),
  ],
  [
    'client credentials',
    (loginUrl, allowInsecure) =>
      new ClientCredentialsAuthenticator({ loginUrl, clientId: 'c', clientSecret: 'client-secret-1', allowInsecure }),
  ],
  [
    'password',
    (loginUrl, allowInsecure) =>
      new PasswordAuthenticator({
        loginUrl,
        clientId: 'c',
        clientSecret: 'client-secret-1',
        username: 'u',
        password: 'password-1',
        allowInsecure,
      }),
  ],
  [
    'refresh token',
    (loginUrl, allowInsecure) =>
      new RefreshTokenAuthenticator({ loginUrl, clientId: 'c', refreshToken: 'refresh-token-1', allowInsecure }),
  ],
  [
    'access token',
    (instanceUrl, allowInsecure) =>
      new AccessTokenAuthenticator({ instanceUrl, accessToken: 'access-token-1', allowInsecure }),
  ],
];

describe.each(flows)('%s: https rule', (_flow, create) => {
  it('refuses plain http to a remote host', () => {
    expect(() => create('http://acme.my.salesforce.com')).toThrow(ValidationError);
    expect(() => create('http://acme.my.salesforce.com')).toThrow(
      /must use https \(got http:\/\/acme\.my\.salesforce\.com\)/,
    );
  });

  it('allows loopback hosts and an explicit allowInsecure', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080'])
      expect(() => create(url)).not.toThrow();
    expect(() => create('http://sf.internal', true)).not.toThrow();
  });

  it('refuses other schemes and non-URLs even with allowInsecure', () => {
    expect(() => create('ftp://acme.my.salesforce.com', true)).toThrow(/must use https/);
    expect(() => create('acme.my.salesforce.com')).toThrow(/is not a valid URL/);
  });
});

describe('checkSecureUrl', () => {
  it('does not take a loopback-looking name for loopback', () => {
    expect(() => checkSecureUrl('http://localhost.evil.example', 'loginUrl', false)).toThrow(/must use https/);
    expect(() => checkSecureUrl('http://127.0.0.1.nip.io', 'loginUrl', false)).toThrow(/must use https/);
  });
});
