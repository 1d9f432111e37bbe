import { ValidationError } from '../../../src/errors/validation-error.js';
import { adaptivePolling, DEFAULT_ADAPTIVE_POLL_POLICY } from '../../../src/poller/adaptive-polling.js';
import {
  backoffPolling,
  DEFAULT_POLL_POLICY,
  fixedPolling,
  resolvePollPolicy,
} from '../../../src/poller/poll-policy.js';

describe('poll policies', () => {
  it('fixedPolling checks its interval', () => {
    expect(fixedPolling(250)).toEqual({ kind: 'fixed', intervalMs: 250 });
    expect(() => fixedPolling(-1)).toThrow(ValidationError);
    expect(() => fixedPolling(Number.NaN)).toThrow(ValidationError);
  });

  it('backoffPolling starts from the default backoff and checks its fields', () => {
    expect(backoffPolling()).toEqual(DEFAULT_POLL_POLICY);
    expect(backoffPolling({ factor: 3 })).toEqual({ ...DEFAULT_POLL_POLICY, factor: 3 });
    expect(() => backoffPolling({ factor: 0.5 })).toThrow(ValidationError);
  });

  describe('resolvePollPolicy', () => {
    const customBackoff = backoffPolling({ initialDelayMs: 100, factor: 2, maxDelayMs: 900 });

    it('no option: the base policy as it is', () => {
      expect(resolvePollPolicy(undefined, customBackoff)).toBe(customBackoff);
      expect(resolvePollPolicy(undefined)).toBe(DEFAULT_POLL_POLICY);
    });

    it('kind fixed: a fixed policy, whatever the base', () => {
      expect(resolvePollPolicy({ kind: 'fixed', intervalMs: 500 }, customBackoff)).toEqual({
        kind: 'fixed',
        intervalMs: 500,
      });
      expect(() => resolvePollPolicy({ kind: 'fixed', intervalMs: -5 })).toThrow(ValidationError);
    });

    it('kind adaptive: from the default adaptive policy, whatever the base', () => {
      expect(resolvePollPolicy({ kind: 'adaptive', growth: 3 }, adaptivePolling({ growth: 4 }))).toEqual({
        ...DEFAULT_ADAPTIVE_POLL_POLICY,
        growth: 3,
      });
    });

    it('kind backoff: tunes a backoff base, or starts from the default backoff', () => {
      expect(resolvePollPolicy({ kind: 'backoff', factor: 3 }, customBackoff)).toEqual({ ...customBackoff, factor: 3 });
      expect(resolvePollPolicy({ kind: 'backoff', factor: 3 }, fixedPolling(10))).toEqual({
        ...DEFAULT_POLL_POLICY,
        factor: 3,
      });
      expect(resolvePollPolicy({ kind: 'backoff', factor: 3 }, adaptivePolling())).toEqual({
        ...DEFAULT_POLL_POLICY,
        factor: 3,
      });
    });

    it('no kind: tunes the base when it is backoff or adaptive, else the default backoff', () => {
      expect(resolvePollPolicy({ maxDelayMs: 5000 }, customBackoff)).toEqual({ ...customBackoff, maxDelayMs: 5000 });
      expect(resolvePollPolicy({ maxDelayMs: 5000 }, adaptivePolling({ growth: 4 }))).toEqual({
        ...DEFAULT_ADAPTIVE_POLL_POLICY,
        growth: 4,
        maxDelayMs: 5000,
      });
      expect(resolvePollPolicy({ maxDelayMs: 5000 }, fixedPolling(10))).toEqual({
        ...DEFAULT_POLL_POLICY,
        maxDelayMs: 5000,
      });
      expect(resolvePollPolicy({}, fixedPolling(10))).toEqual(DEFAULT_POLL_POLICY);
    });
  });
});
