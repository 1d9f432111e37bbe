import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { lastValueFrom, toArray } from 'rxjs';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import type { Authenticator } from '../../src/auth/authenticator.js';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { JwtAuthenticator } from '../../src/auth/jwt-bearer.js';
import { PasswordAuthenticator } from '../../src/auth/password.js';
import { RefreshTokenAuthenticator } from '../../src/auth/refresh-token.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import { KineticError } from '../../src/errors/kinetic-error.js';
import { redact } from '../../src/errors/redact.js';
import { SecretSet } from '../../src/errors/secret-set.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import { startBulkEmulator } from '../../src/testing/emulator.js';
import { generateRsaKeyPair } from '../support/auth-fixture.js';
import { SecretWitness, type SecretKind } from '../support/secret-witness.js';
import { failureOf, org, stepOf, type Step } from './fake-org.js';
import { json, startHostileServer, type HostileServer, type SeenRequest } from './hostile-server.js';

// Servers that echo what they were sent into their error answers: the Authorization header,
// the token request's form (client secret, password, refresh token, JWT assertion), raw and
// decoded. The matrix covers every auth flow x every step x 400/401/500/503; each error is
// looked at the way a user would (message, stack, util.inspect, console.log, JSON.stringify,
// String, and the same along the cause chain), for every secret the run used. Before the fix,
// `err.body` and `err.errors` kept the echo as it came, the message was cut before it was
// redacted, and short passwords were never registered: most cases of the matrix leaked.

type Flow = 'JWT bearer' | 'client credentials' | 'username-password' | 'refresh token' | 'access token';
type MatrixStep = 'token' | 'create' | 'upload' | 'poll' | 'results';
const FLOWS: readonly Flow[] = [
  'JWT bearer',
  'client credentials',
  'username-password',
  'refresh token',
  'access token',
];
const STEPS: readonly MatrixStep[] = ['token', 'create', 'upload', 'poll', 'results'];
const STATUSES = [400, 401, 500, 503] as const;
const STEP_OF: Record<Exclude<MatrixStep, 'token'>, Step> = {
  create: 'ingest.create',
  upload: 'ingest.upload',
  poll: 'ingest.get',
  results: 'ingest.successfulResults',
};

const keys = generateRsaKeyPair();
const SECRETS = {
  clientSecret: 'cs-Echo-7d41b9e0c2f5a8',
  // short on purpose: passwords under 6 characters used to be left unregistered
  password: 'k9#',
  refreshToken: 'rt-Echo-5Fq2Lw8Zp0Xv3',
  staticToken: 'static-Echo-token-Hq7Wd2Kp9',
};

/** Everything an echo can carry about a request, in every form: headers, the raw body, the decoded form. */
function echo(request: SeenRequest): string {
  const form = request.headers['content-type']?.includes('x-www-form-urlencoded')
    ? [...new URLSearchParams(request.body).entries()].map(([k, v]) => `${k}: ${v}`).join('\n')
    : '';
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return [
    // a bare token placed across character 200, where messages used to be cut before redaction
    `${'x'.repeat(170)} ${bearer}`,
    `headers ${JSON.stringify(request.headers)}`,
    `body ${request.body}`,
    `form ${form}`,
  ].join('\n');
}

/** The failing answer: a Salesforce error array, an OAuth error, an HTML page, or a JSON body of any shape. */
function failWithEcho(status: number, request: SeenRequest, res: ServerResponse, token: boolean): void {
  const text = echo(request);
  if (status === 400) json(res, 400, [{ errorCode: 'INVALID_FIELD', message: text, fields: [text] }]);
  else if (status === 401 && token) json(res, 401, { error: 'invalid_client', error_description: text });
  else if (status === 401) json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: `Session expired ${text}` }]);
  else if (status === 500) {
    res.writeHead(500, { 'Content-Type': 'text/html' });
    res.end(`<html><body>${text}</body></html>`);
  } else
    json(res, 503, { error: 'temporarily_unavailable', echo: { headers: request.headers, body: request.body, text } });
}

