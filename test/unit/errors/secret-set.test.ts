import { inspect } from 'node:util';
import { ApiError } from '../../../src/errors/api-error.js';
import { errorFromHttp } from '../../../src/errors/error-from-http.js';
import { redact } from '../../../src/errors/redact.js';
import { redactError } from '../../../src/errors/redact-error.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { SecretSet, WHOLE_WORD_BELOW } from '../../../src/errors/secret-set.js';

const TOKEN = 'plainLookingToken_4f9a2c7e1b';

function setOf(...values: string[]): SecretSet {
  const set = new SecretSet();
  for (const value of values) set.add(value);
  return set;
}

/** Every rendering a user might print. */
function renderings(error: unknown): string {
  return [
    String(error),
    (error as Error).stack,
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ].join('\n');
}

describe('SecretSet', () => {
  it('masks a secret in every form an echo may take: raw, URL-encoded, form-encoded, JSON-escaped', () => {
    const secret = 'p@ss w/rd+"quoted"';
    const set = setOf(secret);
    const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ p: secret }).toString().slice(2)];
    forms.push(JSON.stringify(secret).slice(1, -1));
    for (const form of forms) expect(set.redact(`before ${form} after`)).toBe('before [REDACTED] after');
  });

  it('registers secrets of any length; short ones only where they stand alone, so words survive', () => {
    expect(WHOLE_WORD_BELOW).toBe(8);
    const set = setOf('pw1', 'a');
    expect(set.redact('password=pw1&grant_type=password')).toBe('password=[REDACTED]&grant_type=password');
    expect(set.redact('"pw1" and pw1. and (pw1)')).toBe('"[REDACTED]" and [REDACTED]. and ([REDACTED])');
    // inside words: left alone (masking would shred every message)
    expect(set.redact('pw12 xpw1 upward apple banana')).toBe('pw12 xpw1 upward apple banana');
    // a one-character secret standing alone is masked, as an echo of it would be
    expect(set.redact('user: a')).toBe('user: [REDACTED]');
  });

  it('masks a secret that contains another as a whole (longest first)', () => {
    const set = setOf('abcdefgh12', 'abcdefgh1234567890');
    expect(set.redact('x abcdefgh1234567890 y')).toBe('x [REDACTED] y');
  });

  it('ignores empty and blank values, and forgets what it is told to forget', () => {
    const set = setOf('', '   ', TOKEN);
    expect(set.redact('a   b')).toBe('a   b');
    set.delete(TOKEN);
    expect(set.redact(TOKEN)).toBe(TOKEN);
  });

  it('never shows what it holds: console.log, util.inspect and JSON.stringify give a count at most', () => {
    const set = setOf(TOKEN);
    expect(inspect(set, { showHidden: true, depth: 5 })).not.toContain(TOKEN);
    expect(JSON.stringify(set)).toBe('{"secrets":1}');
  });

  it('holds nothing process-wide: another set and the pattern redactor do not know its secrets', () => {
    setOf(TOKEN);
    expect(new SecretSet().redact(TOKEN)).toBe(TOKEN);
    expect(redact(TOKEN)).toBe(TOKEN);
  });
});

describe('errors built with a client secret set', () => {
  it('redact the whole body before cutting it: no part of a secret straddling character 200 survives', () => {
    const set = setOf(TOKEN);
    const body = `<html>${'x'.repeat(188)} ${TOKEN} ${TOKEN}</html>`;
    const error = errorFromHttp({ status: 500, body, method: 'GET', url: 'https://x.test/a' }, set);
    for (let i = 0; i + 8 <= TOKEN.length; i += 1) expect(renderings(error)).not.toContain(TOKEN.slice(i, i + 8));
  });

  it('store body, errors and url as redacted copies (util.inspect and console.log show no secret)', () => {
    const set = setOf(TOKEN);
    const body = JSON.stringify([{ errorCode: 'X', message: `echo ${TOKEN}`, fields: [TOKEN] }]);
    const error = errorFromHttp({ status: 400, body, method: 'GET', url: `https://x.test/a?t=${TOKEN}` }, set);
    expect(error.errors).toEqual([{ errorCode: 'X', message: 'echo [REDACTED]', fields: ['[REDACTED]'] }]);
    expect(renderings(error)).not.toContain(TOKEN);
  });

  it('catch a secret the server escaped as \\u sequences (redacted again after parsing)', () => {
    const set = setOf(TOKEN);
    const escaped = [...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const error = errorFromHttp({ status: 400, body: `[{"errorCode":"X","message":"${escaped}"}]` }, set);
    expect(renderings(error)).not.toContain(TOKEN);
  });

  it('ResponseValidationError redacts its raw value before cutting it to 4,096 characters', () => {
    const set = setOf(TOKEN);
    const raw = `${'y'.repeat(4090)}${TOKEN}`;
    const error = new ResponseValidationError('bad', { issues: [], raw, secrets: set });
    expect(renderings(error)).not.toContain(TOKEN.slice(0, 6));
  });
});

describe('redactError and util.inspect', () => {
  it('redacts an error in place with a set learned later, along the cause chain', () => {
    const cause = new Error(`socket said ${TOKEN}`);
    const error = new ApiError(`failed: ${TOKEN}`, { status: 400, errorCode: 'X', body: { note: TOKEN }, cause });
    expect(renderings(error)).toContain(TOKEN);
    redactError(error, setOf(TOKEN));
    expect(renderings(error)).not.toContain(TOKEN);
    expect(error.body).toEqual({ note: '[REDACTED]' });
  });

  it('util.inspect re-applies the patterns to fields a subclass filled carelessly', () => {
    class Careless extends ApiError {
      readonly extra = 'Authorization: Bearer 00Dxx0000001!AQ8AQLeakedSessionId1234567890';
    }
    const error = new Careless('x', { status: 400, errorCode: 'X' });
    expect(inspect(error)).not.toContain('LeakedSessionId');
    expect(inspect(error)).toContain('ApiError');
    expect(inspect(error)).toContain('extra');
    expect(JSON.stringify(error)).not.toContain('LeakedSessionId');
  });

  it('masks user:password@ in URLs', () => {
    expect(redact('see https://admin:s3cret@acme.example.com/x')).toBe('see https://[REDACTED]@acme.example.com/x');
  });
});
