/**
 * Secret redaction. Every string an error carries passes through here, so a token that
 * leaks into a server message, a URL or a cause never reaches logs or JSON.stringify.
 */
const secrets = new Set<string>();

/** Registers a secret (token, password, key) so that it is masked wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  // very short values would mask ordinary words; real secrets are long
  if (value && value.length >= 6) secrets.add(value);
}

/** Forgets a secret that is no longer in use (a replaced access token). */
export function forgetSecret(value: string | undefined | null): void {
  if (value) secrets.delete(value);
}

const patterns: readonly RegExp[] = [
  // case-sensitive, and the token must look like one (a digit or symbol), so prose such as "JWT bearer flow" survives
  /\b(Bearer|OAuth)\s+(?=[A-Za-z0-9!._~+/=-]*[0-9!._~+/=-])[A-Za-z0-9!._~+/=-]{12,}/g,
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/g, // Salesforce session id shape
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /((?:access_token|refresh_token|client_secret|password|assertion)=)[^&\s"]+/gi,
  /("(?:access_token|refresh_token|client_secret|password|assertion)"\s*:\s*")[^"]*(")/gi,
];

/** Returns the text with every registered secret and every token-shaped substring masked. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  for (const pattern of patterns) {
    out = out.replace(pattern, (match: string, p1?: string, p2?: string) => {
      if (typeof p1 === 'string' && /^(Bearer|OAuth)$/.test(p1)) return `${p1} [REDACTED]`;
      if (typeof p1 === 'string' && typeof p2 === 'string' && p1.startsWith('"')) return `${p1}[REDACTED]${p2}`;
      if (typeof p1 === 'string' && p1.endsWith('=')) return `${p1}[REDACTED]`;
      return '[REDACTED]';
    });
  }
  return out;
}

/** Deeply redacts a value that an error may carry (a raw response body, for instance). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] =
      /token|secret|password|assertion|authorization|private/i.test(key) && typeof v === 'string'
        ? '[REDACTED]'
        : redactValue(v, depth + 1);
  }
  return out;
}
