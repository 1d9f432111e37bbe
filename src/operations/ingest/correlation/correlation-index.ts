import type { KeyHash } from './row-key.js';

/**
 * Input rows of one job, by key, so that result rows (which come back in no particular order)
 * can be tied to the input row they came from. Keys are kept as 64-bit hashes (`rowHash`), not
 * strings, so a million-row job costs tens of megabytes; a result row matches only when all 64
 * bits agree. Rows with equal keys are handed out first in, first out.
 */
export class CorrelationIndex {
  private readonly slots = new Map<number, number | number[]>();
  private confirm = new Uint16Array(1024);
  private count = 0;
  private readonly unkeyed: number[] = [];

  /**
   * `start` is the input index of the job's first row (a job holds consecutive input rows);
   * a job of chosen rows (a retry of the rows an earlier job left) names each row's input index.
   */
  constructor(
    readonly start: number,
    private readonly inputIndexes?: readonly number[],
  ) {}

  /** Registers the next row of the job under its key (undefined: the row can never be matched). */
  add(key: KeyHash | undefined): void {
    const position = this.count++;
    if (position >= this.confirm.length) {
      const grown = new Uint16Array(this.confirm.length * 2);
      grown.set(this.confirm);
      this.confirm = grown;
    }
    if (key === undefined) {
      this.unkeyed.push(position);
      return;
    }
    const [slot, check] = key;
    this.confirm[position] = check;
    const existing = this.slots.get(slot);
    if (existing === undefined) this.slots.set(slot, position);
    else if (typeof existing === 'number') this.slots.set(slot, [existing, position]);
    else existing.push(position);
  }

  /** The input index for a result row's key, removing it; undefined when nothing matches. */
  take(key: KeyHash | undefined): number | undefined {
    if (key === undefined) return undefined;
    const [slot, check] = key;
    const existing = this.slots.get(slot);
    if (existing === undefined) return undefined;
    if (typeof existing === 'number') {
      if (this.confirm[existing] !== check) return undefined;
      this.slots.delete(slot);
      return this.inputIndex(existing);
    }
    const at = existing.findIndex((position) => this.confirm[position] === check);
    if (at < 0) return undefined;
    const [position] = existing.splice(at, 1) as [number];
    if (existing.length === 0) this.slots.delete(slot);
    return this.inputIndex(position);
  }

  /** Input indices never taken: rows missing from every result file. */
  remaining(): number[] {
    const left: number[] = this.unkeyed.map((position) => this.inputIndex(position));
    for (const value of this.slots.values()) {
      if (typeof value === 'number') left.push(this.inputIndex(value));
      else for (const position of value) left.push(this.inputIndex(position));
    }
    return left.sort((a, b) => a - b);
  }

  private inputIndex(position: number): number {
    return this.inputIndexes ? (this.inputIndexes[position] ?? -1) : this.start + position;
  }

  get size(): number {
    return this.count;
  }
}
