import { DAY_MS } from './temporal.js';

/** A half-open range of instants `[start, end)` in epoch milliseconds. */
export interface EpochRange {
  readonly start: number;
  readonly end: number;
}

type RangeOf = (today: number, amount: number) => EpochRange;

// Ranges are computed in UTC (the emulator has no user time zone) and weeks start on Sunday,
// Salesforce's default for the en_US locale.
function weekStart(today: number): number {
  return today - new Date(today).getUTCDay() * DAY_MS;
}

function monthStart(today: number, delta: number): number {
  const d = new Date(today);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1);
}

function quarterStart(today: number, delta: number): number {
  const d = new Date(today);
  const firstMonth = Math.floor(d.getUTCMonth() / 3) * 3;
  return Date.UTC(d.getUTCFullYear(), firstMonth + delta * 3, 1);
}

function yearStart(today: number, delta: number): number {
  return Date.UTC(new Date(today).getUTCFullYear() + delta, 0, 1);
}

const days = (start: number, count: number): EpochRange => ({ start, end: start + count * DAY_MS });

const FIXED: Readonly<Record<string, RangeOf>> = {
  TODAY: (t) => days(t, 1),
  YESTERDAY: (t) => days(t - DAY_MS, 1),
  TOMORROW: (t) => days(t + DAY_MS, 1),
  THIS_WEEK: (t) => days(weekStart(t), 7),
  LAST_WEEK: (t) => days(weekStart(t) - 7 * DAY_MS, 7),
  NEXT_WEEK: (t) => days(weekStart(t) + 7 * DAY_MS, 7),
  THIS_MONTH: (t) => ({ start: monthStart(t, 0), end: monthStart(t, 1) }),
  LAST_MONTH: (t) => ({ start: monthStart(t, -1), end: monthStart(t, 0) }),
  NEXT_MONTH: (t) => ({ start: monthStart(t, 1), end: monthStart(t, 2) }),
  THIS_QUARTER: (t) => ({ start: quarterStart(t, 0), end: quarterStart(t, 1) }),
  LAST_QUARTER: (t) => ({ start: quarterStart(t, -1), end: quarterStart(t, 0) }),
  NEXT_QUARTER: (t) => ({ start: quarterStart(t, 1), end: quarterStart(t, 2) }),
  THIS_YEAR: (t) => ({ start: yearStart(t, 0), end: yearStart(t, 1) }),
  LAST_YEAR: (t) => ({ start: yearStart(t, -1), end: yearStart(t, 0) }),
  NEXT_YEAR: (t) => ({ start: yearStart(t, 1), end: yearStart(t, 2) }),
  // "The last 90 days" includes today; "the next 90 days" starts tomorrow.
  LAST_90_DAYS: (t) => ({ start: t - 90 * DAY_MS, end: t + DAY_MS }),
  NEXT_90_DAYS: (t) => days(t + DAY_MS, 90),
};

const WITH_AMOUNT: Readonly<Record<string, RangeOf>> = {
  LAST_N_DAYS: (t, n) => ({ start: t - n * DAY_MS, end: t + DAY_MS }),
  NEXT_N_DAYS: (t, n) => days(t + DAY_MS, n),
  N_DAYS_AGO: (t, n) => days(t - n * DAY_MS, 1),
};

/** Whether `name` (any case) is a relative date literal; `withAmount` for the `NAME:n` forms. */
export function relativeDateKind(name: string): 'fixed' | 'withAmount' | undefined {
  const upper = name.toUpperCase();
  if (Object.hasOwn(FIXED, upper)) return 'fixed';
  if (Object.hasOwn(WITH_AMOUNT, upper)) return 'withAmount';
  return undefined;
}

/**
 * The instants a relative date literal covers, seen from `now` (UTC).
 *
 * @throws RangeError for a name that {@link relativeDateKind} does not know.
 */
export function resolveRelativeDate(name: string, amount: number | undefined, now: Date): EpochRange {
  const upper = name.toUpperCase();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const rangeOf = FIXED[upper] ?? WITH_AMOUNT[upper];
  if (!rangeOf) throw new RangeError(`unknown relative date literal ${name}`);
  return rangeOf(today, amount ?? 0);
}
