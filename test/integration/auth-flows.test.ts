import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { toResult } from '../../operators/to-result.js';
import type { Authenticator } from '../../src/auth/authenticator.js';
import type { CachedAuthenticator } from '../../src/auth/cached-authenticator.js';
import { RefreshTokenAuthenticator } from '../../src/auth/refresh-token.js';
import { AuthenticationError } from '../../src/errors/authentication-error.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import type { BulkEvent } from '../../src/operations/shared/bulk-event.js';
import { ClientCredentialsAuthenticator, PasswordAuthenticator } from '../../src/auth/index.js';
import {
  accountNames,
  accounts,
  FLOW_NAMES,
  generateRsaKeyPair,
  startAuthFixture,
  type AuthFixture,
  type FlowName,
} from '../support/auth-fixture.js';
import { RequestTriggers } from '../support/request-triggers.js';
import { SecretWitness, type SecretKind } from '../support/secret-witness.js';

// one witness for the whole file: the last test checks every log line and error of the others
const witness = new SecretWitness();
const keys = generateRsaKeyPair();
const strangerKeys = generateRsaKeyPair();
witness.privateKey(strangerKeys.privateKeyPem);

let fx: AuthFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function start(): Promise<AuthFixture> {
  fx = await startAuthFixture(witness, keys);
  return fx;
}

const run = (op: Observable<BulkEvent<BulkResult>>): Promise<BulkResult> => lastValueFrom(op.pipe(toResult()));

