import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { AccessTokenAuthenticator } from '../../../src/auth/access-token.js';
import { ClientCredentialsAuthenticator } from '../../../src/auth/client-credentials.js';
import type { EnvSource } from '../../../src/auth/env.js';
import { authenticatorFromEnv } from '../../../src/auth/from-env.js';
import { JwtAuthenticator } from '../../../src/auth/jwt-bearer.js';
import { PasswordAuthenticator } from '../../../src/auth/password.js';
import { privateKeyFromEnv } from '../../../src/auth/private-key-file.js';
import { RefreshTokenAuthenticator } from '../../../src/auth/refresh-token.js';
import { ValidationError } from '../../../src/errors/validation-error.js';
import {
  assertionOf,
  decodeJwt,
  fakeTransport,
  formOf,
  generateTestKeys,
  jsonResponse,
  tokenBody,
  verifyRs256,
} from './fake-transport.js';

const keys = generateTestKeys();
const jwtEnv: EnvSource = {
  SF_CLIENT_ID: 'cid',
  SF_USERNAME: 'ci@acme.com',
  SF_PRIVATE_KEY: keys.pkcs1Pem.replace(/\n/g, '\\n'),
};

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('fromEnv factories', () => {
  it('JwtAuthenticator.fromEnv reads the key with literal \\n and the login URL', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = JwtAuthenticator.fromEnv({ ...jwtEnv, SF_LOGIN_URL: 'https://test.salesforce.com' }, { transport });
    await firstValueFrom(auth.session());
    const jwt = assertionOf(transport.requests[0]);
    expect(verifyRs256(jwt, keys.publicKey)).toBe(true);
    expect(decodeJwt(jwt).payload).toMatchObject({
      iss: 'cid',
      sub: 'ci@acme.com',
      aud: 'https://test.salesforce.com',
    });
    expect(transport.requests[0]?.url).toBe('https://test.salesforce.com/services/oauth2/token');
  });

  it('defaults SF_LOGIN_URL to login.salesforce.com and treats blank values as unset', () => {
    expect(JwtAuthenticator.fromEnv({ ...jwtEnv, SF_LOGIN_URL: '  ' }).loginUrl).toBe('https://login.salesforce.com');
    expect(
      PasswordAuthenticator.fromEnv({
        SF_CLIENT_ID: 'c',
        SF_CLIENT_SECRET: 'client-secret-1',
        SF_USERNAME: 'u',
        SF_PASSWORD: 'password-1',
      }).loginUrl,
    ).toBe('https://login.salesforce.com');
  });

  it('reads SF_PRIVATE_KEY_FILE through the injected reader, only when it is set', () => {
    const readFile = jest.fn((path: string) => (path === '/keys/server.key' ? keys.pkcs8Pem : ''));
    const auth = JwtAuthenticator.fromEnv(
      { SF_CLIENT_ID: 'cid', SF_USERNAME: 'u@x.com', SF_PRIVATE_KEY_FILE: '/keys/server.key' },
      { readFile },
    );
    expect(auth).toBeInstanceOf(JwtAuthenticator);
    expect(readFile).toHaveBeenCalledWith('/keys/server.key');

    readFile.mockClear();
    JwtAuthenticator.fromEnv(jwtEnv, { readFile });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('reads SF_PRIVATE_KEY_FILE from disk by default (Node)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-auth-'));
    try {
      const file = join(dir, 'server.key');
      writeFileSync(file, keys.pkcs8Pem);
      expect(privateKeyFromEnv({ SF_PRIVATE_KEY_FILE: file })).toBe(keys.pkcs8Pem.trim());
      expect(
        validationError(() => privateKeyFromEnv({ SF_PRIVATE_KEY_FILE: join(dir, 'missing.key') })).message,
      ).toMatch(/SF_PRIVATE_KEY_FILE could not be read \(.*missing\.key: ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ClientCredentialsAuthenticator.fromEnv falls back to SF_INSTANCE_URL for the My Domain', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const auth = ClientCredentialsAuthenticator.fromEnv(
      { SF_CLIENT_ID: 'cid', SF_CLIENT_SECRET: 'cc-secret-value-1', SF_INSTANCE_URL: 'https://acme.my.salesforce.com' },
      { transport },
    );
    await firstValueFrom(auth.session());
    expect(transport.requests[0]?.url).toBe('https://acme.my.salesforce.com/services/oauth2/token');
    expect(
      validationError(() =>
        ClientCredentialsAuthenticator.fromEnv({ SF_CLIENT_ID: 'cid', SF_CLIENT_SECRET: 'cc-secret-value-1' }),
      ).field,
    ).toBe('SF_LOGIN_URL');
  });

  it('PasswordAuthenticator.fromEnv appends SF_SECURITY_TOKEN', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    const env = {
      SF_CLIENT_ID: 'c',
      SF_CLIENT_SECRET: 'client-secret-1',
      SF_USERNAME: 'u@x.com',
      SF_PASSWORD: 'password-1',
      SF_SECURITY_TOKEN: 'TOKEN99',
    };
    await firstValueFrom(PasswordAuthenticator.fromEnv(env, { transport }).session());
    expect(new Map(formOf(transport.requests[0])).get('password')).toBe('password-1TOKEN99');
  });

  it('RefreshTokenAuthenticator.fromEnv reads the optional secret', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    await firstValueFrom(
      RefreshTokenAuthenticator.fromEnv(
        { SF_CLIENT_ID: 'c', SF_REFRESH_TOKEN: 'refresh-token-1', SF_CLIENT_SECRET: 'client-secret-1' },
        { transport },
      ).session(),
    );
    expect(formOf(transport.requests[0])).toEqual([
      ['grant_type', 'refresh_token'],
      ['refresh_token', 'refresh-token-1'],
      ['client_id', 'c'],
      ['client_secret', 'client-secret-1'],
    ]);
  });

  it('passes allowInsecure through', () => {
    const env = { SF_CLIENT_ID: 'c', SF_REFRESH_TOKEN: 'refresh-token-1', SF_LOGIN_URL: 'http://sf.internal' };
    expect(() => RefreshTokenAuthenticator.fromEnv(env)).toThrow(/must use https/);
    expect(RefreshTokenAuthenticator.fromEnv(env, { allowInsecure: true }).loginUrl).toBe('http://sf.internal');
  });
});

