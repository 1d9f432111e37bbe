/** Date and date-time helpers shared by the lexer, the evaluator and the sorter. All UTC. */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/i;

function utcDay(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a real calendar date survives the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms;
}

/** Midnight UTC of a `yyyy-mm-dd` text, or undefined when it is not a real calendar date. */
export function parseDateOnly(text: string): number | undefined {
  const m = DATE_ONLY.exec(text);
  if (!m) return undefined;
  return utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Instant of an ISO date-time with a zone (`Z`, `+01:00`, or Salesforce's `+0000`),
 * or undefined when it is malformed or out of range.
 */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const day = utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (day === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((m[7] ?? '0').padEnd(3, '0'));
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return day + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/**
 * Instant of a stored date (`yyyy-mm-dd`, taken as midnight UTC) or date-time value;
 * undefined for anything else. Lenient on purpose: rows come from CSV uploads.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  return parseDateOnly(value) ?? parseDateTime(value);
}

/** `yyyy-mm-dd` of an instant. */
export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
