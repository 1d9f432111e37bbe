import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { of, throwError, type Observable } from 'rxjs';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/http/transport.js';

/** What a fake transport answers: a response, or an error to raise instead. */
export type Reply = HttpResponse | Error;

/** A fake transport that records every request and answers from a script. */
export interface FakeTransport extends Transport {
  readonly requests: HttpRequest[];
}

/** Replies in order (the last one repeats), or computes them from the request. */
export function fakeTransport(
  replies: Reply | readonly Reply[] | ((request: HttpRequest, index: number) => Reply),
): FakeTransport {
  const requests: HttpRequest[] = [];
  const transport = ((request: HttpRequest): Observable<HttpResponse> => {
    const index = requests.push(request) - 1;
    const reply =
      typeof replies === 'function'
        ? replies(request, index)
        : Array.isArray(replies)
          ? replies[Math.min(index, replies.length - 1)]
          : replies;
    if (reply === undefined) throw new Error('fake transport has no reply');
    return reply instanceof Error ? throwError(() => reply) : of(reply);
  }) as FakeTransport;
  Object.defineProperty(transport, 'requests', { value: requests });
  return transport;
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) };
}

/** A §8.2 success body, with overrides. */
export function tokenBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_token: '00Dxx0000000001!AQ4AQFakeAccessTokenValueForTests1234567890',
    instance_url: 'https://acme.my.salesforce.com',
    id: 'https://login.salesforce.com/id/00Dxx0000000001EAA/005xx0000000001AAA',
    token_type: 'Bearer',
    issued_at: '1700000000000',
    signature: 'c2lnbmF0dXJlLWZvci10ZXN0cw==',
    scope: 'api',
    ...overrides,
  };
}

/** The form fields of a recorded request, in order. */
export function formOf(request: HttpRequest | undefined): [string, string][] {
  if (!request || typeof request.body !== 'string') throw new Error('request has no string body');
  return [...new URLSearchParams(request.body).entries()];
}

/** An RSA key pair in every form the tests need. */
export interface TestKeys {
  readonly pkcs8Pem: string;
  readonly pkcs1Pem: string;
  readonly pkcs8Der: Buffer;
  readonly publicKey: KeyObject;
}

/** Generates a fresh RSA key pair (1024 bits keeps the test fast; the code does not care). */
export function generateTestKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pkcs1Pem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    pkcs8Der: privateKey.export({ type: 'pkcs8', format: 'der' }),
    publicKey,
  };
}

/** Splits a JWT and decodes its JSON parts. */
export function decodeJwt(jwt: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
} {
  const [header, payload, signature] = jwt.split('.');
  if (header === undefined || payload === undefined || signature === undefined || jwt.split('.').length !== 3)
    throw new Error('not a JWT');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** RS256 verification with node:crypto, independent of the code under test. */
export function verifyRs256(jwt: string, publicKey: KeyObject): boolean {
  const { signingInput, signature } = decodeJwt(jwt);
  return verify('sha256', Buffer.from(signingInput), publicKey, signature);
}

/** The assertion a JWT bearer request carried. */
export function assertionOf(request: HttpRequest | undefined): string {
  const assertion = new Map(formOf(request)).get('assertion');
  if (!assertion) throw new Error('no assertion in the request');
  return assertion;
}
