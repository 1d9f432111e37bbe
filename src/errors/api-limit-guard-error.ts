import { KineticError } from './kinetic-error.js';
import type { LimitInfo } from '../models/limit-info.js';

/**
 * Raised before a job is created when the org's remaining daily API requests (as last reported
 * by `Sforce-Limit-Info`) are below the client's `minRemainingApiCalls`. Nothing was sent: the
 * client refused to start work that would eat into the allocation kept in reserve.
 */
export class ApiLimitGuardError extends KineticError {
  override readonly name: string = 'ApiLimitGuardError';
  /** Remaining API requests at the last reading. */
  readonly remaining: number;
  /** The configured `minRemainingApiCalls`. */
  readonly threshold: number;
  /** The reading the decision was made on. */
  readonly limitInfo: LimitInfo;

  constructor(action: string, limitInfo: LimitInfo, threshold: number) {
    super(
      `Not starting ${action}: only ${limitInfo.remaining} of ${limitInfo.limit} daily API requests remain, below minRemainingApiCalls (${threshold})`,
    );
    this.remaining = limitInfo.remaining;
    this.threshold = threshold;
    this.limitInfo = limitInfo;
  }
}
