import { createPublicKey, verify } from 'node:crypto';

/** Claims the JWT bearer flow reads. */
export interface JwtClaims {
  readonly iss?: unknown;
  readonly sub?: unknown;
  readonly aud?: unknown;
  readonly exp?: unknown;
}

/** A decoded assertion, signature not yet checked. */
export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: JwtClaims;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS; undefined when it is not one. */
export function decodeJwt(assertion: string): DecodedJwt | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return undefined;
  const [h = '', p = '', s = ''] = parts;
  const header = decodePart(h);
  const claims = decodePart(p);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}

/** Verifies an RS256 signature against a PEM public key or certificate. */
export function verifyRs256(jwt: DecodedJwt, publicKeyPem: string): boolean {
  if (jwt.header.alg !== 'RS256') return false;
  try {
    const key = createPublicKey(publicKeyPem);
    return verify('RSA-SHA256', Buffer.from(jwt.signingInput), key, jwt.signature);
  } catch {
    return false;
  }
}

/** `exp` in seconds, given as a number or a numeric string (the docs' examples use a string). */
export function expiresAtSeconds(claims: JwtClaims): number | undefined {
  const exp = typeof claims.exp === 'string' && /^\d+$/.test(claims.exp) ? Number(claims.exp) : claims.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
}
