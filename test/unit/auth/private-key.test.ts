import { createPrivateKey } from 'node:crypto';
import { normalizePem, pemToPkcs8, wrapPkcs1 } from '../../../src/auth/private-key.js';
import { generateTestKeys } from './fake-transport.js';

const keys = generateTestKeys();

describe('pemToPkcs8', () => {
  it('returns the DER of a PKCS#8 PEM unchanged', () => {
    expect(Buffer.from(pemToPkcs8(keys.pkcs8Pem)).equals(keys.pkcs8Der)).toBe(true);
  });

  it('wraps a PKCS#1 PEM into exactly the PKCS#8 DER that OpenSSL produces for the same key', () => {
    expect(Buffer.from(pemToPkcs8(keys.pkcs1Pem)).equals(keys.pkcs8Der)).toBe(true);
  });

  it('tolerates CRLF line endings, surrounding text and literal \\n sequences', () => {
    const crlf = `Bag Attributes\r\n${keys.pkcs1Pem.replace(/\n/g, '\r\n')}`;
    expect(Buffer.from(pemToPkcs8(crlf)).equals(keys.pkcs8Der)).toBe(true);
    expect(Buffer.from(pemToPkcs8(keys.pkcs8Pem.replace(/\n/g, '\\n'))).equals(keys.pkcs8Der)).toBe(true);
  });

  it('names the option at fault', () => {
    expect(() => pemToPkcs8('nope', 'SF_PRIVATE_KEY')).toThrow(/^SF_PRIVATE_KEY is not a PEM private key/);
  });
});

describe('wrapPkcs1', () => {
  it('uses long-form DER lengths that node:crypto can parse, for small and large bodies', () => {
    for (const size of [10, 127, 128, 255, 256, 70_000]) {
      const wrapped = wrapPkcs1(new Uint8Array(size));
      // outer SEQUENCE header + version + algorithm + OCTET STRING header + body
      expect(wrapped[0]).toBe(0x30);
      expect(wrapped.length).toBeGreaterThan(size + 18);
      const lengthByte = wrapped[1] ?? 0;
      const declared =
        lengthByte < 0x80
          ? lengthByte
          : [...wrapped.subarray(2, 2 + (lengthByte & 0x7f))].reduce((n, b) => n * 256 + b, 0);
      const headerSize = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
      expect(declared).toBe(wrapped.length - headerSize);
    }
  });

  it('produces a key node:crypto accepts as PKCS#8', () => {
    const pkcs1Der = createPrivateKey(keys.pkcs1Pem).export({ type: 'pkcs1', format: 'der' });
    const key = createPrivateKey({ key: Buffer.from(wrapPkcs1(pkcs1Der)), format: 'der', type: 'pkcs8' });
    expect(key.asymmetricKeyType).toBe('rsa');
  });
});

describe('normalizePem', () => {
  it('turns escaped newlines into real ones and trims', () => {
    expect(normalizePem('  -----BEGIN X-----\\nAAAA\\r\\nBBBB\\n-----END X-----\\n ')).toBe(
      '-----BEGIN X-----\nAAAA\nBBBB\n-----END X-----',
    );
  });
});
