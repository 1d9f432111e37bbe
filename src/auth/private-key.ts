import { ValidationError } from '../errors/validation-error.js';
import { base64Decode } from './base64.js';

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/** AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1) with NULL parameters, DER. */
const RSA_ALGORITHM = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/**
 * Env vars and JSON configs often carry a PEM on one line with literal `\n` sequences
 * (and sometimes `\r\n`); turns them back into line breaks.
 */
export function normalizePem(pem: string): string {
  return pem
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\r\n/g, '\n')
    .trim();
}

/**
 * Reads an unencrypted RSA private key in PEM form and returns PKCS#8 DER bytes, the form
 * WebCrypto imports. PKCS#8 (`BEGIN PRIVATE KEY`) is used as is; PKCS#1
 * (`BEGIN RSA PRIVATE KEY`) is wrapped into a PKCS#8 `PrivateKeyInfo`. Errors never quote the key.
 */
export function pemToPkcs8(pem: string, name = 'privateKey'): Uint8Array<ArrayBuffer> {
  const match = PEM.exec(normalizePem(pem));
  if (!match)
    throw invalid(
      name,
      'is not a PEM private key (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)',
    );
  const label = match[1] ?? '';
  if (label === 'ENCRYPTED PRIVATE KEY')
    throw invalid(name, 'is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt)');
  if (label !== 'PRIVATE KEY' && label !== 'RSA PRIVATE KEY')
    throw invalid(name, `has an unsupported PEM type (${label}); expected an RSA private key`);
  const der = base64Decode(match[2] ?? '');
  // every DER structure here is a SEQUENCE (tag 0x30)
  if (!der || der.length < 16 || der[0] !== 0x30) throw invalid(name, 'has a PEM body that is not valid base64 DER');
  return label === 'PRIVATE KEY' ? der : wrapPkcs1(der);
}

/** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING } */
export function wrapPkcs1(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const octets = concat([0x04], derLength(pkcs1.length), pkcs1);
  const content = concat([0x02, 0x01, 0x00], RSA_ALGORITHM, octets);
  return concat([0x30], derLength(content.length), content);
}

/** DER definite length: short form below 128, long form otherwise. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function concat(...parts: readonly ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function invalid(name: string, problem: string): ValidationError {
  return new ValidationError(`${name} ${problem}`, [{ message: problem, field: name }]);
}
