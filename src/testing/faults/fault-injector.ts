import { createPrng, type Prng } from '../core/prng.js';
import type { EmulatorFaults, FaultEffect, FaultHandle, FaultOptions, FaultRule } from './fault-types.js';

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number | undefined;
}

/** What to do with one call at one point (before or after handling). */
export interface FaultDecision {
  /** Total added latency from matching latency rules. */
  readonly latencyMs: number;
  /** The failure to send instead of the real response, if any. */
  readonly fault?: Exclude<FaultEffect, { kind: 'latency' }>;
}

function routeMatches(pattern: string, route: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return route.startsWith(pattern.slice(0, -1));
  return pattern === route;
}

/** Decides, deterministically for a given seed, which calls are hit by which fault. */
export class FaultInjector implements EmulatorFaults {
  private rules: ActiveRule[] = [];
  private random: Prng;

  constructor(options: FaultOptions = {}) {
    this.random = createPrng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    for (const rule of options.rules ?? []) this.inject(rule);
  }

  inject(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { rule, remaining: rule.times };
    this.rules.push(active);
    return {
      get remaining() {
        return active.remaining;
      },
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  next(
    route: string,
    count: number,
    effect: FaultEffect,
    options: Pick<FaultRule, 'method' | 'timing'> = {},
  ): FaultHandle {
    return this.inject({ ...options, route, effect, times: count });
  }

  clear(): void {
    this.rules = [];
  }

  reseed(seed: number): void {
    this.random = createPrng(seed);
  }

  private fires(active: ActiveRule): boolean {
    const p = active.rule.probability ?? 1;
    // Draw only for real probabilities, so scripted rules never shift the random sequence.
    if (p < 1 && this.random() >= p) return false;
    if (active.remaining !== undefined) {
      active.remaining--;
      if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
    }
    return true;
  }

  /** Evaluates the rules for one call; latency rules add up, the first failure rule that fires wins. */
  decide(route: string, method: string, timing: 'before' | 'after'): FaultDecision {
    let latencyMs = 0;
    for (const active of [...this.rules]) {
      const { rule } = active;
      if ((rule.timing ?? 'before') !== timing || !routeMatches(rule.route, route)) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.effect.kind === 'latency') {
        if (timing === 'before' && this.fires(active)) latencyMs += rule.effect.ms;
        continue;
      }
      if (this.fires(active)) return { latencyMs, fault: rule.effect };
    }
    return { latencyMs };
  }
}
