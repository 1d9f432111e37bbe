/**
 * Pattern redaction: masks text that looks like a credential whoever owns it (bearer tokens,
 * Salesforce session ids, PEM private keys, `password=...` form fields and JSON keys). Pure
 * functions, no state: the secrets a client knows live in its own `SecretSet`.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEYS =
  'access_token|refresh_token|id_token|client_secret|client_assertion|password|assertion|authorization';

const patterns: readonly RegExp[] = [
  // case-sensitive, and the token must look like one (a digit or symbol), so prose such as "JWT bearer flow" survives
  /\b(Bearer|OAuth)\s+(?=[A-Za-z0-9!._~+/=-]*[0-9!._~+/=-])[A-Za-z0-9!._~+/=-]{12,}/g,
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g, // Salesforce session id shape
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // credentials in a URL: scheme://user:password@host
  /(?<=\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"]*:[^/\s@"]*(?=@)/gi,
  new RegExp(`((?:${SECRET_KEYS})=)[^&\\s"]+`, 'gi'),
  new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi'),
];

/** Keys whose string values are always masked in a redacted object. */
const SECRET_KEY = /token|secret|password|assertion|authorization|private/i;

/** Beyond this depth a value is replaced, not searched: a hostile body cannot hide a secret deep down. */
const MAX_DEPTH = 8;

/** Masks every token-shaped substring (no registered secrets: see `SecretSet.redact`). */
export function redact(text: string): string {
  let out = text;
  for (const pattern of patterns) {
    out = out.replace(pattern, (_match: string, p1?: string, p2?: string) => {
      if (typeof p1 === 'string' && /^(Bearer|OAuth)$/.test(p1)) return `${p1} ${REDACTED}`;
      if (typeof p1 === 'string' && typeof p2 === 'string' && p1.startsWith('"')) return `${p1}${REDACTED}${p2}`;
      if (typeof p1 === 'string' && p1.endsWith('=')) return `${p1}${REDACTED}`;
      return REDACTED;
    });
  }
  return out;
}

/**
 * A redacted copy of a value an error carries (a parsed response body, issues): strings pass
 * through `redactText`, arrays and plain objects are copied, values under secret-looking keys
 * are masked. Other objects (class instances such as a `BulkJob`) are kept as they are.
 */
export function redactValue(value: unknown, redactText: (text: string) => string = redact, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return depth >= MAX_DEPTH ? '[nested too deep]' : value.map((v: unknown) => redactValue(v, redactText, depth + 1));
  }
  if (!isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[redactText(key)] =
      SECRET_KEY.test(key) && typeof v === 'string' ? REDACTED : redactValue(v, redactText, depth + 1);
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
