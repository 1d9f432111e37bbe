/** Job JSON timestamps: `yyyy-MM-ddTHH:mm:ss.SSS+0000`, always UTC. */
export function formatJobTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})Z?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function validCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Parses a CSV `date` value (`yyyy-MM-dd`, optionally with a trailing `Z`) to `yyyy-MM-dd`. */
export function parseSfDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return validCalendarDate(year, month, day) ? text.slice(0, 10) : undefined;
}

/**
 * Parses a CSV `dateTime` value to an ISO string with milliseconds and `Z`. An offset is
 * converted to UTC; no offset means UTC; a bare date means midnight UTC.
 */
export function parseSfDateTime(text: string): string | undefined {
  const date = parseSfDate(text);
  if (date !== undefined) return `${date}T00:00:00.000Z`;
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  if (!validCalendarDate(year ?? 0, month ?? 0, day ?? 0)) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || Number(m[6] ?? 0) > 59) return undefined;
  const zone = m[8] ?? 'Z';
  const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const seconds = m[6] ?? '00';
  const millis = (m[7] ?? '.000').padEnd(4, '0');
  const iso = `${text.slice(0, 10)}T${m[4]}:${m[5]}:${seconds}${millis}${normalizedZone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