interface Case {
  readonly flow: Flow;
  readonly step: MatrixStep;
  readonly status: number;
}

const CASES: Case[] = FLOWS.flatMap((flow) =>
  STEPS.filter((step) => !(flow === 'access token' && step === 'token')).flatMap((step) =>
    STATUSES.map((status) => ({ flow, step, status })),
  ),
);

function authFor(flow: Flow, url: string): Authenticator {
  switch (flow) {
    case 'JWT bearer':
      return new JwtAuthenticator({
        loginUrl: url,
        clientId: 'cid',
        username: 'u@x.test',
        privateKey: keys.privateKeyPem,
      });
    case 'client credentials':
      return new ClientCredentialsAuthenticator({ loginUrl: url, clientId: 'cid', clientSecret: SECRETS.clientSecret });
    case 'username-password':
      return new PasswordAuthenticator({
        loginUrl: url,
        clientId: 'cid',
        clientSecret: SECRETS.clientSecret,
        username: 'u@x.test',
        password: SECRETS.password,
      });
    case 'refresh token':
      return new RefreshTokenAuthenticator({ loginUrl: url, clientId: 'cid', refreshToken: SECRETS.refreshToken });
    case 'access token':
      return new AccessTokenAuthenticator({ instanceUrl: url, accessToken: SECRETS.staticToken });
  }
}

/** Runs one case: a one-record insert against a server that fails `step` with `status`, echoing. */
async function runCase(c: Case, witness: SecretWitness): Promise<{ error: unknown; echoed: number }> {
  let issued = 0;
  let echoed = 0;
  const server: HostileServer = await startHostileServer((request, res, s, raw) => {
    if (request.path === '/services/oauth2/token') {
      for (const [field, kind] of [
        ['client_secret', 'client secret'],
        ['password', 'password'],
        ['refresh_token', 'refresh token'],
        ['assertion', 'jwt assertion'],
      ] as const) {
        witness.secret(kind, new URLSearchParams(request.body).get(field));
      }
      if (c.step === 'token') {
        echoed += 1;
        failWithEcho(c.status, request, res, true);
        return;
      }
      issued += 1;
      const accessToken = `at-Echo-${c.flow.replace(/\W/g, '')}-${c.step}-${c.status}-n${issued}-Zq81`;
      witness.secret('access token', accessToken);
      json(res, 200, { access_token: accessToken, instance_url: s.url, token_type: 'Bearer', id: 'x' });
      return;
    }
    if (c.step !== 'token' && stepOf(request) === STEP_OF[c.step]) {
      echoed += 1;
      failWithEcho(c.status, request, res, false);
      return;
    }
    org({})(request, res, s, raw);
  });
  try {
    const client = new SalesforceClient({
      auth: authFor(c.flow, server.url),
      pollPolicy: fixedPolling(5),
      retryPolicy: { maxRetries: 0 },
      requestLimits: { idleTimeoutMs: 2000 },
      logger: witness.logger(),
    });
    const error = await failureOf(lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }]).pipe(toArray())));
    await client.whenSettled();
    return { error, echoed };
  } finally {
    await server.close();
  }
}

function watchStaticSecrets(witness: SecretWitness): void {
  const kinds: [SecretKind, string][] = [
    ['client secret', SECRETS.clientSecret],
    ['password', SECRETS.password],
    ['refresh token', SECRETS.refreshToken],
    ['access token', SECRETS.staticToken],
  ];
  for (const [kind, value] of kinds) witness.secret(kind, value);
  witness.privateKey(keys.privateKeyPem);
}

