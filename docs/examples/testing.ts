// The code blocks of docs/testing.md (but the complete jest example, which is
// test/integration/docs-testing-example.test.ts itself), verbatim inside functions:
// test/docs/testing.test.ts runs them.
import { generateKeyPairSync } from 'node:crypto';
import {
  ClientCredentialsAuthenticator,
  JwtAuthenticator,
  PasswordAuthenticator,
  RefreshTokenAuthenticator,
} from 'kinetic-core';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  startBulkEmulator,
  type BulkEmulator,
} from 'kinetic-core/testing';

export async function basics(): Promise<void> {
  const emulator = await startBulkEmulator({ processing: 'instant' });
  emulator.url; // http://127.0.0.1:54321: the instance URL (and the login URL for token flows)
  emulator.accessToken; // a valid token for the default user
  // ... run your code against it, then assert on emulator.org / emulator.jobs
  await emulator.close();
}

export async function customObject(): Promise<BulkEmulator> {
  const emulator = await startBulkEmulator({
    schema: {
      Invoice__c: {
        keyPrefix: 'a01', // optional: generated when omitted
        fields: [
          { name: 'Name', type: 'string', required: true, maxLength: 80 },
          { name: 'Invoice_Number__c', type: 'string', externalId: true },
          { name: 'Amount__c', type: 'currency' },
          { name: 'Lines__c', type: 'int' },
          { name: 'Paid__c', type: 'boolean' },
          { name: 'Due_Date__c', type: 'date' },
          { name: 'Sent_At__c', type: 'datetime' },
          { name: 'Notes__c', type: 'textarea', maxLength: 4000 },
          { name: 'Account__c', type: 'reference', referenceTo: 'Account', relationshipName: 'Account__r' },
        ],
      },
    },
  });
  return emulator; // the caller closes it
}

/** The authenticators of the token-flow example, and the two emulators they talk to. */
export interface TokenFlows {
  readonly emulator: BulkEmulator;
  readonly jwtEmulator: BulkEmulator;
  readonly clientCredentials: ClientCredentialsAuthenticator;
  readonly password: PasswordAuthenticator;
  readonly refresh: RefreshTokenAuthenticator;
  readonly jwt: JwtAuthenticator;
}

export async function tokenFlows(): Promise<TokenFlows> {
  // client credentials, password and refresh token work with the defaults
  const emulator = await startBulkEmulator();
  const loginUrl = emulator.url;
  const clientCredentials = new ClientCredentialsAuthenticator({
    loginUrl,
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
  });
  const password = new PasswordAuthenticator({
    loginUrl,
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    username: DEFAULT_USERNAME,
    password: DEFAULT_PASSWORD,
  });
  const refreshToken = emulator.issueRefreshToken(DEFAULT_CLIENT_ID, DEFAULT_USERNAME);
  const refresh = new RefreshTokenAuthenticator({
    loginUrl,
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    refreshToken,
  });

  // the JWT bearer flow needs an app that knows your public key
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const jwtEmulator = await startBulkEmulator({
    users: [{ username: 'ci@acme.test' }],
    clients: [{ clientId: 'ci-app', publicKeyPem: publicKey, runAsUsername: 'ci@acme.test' }],
  });
  const jwt = new JwtAuthenticator({
    loginUrl: jwtEmulator.url,
    clientId: 'ci-app',
    username: 'ci@acme.test',
    privateKey,
  });
  return { emulator, jwtEmulator, clientCredentials, password, refresh, jwt }; // the caller closes both
}

export async function faults(): Promise<BulkEmulator> {
  const emulator = await startBulkEmulator({
    faults: {
      seed: 7, // same seed, same calls hit: probabilistic faults are reproducible
      rules: [
        { route: 'ingest.get', effect: { kind: 'status', status: 503 }, probability: 0.2 },
        { route: 'query.results', effect: { kind: 'latency', ms: 200 } },
      ],
    },
  });

  // at run time
  const handle = emulator.faults.inject({
    route: 'ingest.*',
    effect: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    times: 2,
  });
  emulator.faults.next('ingest.create', 1, { kind: 'reset' }, { timing: 'after' }); // the job IS created, the reply is lost
  handle.remaining; // calls still to be hit
  handle.remove();
  emulator.faults.clear();
  emulator.faults.reseed(42);
  return emulator; // the caller closes it
}
