import { ValidationError } from '../errors/validation-error.js';
import { base64UrlEncode, base64UrlEncodeText } from './base64.js';

export { jwtAudience } from './jwt-audience.js';

/** The claims Salesforce reads from a JWT bearer assertion (protocol §8.4). */
export interface JwtClaims {
  /** Consumer key (client id) of the connected app. */
  readonly iss: string;
  /** Salesforce username. */
  readonly sub: string;
  readonly aud: string;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

/** Imports PKCS#8 DER bytes as an RS256 signing key with WebCrypto. */
export async function importSigningKey(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const subtle = webCrypto();
  try {
    return await subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  } catch {
    // no cause: nothing from the key material should travel with the error
    throw new ValidationError('privateKey could not be imported as an RSA private key', [
      { message: 'not an RSA key', field: 'privateKey' },
    ]);
  }
}

/** Builds `header.payload.signature` for the claims, signed RS256. */
export async function signJwt(key: CryptoKey, claims: JwtClaims): Promise<string> {
  const signingInput = `${base64UrlEncodeText(JSON.stringify({ alg: 'RS256' }))}.${base64UrlEncodeText(JSON.stringify(claims))}`;
  const signature = await webCrypto().sign({ name: 'RSASSA-PKCS1-v1_5' }, key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64UrlEncode(new Uint8Array(signature))}`;
}

function webCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) {
    throw new ValidationError(
      'WebCrypto (crypto.subtle) is required for JWT bearer: use Node 20+ or a browser page served over https',
      [{ message: 'crypto.subtle missing', field: 'privateKey' }],
    );
  }
  return subtle;
}