describe('servers that echo credentials into their errors', () => {
  it(`leak no secret in any of the ${CASES.length} cases (5 flows x 5 steps x 400/401/500/503)`, async () => {
    const witness = new SecretWitness();
    watchStaticSecrets(witness);
    const missedEcho: string[] = [];
    for (const c of CASES) {
      const { error, echoed } = await runCase(c, witness);
      const label = `${c.flow} / ${c.step} / ${c.status}`;
      if (echoed === 0) missedEcho.push(label);
      expect(error).toBeInstanceOf(KineticError);
      witness.error(label, error);
      witness.text(`${label}: console.log`, consoleLogOf(error));
    }
    expect(missedEcho).toEqual([]);
    expect(witness.seen.errors).toBe(CASES.length);
    expect([...witness.seen.secrets.keys()].sort()).toEqual([
      'access token',
      'client secret',
      'jwt assertion',
      'password',
      'private key',
      'refresh token',
    ]);
    expect(witness.leaks()).toEqual([]);
  }, 120_000);

  it('would see a leak (the check can fail): the same echo in a plain error', async () => {
    const witness = new SecretWitness();
    watchStaticSecrets(witness);
    const { error } = await runCase({ flow: 'client credentials', step: 'token', status: 400 }, witness);
    const body = (error as { body?: unknown }).body;
    witness.error('control', new Error(`unredacted: ${SECRETS.clientSecret} ${JSON.stringify(body)}`));
    expect(witness.leaks()).toEqual(['client secret in control (cause depth 0)']);
  });
});

/** What `console.log(error)` prints, captured. */
function consoleLogOf(error: unknown): string {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => lines.push(args.map((a) => inspect(a)).join(' '));
  try {
    console.log(error);
  } finally {
    console.log = original;
  }
  return lines.join('\n');
}

describe('secrets belong to their client', () => {
  it('two clients on two emulators: each redacts its own secrets, neither knows the other, nothing is global', async () => {
    const secretA = 'client-secret-of-A-9f3c1e7b5a';
    const secretB = 'client-secret-of-B-2d8a6c4e0f';
    const emulator = (secret: string, app: string) =>
      startBulkEmulator({
        processing: 'instant',
        users: [{ username: `${app}@x.test`, password: `pw-${app}-long-enough` }],
        clients: [{ clientId: app, clientSecret: secret, runAsUsername: `${app}@x.test` }],
      });
    const [orgA, orgB] = await Promise.all([emulator(secretA, 'app-a'), emulator(secretB, 'app-b')]);
    try {
      const authA = new ClientCredentialsAuthenticator({
        loginUrl: orgA.url,
        clientId: 'app-a',
        clientSecret: secretA,
      });
      const authB = new ClientCredentialsAuthenticator({
        loginUrl: orgB.url,
        clientId: 'app-b',
        clientSecret: secretB,
      });
      const clientA = new SalesforceClient({ auth: authA, retryPolicy: { maxRetries: 0 } });
      const clientB = new SalesforceClient({ auth: authB, retryPolicy: { maxRetries: 0 } });
      // an unterminated string literal: the emulator quotes the rest of the query in its error
      const soql = `SELECT Id FROM Account WHERE Name = '${secretA} ${secretB}`;
      const errorA = await failureOf(lastValueFrom(clientA.bulk.queryRecords(soql).pipe(toArray())));
      const errorB = await failureOf(lastValueFrom(clientB.bulk.queryRecords(soql).pipe(toArray())));
      const seen = (error: unknown): string =>
        `${String(error)} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
      // the server did echo both; each client masked the one it owns, and only that one
      expect(seen(errorA)).toContain(secretB);
      expect(seen(errorA)).not.toContain(secretA);
      expect(seen(errorB)).toContain(secretA);
      expect(seen(errorB)).not.toContain(secretB);
      // what each client learned (its access token included) is in its own set only
      const tokenA = (await lastValueFrom(authA.session())).accessToken;
      expect(authA.secrets.redact(tokenA)).toBe('[REDACTED]');
      expect(authB.secrets.redact(`${secretA} ${tokenA.slice(0, 3)}`)).toBe(`${secretA} ${tokenA.slice(0, 3)}`);
      // nothing process-wide: the pattern redactor and a new set know neither secret
      expect(redact(`${secretA} ${secretB}`)).toBe(`${secretA} ${secretB}`);
      expect(new SecretSet().redact(`${secretA} ${secretB}`)).toBe(`${secretA} ${secretB}`);
      await Promise.all([clientA.whenSettled(), clientB.whenSettled()]);
    } finally {
      await Promise.all([orgA.close(), orgB.close()]);
    }
  });
});
