import { defer, type Observable } from 'rxjs';
import type { LimitInfo } from '../../models/limit-info.js';
import { ApiLimitGuardError } from '../../errors/api-limit-guard-error.js';

/** Decides whether new jobs may start, from the org's last reported API usage. */
export interface LimitGuard {
  /** Throws `ApiLimitGuardError` when remaining API requests are below the threshold; `action` names what was refused. */
  check(action: string): void;
}

/**
 * A guard refusing new jobs once the last `Sforce-Limit-Info` reading shows fewer than
 * `minRemainingApiCalls` requests left. Before any reading (no call made yet) it lets work
 * start: it never spends a request of its own to find out.
 */
export function apiLimitGuard(lastLimitInfo: () => LimitInfo | undefined, minRemainingApiCalls: number): LimitGuard {
  return {
    check(action: string): void {
      const info = lastLimitInfo();
      if (info !== undefined && info.remaining < minRemainingApiCalls)
        throw new ApiLimitGuardError(action, info, minRemainingApiCalls);
    },
  };
}

/**
 * `create`, guarded: the guard is consulted at subscription, so a refusal is an error of the
 * returned Observable and no request is sent. Without a guard, `create` as is.
 */
export function guardedCreation<T>(
  guard: LimitGuard | undefined,
  action: string,
  create: Observable<T>,
): Observable<T> {
  if (!guard) return create;
  return defer(() => {
    guard.check(action);
    return create;
  });
}