/** The error a promise rejects with, handed to the witness. */
async function failure(where: string, promise: Promise<unknown>): Promise<AuthenticationError> {
  const error = await promise.then(
    () => new Error(`${where}: expected a failure`),
    (e: unknown) => e,
  );
  witness.error(where, error);
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

/** Everything one can print about an authenticator (`#private` fields must keep secrets out). */
function witnessAuthenticator(where: string, auth: Authenticator): void {
  witness.text(`${where} inspect`, inspect(auth, { depth: 10, showHidden: true }));
  witness.text(`${where} JSON`, JSON.stringify(auth));
}

const GRANTS: Readonly<Record<FlowName, readonly string[]>> = {
  'JWT bearer': ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
  'client credentials': ['client_credentials'],
  'username-password': ['password'],
  'refresh token': ['refresh_token'],
  'access token': [],
};

/** An insert of three rows and a query job that reads them back, through the SDK. */
async function insertAndReadBack(
  f: AuthFixture,
  client: ReturnType<AuthFixture['client']>,
  prefix: string,
): Promise<void> {
  const result = await run(client.bulk.insert('Account', accounts(prefix, 3)));
  witness.text(`${prefix} result`, JSON.stringify(result));
  expect(result.successCount).toBe(3);
  expect(result.job.state).toBe('JobComplete');
  expect(accountNames(f.emulator, prefix)).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
  const rows = await lastValueFrom(
    client.bulk.queryRecords(`SELECT Id, Name FROM Account WHERE Name LIKE '${prefix}-%'`).pipe(toArray()),
  );
  expect(rows.map((row) => row.Name).sort()).toEqual([`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);
  expect(new Set(rows.map((row) => row.Id))).toEqual(new Set(result.successRecords.map((record) => record.id)));
  // both jobs ran as the flow's user
  const jobs = f.emulator.jobs.list();
  expect(jobs.map((job) => job.kind)).toEqual(['ingest', 'query']);
  expect(new Set(jobs.map((job) => job.createdById)).size).toBe(1);
}

describe('each flow works end to end against the emulator', () => {
  it.each(FLOW_NAMES)('%s: a session from the token endpoint, an insert and a query', async (flow) => {
    const f = await start();
    const auth = f.auth(flow);
    expect(auth.flow).toBe(flow);
    witnessAuthenticator(flow, auth);
    await insertAndReadBack(f, f.client(auth), 'flow');
    // one token request for the whole run (create, upload, close, polls, results, query pages)
    expect(f.recorder.grantTypes).toEqual(GRANTS[flow]);
    expect(f.tokenCalls()).toBe(GRANTS[flow].length);
    if (flow !== 'access token') expect((auth as CachedAuthenticator).tokenRequests).toBe(1);
  });
});

describe('SalesforceClient.fromEnv picks the flow from the variables that are set', () => {
  const envFor = (f: AuthFixture, flow: FlowName): Record<string, string> => {
    const { clientId, clientSecret, username, password } = f.creds;
    const common = { SF_LOGIN_URL: f.emulator.url, SF_API_VERSION: '62.0', SF_CLIENT_ID: clientId };
    switch (flow) {
      case 'JWT bearer':
        // a PEM pasted into one line with literal \n, as CI secret stores hold it
        return { ...common, SF_USERNAME: username, SF_PRIVATE_KEY: keys.privateKeyPem.replace(/\n/g, '\\n') };
      case 'client credentials':
        return { ...common, SF_CLIENT_SECRET: clientSecret };
      case 'username-password':
        return { ...common, SF_CLIENT_SECRET: clientSecret, SF_USERNAME: username, SF_PASSWORD: password };
      case 'refresh token': {
        const refreshToken = f.emulator.issueRefreshToken(clientId, username);
        witness.secret('refresh token', refreshToken);
        return { ...common, SF_CLIENT_SECRET: clientSecret, SF_REFRESH_TOKEN: refreshToken };
      }
      case 'access token': {
        const accessToken = f.emulator.issueAccessToken(username);
        witness.secret('access token', accessToken);
        return { SF_INSTANCE_URL: f.emulator.url, SF_ACCESS_TOKEN: accessToken, SF_API_VERSION: '62.0' };
      }
    }
  };

  it.each(FLOW_NAMES)('%s', async (flow) => {
    const f = await start();
    const client = f.fromEnv(envFor(f, flow));
    expect(client.apiVersion).toBe('62.0');
    await insertAndReadBack(f, client, 'env');
    expect(f.recorder.grantTypes).toEqual(GRANTS[flow]);
    expect(f.emulator.jobs.list().map((job) => job.apiVersion)).toEqual([62, 62]);
  });

  it('JWT bearer with the key in SF_PRIVATE_KEY_FILE', async () => {
    const f = await start();
    const dir = mkdtempSync(join(tmpdir(), 'kinetic-auth-'));
    try {
      const file = join(dir, 'server.key');
      writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
      const client = f.fromEnv({
        SF_LOGIN_URL: f.emulator.url,
        SF_CLIENT_ID: f.creds.clientId,
        SF_USERNAME: f.creds.username,
        SF_PRIVATE_KEY_FILE: file,
      });
      await insertAndReadBack(f, client, 'keyfile');
      expect(f.recorder.grantTypes).toEqual(GRANTS['JWT bearer']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("failures are clear and carry Salesforce's error_description", () => {
  /** Runs an insert that must fail before any job exists. */
  async function failedInsert(f: AuthFixture, auth: Authenticator, where: string): Promise<AuthenticationError> {
    witnessAuthenticator(where, auth);
    const error = await failure(where, run(f.client(auth).bulk.insert('Account', accounts(where, 2))));
    expect(f.emulator.jobs.list()).toEqual([]);
    expect(f.emulator.org.records('Account')).toEqual([]);
    return error;
  }

  it('a JWT signed with a key the connected app does not know', async () => {
    const f = await start();
    const error = await failedInsert(f, f.jwt({ privateKey: strangerKeys.privateKeyPem }), 'wrong-key');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.status).toBe(400);
    expect(error.message).toContain('JWT bearer');
    expect(error.message).toContain('invalid assertion');
    // an authentication failure is not retried: one token request, no API call
    expect(f.tokenCalls()).toBe(1);
    expect(f.calls('ingest.create', 'POST')).toBe(0);
  });

  it('a JWT with a wrong audience', async () => {
    const f = await start();
    const error = await failedInsert(f, f.jwt({ audience: 'https://login.example.com' }), 'wrong-aud');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.message).toContain('audience is invalid');
    expect(error.message).toContain('check the JWT audience');
  });

  it('a JWT whose issuer is not a connected app of the org', async () => {
    const f = await start();
    const error = await failedInsert(f, f.jwt({ clientId: 'no-such-app' }), 'wrong-iss');
    expect(error.oauthError).toBe('invalid_client_id');
    expect(error.message).toContain('client identifier invalid');
  });

  it('a revoked refresh token', async () => {
    const f = await start();
    const { clientId, clientSecret, username } = f.creds;
    const refreshToken = f.emulator.issueRefreshToken(clientId, username);
    witness.secret('refresh token', refreshToken);
    expect(f.emulator.revokeToken(refreshToken)).toBe(true);
    const auth = new RefreshTokenAuthenticator({ loginUrl: f.emulator.url, clientId, clientSecret, refreshToken });
    const error = await failedInsert(f, auth, 'revoked');
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.message).toContain('expired access/refresh token');
  });

  it('a wrong client secret and a wrong password', async () => {
    const f = await start();
    const { clientId, clientSecret, username } = f.creds;
    const badSecret = `${clientSecret}-not`;
    witness.secret('client secret', badSecret);
    const cc = await failedInsert(
      f,
      new ClientCredentialsAuthenticator({ loginUrl: f.emulator.url, clientId, clientSecret: badSecret }),
      'bad-secret',
    );
    expect(cc.oauthError).toBe('invalid_client');
    expect(cc.message).toContain('invalid client credentials');
    const badPassword = `${f.creds.password}-not`;
    witness.secret('password', badPassword);
    const pw = await failedInsert(
      f,
      new PasswordAuthenticator({ loginUrl: f.emulator.url, clientId, clientSecret, username, password: badPassword }),
      'bad-password',
    );
    expect(pw.oauthError).toBe('invalid_grant');
    expect(pw.message).toContain('authentication failure');
  });

  it('a bare access token that expired cannot be refreshed', async () => {
    const f = await start();
    const auth = f.auth('access token');
    f.emulator.expireTokens();
    const error = await failedInsert(f, auth, 'bare-token');
    expect(auth.canRefresh).toBe(false);
    expect(error.status).toBe(401);
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect(error.message).toContain('Session expired or invalid');
    expect(error.message).toContain('access token flow has nothing to refresh it with');
    // refused once, not resent
    expect(f.calls('ingest.create', 'POST')).toBe(1);
    expect(f.tokenCalls()).toBe(0);
  });

  it('a session refused again right after a refresh fails instead of looping', async () => {
    const f = await start();
    const triggers = new RequestTriggers();
    // the first create meets an expired token, and so does its resend with the fresh token
    triggers.before('ingest.create', 1, () => f.emulator.expireTokens());
    triggers.before('ingest.create', 2, () => f.emulator.expireTokens());
    const auth = f.auth('client credentials');
    const error = await failure(
      'refused-again',
      run(f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('again', 2))),
    );
    expect(triggers.allFired).toBe(true);
    expect(error.status).toBe(401);
    expect(error.message).toContain('refused again after a token refresh');
    expect(f.calls('ingest.create', 'POST')).toBe(2);
    expect(f.tokenCalls()).toBe(2);
    expect(f.emulator.jobs.list()).toEqual([]);
  });

  it("a refresh token revoked in the middle of a job fails the job with the token endpoint's answer", async () => {
    const f = await start();
    const { clientId, clientSecret, username } = f.creds;
    const refreshToken = f.emulator.issueRefreshToken(clientId, username);
    witness.secret('refresh token', refreshToken);
    const triggers = new RequestTriggers();
    triggers.before('ingest.get', 1, () => {
      f.emulator.revokeToken(refreshToken);
      f.emulator.expireTokens();
    });
    const auth = new RefreshTokenAuthenticator({ loginUrl: f.emulator.url, clientId, clientSecret, refreshToken });
    const error = await failure(
      'revoked-mid-job',
      run(f.client(auth, { onDebug: triggers.onDebug }).bulk.insert('Account', accounts('midjob', 2))),
    );
    expect(triggers.allFired).toBe(true);
    expect(error.oauthError).toBe('invalid_grant');
    expect(error.message).toContain('expired access/refresh token');
    expect(f.tokenCalls()).toBe(2);
  });
});

describe('secret hygiene over the flows above', () => {
  it('no access token, refresh token, client secret, password, assertion or private key reached a log line or an error', () => {
    const seen = witness.seen;
    // the check is only worth something if the flows above ran and were recorded
    expect(seen.logs).toBeGreaterThan(100);
    expect(seen.errors).toBeGreaterThanOrEqual(9);
    const kinds: SecretKind[] = [
      'access token',
      'refresh token',
      'client secret',
      'password',
      'private key',
      'jwt assertion',
    ];
    expect(kinds.filter((kind) => (seen.secrets.get(kind) ?? 0) === 0)).toEqual([]);
    expect(witness.leaks()).toEqual([]);
    // and the detector does see a slice of a secret when one is there
    const line = keys.privateKeyPem.split('\n')[3] ?? '';
    expect(witness.leaks([{ where: 'planted text', text: `... ${line.slice(10, 30)} ...` }])).toEqual([
      'private key in planted text',
    ]);
  });
});