describe('authenticatorFromEnv', () => {
  const passwordEnv = {
    SF_CLIENT_ID: 'c',
    SF_CLIENT_SECRET: 'client-secret-1',
    SF_USERNAME: 'u@x.com',
    SF_PASSWORD: 'password-1',
  };

  it.each<[string, EnvSource, new (...args: never[]) => unknown]>([
    [
      'access token',
      { SF_ACCESS_TOKEN: 'access-token-1', SF_INSTANCE_URL: 'https://acme.my.salesforce.com', ...passwordEnv },
      AccessTokenAuthenticator,
    ],
    ['JWT bearer', { ...jwtEnv, SF_PASSWORD: 'password-1', SF_REFRESH_TOKEN: 'refresh-token-1' }, JwtAuthenticator],
    ['refresh token', { SF_REFRESH_TOKEN: 'refresh-token-1', ...passwordEnv }, RefreshTokenAuthenticator],
    ['username-password', passwordEnv, PasswordAuthenticator],
    [
      'client credentials',
      {
        SF_CLIENT_ID: 'c',
        SF_CLIENT_SECRET: 'client-secret-1',
        SF_LOGIN_URL: 'https://acme.my.salesforce.com',
        SF_USERNAME: 'u@x.com',
      },
      ClientCredentialsAuthenticator,
    ],
  ])('picks %s', (flow, env, type) => {
    const auth = authenticatorFromEnv(env);
    expect(auth).toBeInstanceOf(type);
    expect(auth.flow).toBe(flow);
  });

  it('refuses both SF_PRIVATE_KEY and SF_PRIVATE_KEY_FILE, without reading the file', () => {
    const readFile = jest.fn(() => keys.pkcs8Pem);
    const error = validationError(() =>
      authenticatorFromEnv({ ...jwtEnv, SF_PRIVATE_KEY_FILE: '/k.pem' }, { readFile }),
    );
    expect(error.message).toBe('Set either SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE, not both');
    expect(error.issues.map((i) => i.field)).toEqual(['SF_PRIVATE_KEY', 'SF_PRIVATE_KEY_FILE']);
    expect(readFile).not.toHaveBeenCalled();
  });

  it('names SF_USERNAME when a private key is set without it, instead of falling back to another flow', () => {
    const error = validationError(() =>
      authenticatorFromEnv({
        SF_CLIENT_ID: 'c',
        SF_PRIVATE_KEY: keys.pkcs8Pem,
        SF_CLIENT_SECRET: 'client-secret-1',
        SF_LOGIN_URL: 'https://acme.my.salesforce.com',
      }),
    );
    expect(error.message).toBe('Authentication (JWT bearer) needs SF_USERNAME: not set');
    expect(error.field).toBe('SF_USERNAME');
  });

  it('lists every missing variable of the selected flow', () => {
    expect(
      validationError(() => authenticatorFromEnv({ SF_PRIVATE_KEY_FILE: '/k.pem' }, { readFile: () => keys.pkcs8Pem }))
        .message,
    ).toBe('Authentication (JWT bearer) needs SF_CLIENT_ID and SF_USERNAME: not set');
    expect(validationError(() => authenticatorFromEnv({ SF_ACCESS_TOKEN: 'access-token-1' })).message).toBe(
      'Authentication (access token) needs SF_INSTANCE_URL: not set',
    );
    expect(
      validationError(() => authenticatorFromEnv({ SF_PASSWORD: 'password-1', SF_USERNAME: 'u' })).issues.map(
        (i) => i.field,
      ),
    ).toEqual(['SF_CLIENT_ID', 'SF_CLIENT_SECRET']);
    expect(validationError(() => authenticatorFromEnv({ SF_REFRESH_TOKEN: 'refresh-token-1' })).field).toBe(
      'SF_CLIENT_ID',
    );
    expect(validationError(() => JwtAuthenticator.fromEnv({ SF_CLIENT_ID: 'c', SF_USERNAME: 'u' })).message).toBe(
      'Authentication (JWT bearer) needs SF_PRIVATE_KEY (or SF_PRIVATE_KEY_FILE): not set',
    );
  });

  it('explains the choices when nothing is set', () => {
    expect(validationError(() => authenticatorFromEnv({ SF_API_VERSION: '66.0', SF_CLIENT_ID: 'c' })).message).toMatch(
      /^No Salesforce credentials in the environment: set SF_ACCESS_TOKEN/,
    );
  });
});
