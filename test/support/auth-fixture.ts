import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import type { Authenticator } from '../../src/auth/authenticator.js';
import type { EnvSource } from '../../src/auth/env.js';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { JwtAuthenticator, type JwtOptions } from '../../src/auth/jwt-bearer.js';
import { PasswordAuthenticator } from '../../src/auth/password.js';
import { RefreshTokenAuthenticator } from '../../src/auth/refresh-token.js';
import { SalesforceClient } from '../../src/client/salesforce-client.js';
import type { SalesforceClientOptions } from '../../src/client/client-options.js';
import { fixedPolling } from '../../src/poller/poll-policy.js';
import { startBulkEmulator } from '../../src/testing/emulator.js';
import type { BulkEmulator } from '../../src/testing/emulator-types.js';
import type { BulkEmulatorOptions } from '../../src/testing/options.js';
import { recordingTransport, type RecordingTransport } from './recording-transport.js';
import type { SecretWitness } from './secret-witness.js';

/** An RSA key pair in PEM: PKCS#8 private key, SPKI public key. */
export interface RsaKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** A fresh 2048-bit RSA key pair, as `openssl genpkey` would write it. */
export function generateRsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The five flows, by the `flow` name of their authenticator. */
export type FlowName = 'JWT bearer' | 'client credentials' | 'username-password' | 'refresh token' | 'access token';
export const FLOW_NAMES: readonly FlowName[] = [
  'JWT bearer',
  'client credentials',
  'username-password',
  'refresh token',
  'access token',
];

/** The org's identities; secrets are random per fixture so a leak cannot hide behind a default. */
export interface AuthCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly password: string;
  readonly keys: RsaKeyPair;
}

/** Client settings for a test; `onDebug` sees every debug log line (to act when a request goes out). */
export type TestClientOptions = Partial<Omit<SalesforceClientOptions, 'auth' | 'logger'>> & {
  readonly onDebug?: (message: string, data?: Readonly<Record<string, unknown>>) => void;
};

/** An emulator whose connected app knows a JWT key, and SDK clients that report to a witness. */
export interface AuthFixture {
  readonly emulator: BulkEmulator;
  readonly creds: AuthCredentials;
  readonly recorder: RecordingTransport;
  /** A client over real HTTP with the recording transport and the witness's logger. */
  client(auth: Authenticator, options?: TestClientOptions): SalesforceClient;
  /** The same, built by `SalesforceClient.fromEnv` from `env`. */
  fromEnv(env: EnvSource, options?: TestClientOptions): SalesforceClient;
  /** A new authenticator of a flow, pointed at the emulator. */
  auth(flow: FlowName): Authenticator;
  /** A JWT authenticator with option overrides (wrong key, audience, ...). */
  jwt(overrides?: Partial<JwtOptions>): JwtAuthenticator;
  /** Token requests the emulator has received. */
  tokenCalls(): number;
  /** Requests the emulator has received on a route with a method. */
  calls(route: string, method: string): number;
  /** Waits for pending aborts of every client, then stops the emulator. */
  close(): Promise<void>;
}

/** Starts the emulator (instant processing unless overridden) with random credentials and `keys`' public key. */
export async function startAuthFixture(
  witness: SecretWitness,
  keys: RsaKeyPair,
  options: BulkEmulatorOptions = {},
): Promise<AuthFixture> {
  const creds: AuthCredentials = {
    clientId: 'kinetic-auth-tests',
    clientSecret: `cs-${randomBytes(18).toString('base64url')}`,
    username: 'integration@auth.kinetic.test',
    password: `pw-${randomBytes(18).toString('base64url')}`,
    keys,
  };
  witness.secret('client secret', creds.clientSecret);
  witness.secret('password', creds.password);
  witness.privateKey(keys.privateKeyPem);
  const emulator = await startBulkEmulator({
    processing: 'instant',
    users: [{ username: creds.username, password: creds.password }],
    clients: [
      {
        clientId: creds.clientId,
        clientSecret: creds.clientSecret,
        publicKeyPem: keys.publicKeyPem,
        runAsUsername: creds.username,
      },
    ],
    ...options,
  });
  witness.secret('access token', emulator.accessToken);
  const recorder = recordingTransport(witness);
  const clients: SalesforceClient[] = [];
  const calls = (route: string, method: string): number => emulator.stats().requests[route]?.[method] ?? 0;
  const jwt = (overrides: Partial<JwtOptions> = {}): JwtAuthenticator =>
    new JwtAuthenticator({
      loginUrl: emulator.url,
      clientId: creds.clientId,
      username: creds.username,
      privateKey: keys.privateKeyPem,
      ...overrides,
    });

  const auth = (flow: FlowName): Authenticator => {
    const loginUrl = emulator.url;
    const { clientId, clientSecret, username, password } = creds;
    switch (flow) {
      case 'JWT bearer':
        return jwt();
      case 'client credentials':
        return new ClientCredentialsAuthenticator({ loginUrl, clientId, clientSecret });
      case 'username-password':
        return new PasswordAuthenticator({ loginUrl, clientId, clientSecret, username, password });
      case 'refresh token': {
        const refreshToken = emulator.issueRefreshToken(clientId, username);
        witness.secret('refresh token', refreshToken);
        return new RefreshTokenAuthenticator({ loginUrl, clientId, clientSecret, refreshToken });
      }
      case 'access token': {
        const accessToken = emulator.issueAccessToken(username);
        witness.secret('access token', accessToken);
        return new AccessTokenAuthenticator({ instanceUrl: emulator.url, accessToken });
      }
    }
  };

  const settings = ({ onDebug, ...options }: TestClientOptions): Omit<SalesforceClientOptions, 'auth'> => ({
    transport: recorder.transport,
    pollPolicy: fixedPolling(20),
    // no generic retries: a job must survive an expired token through the refresh alone
    retryPolicy: { maxRetries: 0 },
    logger: witness.logger(onDebug),
    ...options,
  });
  const track = (client: SalesforceClient): SalesforceClient => {
    clients.push(client);
    return client;
  };

  return {
    emulator,
    creds,
    recorder,
    client: (authenticator, options = {}) => track(new SalesforceClient({ auth: authenticator, ...settings(options) })),
    fromEnv: (env, options = {}) => track(SalesforceClient.fromEnv({ env, ...settings(options) })),
    auth,
    jwt,
    tokenCalls: () => calls('oauth.token', 'POST'),
    calls,
    close: async () => {
      await Promise.all(clients.map((client) => client.whenSettled()));
      await emulator.close();
    },
  };
}

/** `n` Account rows whose names start with `prefix` and end with their index. */
export function accounts(prefix: string, n: number): { Name: string; NumberOfEmployees: number }[] {
  return Array.from({ length: n }, (_, i) => ({ Name: `${prefix}-${i}`, NumberOfEmployees: i }));
}

/** Names of the org's Accounts that start with `prefix`, sorted. */
export function accountNames(emulator: BulkEmulator, prefix: string): string[] {
  return emulator.org
    .records('Account')
    .map((row) => String(row.Name))
    .filter((name) => name.startsWith(`${prefix}-`))
    .sort();
}
