import { NEVER, type Observable, type SchedulerLike, switchMap, timer } from 'rxjs';

/** The longest delay a JS timer honours (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `timer(ms, scheduler)` for any delay: beyond {@link MAX_TIMER_MS} it chains timers (a
 * `setTimeout` of 5e9 ms would fire after 1 ms), `Infinity` never fires, and a negative or
 * NaN delay fires at once. Emits `0` and completes, like `timer`.
 */
export function longTimer(ms: number, scheduler: SchedulerLike): Observable<0> {
  if (ms === Infinity) return NEVER;
  const delay = Number.isNaN(ms) || ms < 0 ? 0 : ms;
  if (delay <= MAX_TIMER_MS) return timer(delay, scheduler);
  return timer(MAX_TIMER_MS, scheduler).pipe(switchMap(() => longTimer(delay - MAX_TIMER_MS, scheduler)));
}
