// The code blocks of docs/authentication.md, verbatim inside functions. fromEnvironment() and
// againstTheEmulator() run in test/docs/authentication.test.ts; the others need a real org and are
// only type-checked (their blocks are marked not-run).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lastValueFrom } from 'rxjs';
import {
  AccessTokenAuthenticator,
  authenticatorFromEnv,
  ClientCredentialsAuthenticator,
  JwtAuthenticator,
  PasswordAuthenticator,
  RefreshTokenAuthenticator,
  SalesforceClient,
} from 'kinetic-core';
import { toResult } from 'kinetic-core/operators';
import { startBulkEmulator } from 'kinetic-core/testing';

export function fromEnvironment(): void {
  const client = new SalesforceClient({ auth: authenticatorFromEnv() });
  client.bulk.queryRecords('SELECT Id, Name FROM Account LIMIT 10').subscribe((row) => console.log(row));
}

export function jwtBearer(): void {
  const auth = new JwtAuthenticator({
    loginUrl: 'https://acme.my.salesforce.com', // optional, default https://login.salesforce.com
    clientId: process.env.SF_CLIENT_ID ?? '',
    username: 'integration@acme.com',
    privateKey: readFileSync('server.key', 'utf8'), // PKCS#8 or PKCS#1 PEM, unencrypted
    // audience: 'https://acme.my.site.com',              // only for Experience Cloud sites
    // expiresInSeconds: 180,                             // assertion lifetime (the default)
  });
  const client = new SalesforceClient({ auth });
  client.bulk.queryRecords('SELECT Id FROM Account LIMIT 5').subscribe((row) => console.log(row.Id));
}

export function clientCredentials(): void {
  const auth = new ClientCredentialsAuthenticator({
    loginUrl: 'https://acme.my.salesforce.com',
    clientId: process.env.SF_CLIENT_ID ?? '',
    clientSecret: process.env.SF_CLIENT_SECRET ?? '',
  });
  const client = new SalesforceClient({ auth });
  client.bulk.queryRecords('SELECT Id FROM Contact LIMIT 5').subscribe((row) => console.log(row.Id));
}

export function refreshToken(): void {
  function saveRefreshToken(token: string): void {
    // write it to your secret store; never log it
    void token;
  }

  const auth = new RefreshTokenAuthenticator({
    loginUrl: 'https://login.salesforce.com',
    clientId: process.env.SF_CLIENT_ID ?? '',
    refreshToken: process.env.SF_REFRESH_TOKEN ?? '',
    // with refresh-token rotation the old token stops working: keep the new one
    onRefreshTokenRotated: saveRefreshToken,
  });
  const client = new SalesforceClient({ auth });
  client.bulk.queryRecords('SELECT Id FROM Account LIMIT 5').subscribe((row) => console.log(row.Id));
}

export function usernamePassword(): void {
  const auth = new PasswordAuthenticator({
    clientId: process.env.SF_CLIENT_ID ?? '',
    clientSecret: process.env.SF_CLIENT_SECRET ?? '',
    username: 'user@acme.com',
    password: process.env.SF_PASSWORD ?? '',
    securityToken: process.env.SF_SECURITY_TOKEN, // appended to the password when set
  });
  const client = new SalesforceClient({ auth });
  client.bulk.queryRecords('SELECT Id FROM Account LIMIT 5').subscribe((row) => console.log(row.Id));
}

export function accessToken(): void {
  const auth = new AccessTokenAuthenticator({
    instanceUrl: 'https://acme.my.salesforce.com',
    accessToken: process.env.SF_ACCESS_TOKEN ?? '',
  });
  const client = new SalesforceClient({ auth });
  client.bulk.queryRecords('SELECT Id FROM Account LIMIT 5').subscribe((row) => console.log(row.Id));
}

export async function againstTheEmulator(): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const emulator = await startBulkEmulator({
    users: [{ username: 'ci@example.test', password: 'a-password' }],
    clients: [
      { clientId: 'my-app', clientSecret: 'a-secret', publicKeyPem: publicKey, runAsUsername: 'ci@example.test' },
    ],
    tokenLifetimeMs: 60_000, // issued access tokens stop working after a minute
  });
  const auth = new JwtAuthenticator({
    loginUrl: emulator.url,
    clientId: 'my-app',
    username: 'ci@example.test',
    privateKey,
  });
  const client = new SalesforceClient({ auth });
  await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Acme' }]).pipe(toResult()));

  emulator.expireTokens(); // every token issued so far now gets 401 INVALID_SESSION_ID
  await lastValueFrom(client.bulk.insert('Account', [{ Name: 'Globex' }]).pipe(toResult())); // refreshes once
  console.log(emulator.stats().requests['oauth.token']); // { POST: 2 }
  await emulator.close();
}
