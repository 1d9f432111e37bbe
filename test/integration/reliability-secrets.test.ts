import { randomBytes } from 'node:crypto';
import { lastValueFrom, of, toArray } from 'rxjs';
import { toResult } from '../../operators/to-result.js';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { PasswordAuthenticator } from '../../src/auth/password.js';
import type { Transport } from '../../src/http/transport.js';
import {
  FLOW_NAMES,
  accounts,
  generateRsaKeyPair,
  startAuthFixture,
  type AuthFixture,
} from '../support/auth-fixture.js';
import { SecretWitness, type SecretKind } from '../support/secret-witness.js';

// one witness for the file: the last test reads every log line and error of the others
const witness = new SecretWitness();
const keys = generateRsaKeyPair();
const RETRIES = { maxRetries: 3, initialDelayMs: 5, factor: 2, maxDelayMs: 20, jitter: 0 };
/** Retry log lines that carried an echoed credential (redacted, if all is well). */
const echoes: string[] = [];
const onDebug = (message: string, data?: Readonly<Record<string, unknown>>): void => {
  const error = String(data?.error ?? '');
  if (error.includes('request was GET with Authorization')) echoes.push(`${message} ${error}`);
};

let fx: AuthFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/**
 * A transport that answers the first poll of each job with a 500 whose body echoes every
 * credential the request carried (a hostile proxy, or a server that quotes the request).
 */
function echoingTransport(inner: Transport): Transport {
  const echoed = new Set<string>();
  return (request) => {
    const poll = request.method === 'GET' && /\/jobs\/(ingest|query)\/[A-Za-z0-9]{15,18}$/.test(request.url);
    if (!poll || echoed.has(request.url)) return inner(request);
    echoed.add(request.url);
    const body = JSON.stringify([
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: `request was ${request.method} with Authorization: ${request.headers.Authorization ?? ''} token=${(request.headers.Authorization ?? '').slice(7)}`,
      },
    ]);
    return of({ status: 500, headers: { 'content-type': 'application/json' }, body });
  };
}

async function record<T>(where: string, work: Promise<T>): Promise<T | undefined> {
  try {
    const value = await work;
    witness.text(
      `${where} (value)`,
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
    return value;
  } catch (error) {
    witness.error(where, error);
    return undefined;
  }
}

describe('secret hygiene through retries, ambiguous creates, refreshes and hostile echoes (debug logging on)', () => {
  it.each(FLOW_NAMES)('%s: full flows with faults', async (flow) => {
    fx = await startAuthFixture(witness, keys, {
      processing: { recordsPerSecond: 2_000, tickMs: 10 },
      tokenLifetimeMs: 250,
      faults: {
        seed: 5,
        rules: [
          { route: 'ingest.create', effect: { kind: 'reset' }, timing: 'after', times: 1 },
          { route: 'ingest.upload', effect: { kind: 'reset' }, timing: 'after', times: 1 },
          { route: 'ingest.*', effect: { kind: 'status', status: 503 }, probability: 0.1 },
          { route: 'query.*', effect: { kind: 'html', status: 502 }, probability: 0.1 },
        ],
      },
    });
    const client = fx.client(fx.auth(flow), {
      retryPolicy: RETRIES,
      transport: echoingTransport(fx.recorder.transport),
      onDebug,
    });
    const inserted = await record(
      `${flow} insert`,
      lastValueFrom(client.bulk.insert('Account', accounts(`sh-${flow}`, 400)).pipe(toResult())),
    );
    await record(
      `${flow} upsert`,
      lastValueFrom(
        client.bulk
          .upsert(
            'Account',
            accounts(`sh-${flow}`, 50).map((a) => ({ ...a, External_Key__c: a.Name })),
            'External_Key__c',
          )
          .pipe(toResult()),
      ),
    );
    await record(
      `${flow} query`,
      lastValueFrom(client.bulk.queryRecords('SELECT Id, Name FROM Account').pipe(toArray())),
    );
    // a refused operation too: its error goes through the same redaction
    await record(
      `${flow} bad field`,
      lastValueFrom(client.bulk.insert('Account', [{ Name: 'x', Bogus__c: 1 }]).pipe(toResult())),
    );
    if (flow !== 'access token') expect(inserted?.successCount).toBe(400);
    await client.whenSettled();
  });

  it('wrong credentials: the errors name the problem, never the secret', async () => {
    fx = await startAuthFixture(witness, keys);
    const wrongSecret = `cs-${randomBytes(18).toString('base64url')}`;
    const wrongPassword = `pw-${randomBytes(18).toString('base64url')}`;
    witness.secret('client secret', wrongSecret);
    witness.secret('password', wrongPassword);
    const { url } = fx.emulator;
    const { clientId, clientSecret, username } = fx.creds;
    const badApp = fx.client(
      new ClientCredentialsAuthenticator({ loginUrl: url, clientId, clientSecret: wrongSecret }),
      { retryPolicy: RETRIES },
    );
    const badUser = fx.client(
      new PasswordAuthenticator({ loginUrl: url, clientId, clientSecret, username, password: wrongPassword }),
      { retryPolicy: RETRIES },
    );
    for (const [name, client] of [
      ['client secret', badApp],
      ['password', badUser],
    ] as const) {
      const result = await record(
        `wrong ${name}`,
        lastValueFrom(client.bulk.insert('Account', accounts('nope', 1)).pipe(toResult())),
      );
      expect(result).toBeUndefined();
    }
  });

  it('no secret of any kind in any log line, error message, cause chain or serialised error', () => {
    const seen = witness.seen;
    expect(seen.logs).toBeGreaterThan(300);
    expect(seen.errors).toBeGreaterThanOrEqual(3);
    // the hostile echoes did reach the log, masked
    expect(echoes.length).toBeGreaterThanOrEqual(8);
    expect(echoes.every((line) => line.includes('Bearer [REDACTED]'))).toBe(true);
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
  });
});
