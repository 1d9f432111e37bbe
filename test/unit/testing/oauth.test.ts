import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { startBulkEmulator, type BulkEmulator } from '../../../src/testing/index';
import { V, call, pause } from './emulator-helpers';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const JWT_CLIENT = 'jwt-app';
const SECRET_CLIENT = 'secret-app';
const SECRET = 'app-secret';
const USER = 'dev@example.com';

function jwt(claims: Record<string, unknown>, key = privateKey, alg = 'RS256'): string {
  const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc({ alg })}.${enc(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

const nowS = (): number => Math.floor(Date.now() / 1000);
const goodClaims = (): Record<string, unknown> => ({
  iss: JWT_CLIENT,
  sub: USER,
  aud: 'https://login.salesforce.com',
  exp: nowS() + 180,
});

describe('emulator OAuth token endpoint', () => {
  let emu: BulkEmulator;
  const token = (form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${emu.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const jwtGrant = (assertion: string): Promise<Response> =>
    token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
  const expectError = async (res: Response, error: string, description: string): Promise<void> => {
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error, error_description: description });
  };

  beforeEach(async () => {
    emu = await startBulkEmulator({
      processing: 'instant',
      users: [{ username: USER, password: 'pw+token' }],
      clients: [
        { clientId: JWT_CLIENT, publicKeyPem: PUBLIC_PEM },
        { clientId: SECRET_CLIENT, clientSecret: SECRET, runAsUsername: USER },
      ],
    });
  });
  afterEach(() => emu.close());

  it('issues a token for a valid RS256 assertion, with the §8.2 body', async () => {
    const res = await jwtGrant(jwt(goodClaims()));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'id',
      'instance_url',
      'issued_at',
      'scope',
      'signature',
      'token_type',
    ]);
    expect(body).toMatchObject({ instance_url: emu.url, token_type: 'Bearer', scope: 'api' });
    expect(body.issued_at).toMatch(/^\d{13}$/);
    expect(body.id).toMatch(new RegExp(`^${emu.url}/id/00D\\w{15}/005\\w{15}$`));
    const expected = createHmac('sha256', JWT_CLIENT).update(`${body.id}${body.issued_at}`).digest('base64');
    expect(body.signature).toBe(expected);
    const api = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, { token: body.access_token });
    expect(api.status).toBe(200);
  });

  it('accepts the emulator URL as audience and exp as a string', async () => {
    const res = await jwtGrant(jwt({ ...goodClaims(), aud: emu.url, exp: String(nowS() + 60) }));
    expect(res.status).toBe(200);
  });

  it('rejects bad assertions with the Salesforce error pairs', async () => {
    await expectError(
      await jwtGrant(jwt({ ...goodClaims(), aud: 'https://example.com' })),
      'invalid_grant',
      'audience is invalid',
    );
    await expectError(
      await jwtGrant(jwt({ ...goodClaims(), exp: nowS() - 600 })),
      'invalid_grant',
      'expired authorization code',
    );
    await expectError(
      await jwtGrant(jwt({ ...goodClaims(), iss: 'nobody' })),
      'invalid_client_id',
      'client identifier invalid',
    );
    await expectError(await jwtGrant(jwt(goodClaims(), other.privateKey)), 'invalid_grant', 'invalid assertion');
    await expectError(await jwtGrant(jwt(goodClaims(), privateKey, 'RS512')), 'invalid_grant', 'invalid assertion');
    await expectError(
      await jwtGrant(jwt({ ...goodClaims(), exp: nowS() + 3600 })),
      'invalid_grant',
      'invalid assertion',
    );
    await expectError(
      await jwtGrant(jwt({ ...goodClaims(), sub: 'stranger@example.com' })),
      'invalid_grant',
      "user hasn't approved this consumer",
    );
    await expectError(await jwtGrant('not.a.jwt'), 'invalid_grant', 'invalid assertion');
  });

  it('tolerates a small clock skew on exp', async () => {
    expect((await jwtGrant(jwt({ ...goodClaims(), exp: nowS() - 5 }))).status).toBe(200);
  });

  it('supports client credentials in the body or with Basic auth', async () => {
    const body = await token({ grant_type: 'client_credentials', client_id: SECRET_CLIENT, client_secret: SECRET });
    expect(body.status).toBe(200);
    const basic = Buffer.from(`${SECRET_CLIENT}:${SECRET}`).toString('base64');
    const header = await token({ grant_type: 'client_credentials' }, { Authorization: `Basic ${basic}` });
    expect(header.status).toBe(200);
    await expectError(
      await token({ grant_type: 'client_credentials', client_id: SECRET_CLIENT, client_secret: 'wrong' }),
      'invalid_client',
      'invalid client credentials',
    );
    await expectError(
      await token({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }),
      'invalid_client_id',
      'client identifier invalid',
    );
  });

  it('supports the password flow', async () => {
    const ok = await token({
      grant_type: 'password',
      client_id: SECRET_CLIENT,
      client_secret: SECRET,
      username: USER,
      password: 'pw+token',
    });
    expect(ok.status).toBe(200);
    const bad = await token({
      grant_type: 'password',
      client_id: SECRET_CLIENT,
      client_secret: SECRET,
      username: USER,
      password: 'nope',
    });
    await expectError(bad, 'invalid_grant', 'authentication failure');
  });

  it('supports refresh tokens issued through the API, and revocation', async () => {
    const refresh = emu.issueRefreshToken(SECRET_CLIENT, USER);
    const ok = await token({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: SECRET_CLIENT,
      client_secret: SECRET,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { refresh_token?: string }).refresh_token).toBeUndefined();
    expect(emu.revokeToken(refresh)).toBe(true);
    const revoked = await token({ grant_type: 'refresh_token', refresh_token: refresh, client_id: SECRET_CLIENT });
    await expectError(revoked, 'invalid_grant', 'expired access/refresh token');
  });

  it('refuses unknown grant types', async () => {
    await expectError(
      await token({ grant_type: 'authorization_code' }),
      'unsupported_grant_type',
      'grant type not supported',
    );
  });

  it('answers 401 INVALID_SESSION_ID for missing, unknown and expired tokens', async () => {
    for (const t of [null, 'garbage']) {
      const res = await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, { token: t });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Token');
      expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    expect(
      (
        await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, {
          headers: { Authorization: `OAuth ${emu.accessToken}` },
          token: null,
        })
      ).status,
    ).toBe(200);
    emu.expireTokens();
    expect((await call(emu, 'GET', `/services/data/${V}/jobs/ingest`)).status).toBe(401);
    const fresh = emu.issueAccessToken();
    expect((await call(emu, 'GET', `/services/data/${V}/jobs/ingest`, { token: fresh })).status).toBe(200);
  });

  it('expires tokens after the configured lifetime', async () => {
    await emu.close();
    emu = await startBulkEmulator({ processing: 'instant', tokenLifetimeMs: 80 });
    const short = emu.issueAccessToken();
    expect((await call(emu, 'GET', `/services/data/${V}/limits`, { token: short })).status).toBe(200);
    await pause(120);
    expect((await call(emu, 'GET', `/services/data/${V}/limits`, { token: short })).status).toBe(401);
    expect((await call(emu, 'GET', `/services/data/${V}/limits`)).status).toBe(200);
  });

  it('does not count token or rejected calls as API usage', async () => {
    await jwtGrant(jwt(goodClaims()));
    await call(emu, 'GET', `/services/data/${V}/limits`, { token: 'garbage' });
    expect(emu.stats().apiCallsUsed).toBe(0);
    await call(emu, 'GET', `/services/data/${V}/limits`);
    expect(emu.stats().apiCallsUsed).toBe(1);
  });
});
