import { generateKeyPairSync } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { JwtAuthenticator } from '../../../src/auth/jwt-bearer.js';
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
const NOW_MS = 1_700_000_123_456;

function jwtAuth(overrides: Partial<ConstructorParameters<typeof JwtAuthenticator>[0]> = {}) {
  const transport = fakeTransport(jsonResponse(200, tokenBody()));
  const auth = new JwtAuthenticator({
    clientId: '3MVG9-test-client',
    username: 'ci@acme.com',
    privateKey: keys.pkcs8Pem,
    transport,
    ...overrides,
  });
  return { auth, transport };
}

describe('JwtAuthenticator', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW_MS));
  afterEach(() => jest.restoreAllMocks());

  it('posts a jwt-bearer grant to the token endpoint of the login URL', async () => {
    const { auth, transport } = jwtAuth();
    const session = await firstValueFrom(auth.session());

    expect(session).toEqual({ instanceUrl: 'https://acme.my.salesforce.com', accessToken: tokenBody().access_token });
    expect(transport.requests).toHaveLength(1);
    const request = transport.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('https://login.salesforce.com/services/oauth2/token');
    expect(request?.headers).toEqual({
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    // read as a stream, so the size cap and the idle timeout hold while the answer arrives
    expect(request?.responseType).toBe('stream');
    const form = formOf(request);
    expect(form.map(([k]) => k)).toEqual(['grant_type', 'assertion']);
    expect(form[0]).toEqual(['grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer']);
  });

  it('signs an RS256 assertion with iss, sub, aud and a numeric exp 180 s ahead', async () => {
    const { auth, transport } = jwtAuth();
    await firstValueFrom(auth.session());
    const jwt = assertionOf(transport.requests[0]);
    const { header, payload } = decodeJwt(jwt);

    expect(header).toEqual({ alg: 'RS256' });
    expect(payload).toEqual({
      iss: '3MVG9-test-client',
      sub: 'ci@acme.com',
      aud: 'https://login.salesforce.com',
      exp: Math.floor(NOW_MS / 1000) + 180,
    });
    expect(verifyRs256(jwt, keys.publicKey)).toBe(true);
  });

  it('produces a signature that fails verification with another key (the check is real)', async () => {
    const { auth, transport } = jwtAuth();
    await firstValueFrom(auth.session());
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifyRs256(assertionOf(transport.requests[0]), other)).toBe(false);
  });

  it('honours expiresInSeconds and rejects a non-positive one', async () => {
    const { auth, transport } = jwtAuth({ expiresInSeconds: 60 });
    await firstValueFrom(auth.session());
    expect(decodeJwt(assertionOf(transport.requests[0])).payload.exp).toBe(Math.floor(NOW_MS / 1000) + 60);
    expect(() => jwtAuth({ expiresInSeconds: 0 })).toThrow(ValidationError);
    expect(() => jwtAuth({ expiresInSeconds: 1.5 })).toThrow(/expiresInSeconds/);
  });

  it('accepts a PKCS#1 key and signs verifiably with it', async () => {
    const { auth, transport } = jwtAuth({ privateKey: keys.pkcs1Pem });
    await firstValueFrom(auth.session());
    expect(verifyRs256(assertionOf(transport.requests[0]), keys.publicKey)).toBe(true);
  });

  it('accepts a one-line PEM with literal \\n sequences', async () => {
    const { auth, transport } = jwtAuth({ privateKey: keys.pkcs1Pem.replace(/\n/g, '\\n') });
    await firstValueFrom(auth.session());
    expect(verifyRs256(assertionOf(transport.requests[0]), keys.publicKey)).toBe(true);
  });

  it('signs a new assertion for every token request', async () => {
    const { auth, transport } = jwtAuth();
    const first = await firstValueFrom(auth.session());
    auth.invalidate(first);
    (Date.now as jest.Mock).mockReturnValue(NOW_MS + 60_000);
    await firstValueFrom(auth.session());
    expect(transport.requests).toHaveLength(2);
    expect(decodeJwt(assertionOf(transport.requests[1])).payload.exp).toBe(Math.floor(NOW_MS / 1000) + 60 + 180);
  });

  it('refuses keys it cannot use, without quoting them', async () => {
    expect(() => jwtAuth({ privateKey: 'not a key' })).toThrow(/not a PEM private key/);
    expect(() =>
      jwtAuth({ privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----' }),
    ).toThrow(/encrypted/);
    expect(() => jwtAuth({ privateKey: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----' })).toThrow(
      /unsupported PEM type/,
    );
    expect(() => jwtAuth({ privateKey: '-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----' })).toThrow(
      /not valid base64 DER/,
    );

    // a well-formed PKCS#8 key of the wrong algorithm fails at import time, on first use
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const { auth, transport } = jwtAuth({ privateKey: ec });
    await expect(firstValueFrom(auth.session())).rejects.toThrow(/could not be imported as an RSA private key/);
    expect(transport.requests).toHaveLength(0);
  });

  it('names every missing option', () => {
    expect(() => new JwtAuthenticator({ clientId: '', username: '', privateKey: keys.pkcs8Pem })).toThrow(
      'Authentication (JWT bearer) needs clientId and username',
    );
  });

  it('uses a bound transport when none was given, and an explicit one over a bound one', async () => {
    const bound = fakeTransport(jsonResponse(200, tokenBody()));
    const unbound = new JwtAuthenticator({ clientId: 'cid', username: 'u@x.com', privateKey: keys.pkcs8Pem });
    await expect(firstValueFrom(unbound.session())).rejects.toThrow(/has no transport/);
    unbound.bindTransport(bound);
    unbound.bindTransport(fakeTransport(new Error('second binding must be ignored')));
    await firstValueFrom(unbound.session());
    expect(bound.requests).toHaveLength(1);

    const { auth, transport } = jwtAuth();
    const other = fakeTransport(jsonResponse(200, tokenBody()));
    auth.bindTransport(other);
    await firstValueFrom(auth.session());
    expect(transport.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });
});
