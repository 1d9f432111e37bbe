import type { Progress } from '../../operators/index.js';

const BAR_WIDTH = 24;

/** `50000` -> `50,000`, the same on every machine whatever its locale. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Milliseconds as seconds with one decimal: `2345` -> `2.3 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A text progress bar: `[#########---------------]`. */
export function bar(percent: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

/** One progress reading as a line: state, bar, processed / total, percentage, failures. */
export function progressLine(p: Progress): string {
  const state = p.state.padEnd(14);
  // the short job JSON an abort returns carries no counters: a bar would drop back to 0%
  if (p.state === 'Aborted' || p.state === 'Failed') return `  ${state} job stopped`;
  if (p.total === undefined || p.percent === undefined) return `  ${state} ${count(p.processed)} rows processed`;
  const failed = p.failed > 0 ? `, ${count(p.failed)} failed` : '';
  return `  ${state} ${bar(p.percent)} ${count(p.processed).padStart(7)} / ${count(p.total)} (${p.percent.toFixed(0).padStart(3)}%${failed})`;
}
