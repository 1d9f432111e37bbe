import { keyHalves, type KeyHash } from './row-key.js';

const EMPTY = -1;

/**
 * Input rows of one job, by key, so that result rows (which come back in no particular order)
 * can be tied to the input row they came from. Keys are 64-bit hashes (`rowHash`), kept in an
 * open-addressing table of typed arrays (about 40 bytes a row, no object per row); a result row
 * matches only when all 64 bits agree. Rows with equal keys are handed out first in, first out.
 */
export class CorrelationIndex {
  /** Per table cell: the key's two 32-bit halves, and the first and last untaken row with it. */
  private keyLo = new Uint32Array(0);
  private keyHi = new Uint32Array(0);
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private used = 0;
  /** Per row: the next row with the same key, and whether it was taken. */
  private next = new Int32Array(1024);
  private taken = new Uint8Array(1024);
  private count = 0;

  /**
   * `start` is the input index of the job's first row (a job holds consecutive input rows);
   * a job of chosen rows (a retry of the rows an earlier job left) names each row's input index.
   */
  constructor(
    readonly start: number,
    private readonly inputIndexes?: readonly number[],
  ) {
    this.resize(1024);
  }

  /** Registers the next row of the job under its key (undefined: the row can never be matched). */
  add(key: KeyHash | undefined): void {
    if (key === undefined) this.addUnkeyed();
    else {
      const [lo, hi] = keyHalves(key);
      this.addKey(lo, hi);
    }
  }

  /** Registers the next row of the job under a key given as its two 32-bit halves (see `keyHalves`). */
  addKey(lo: number, hi: number): void {
    const position = this.addUnkeyed();
    if ((this.used + 1) * 4 > this.head.length * 3) this.resize(this.head.length * 2);
    const cell = this.find(lo, hi);
    if (!this.occupied(cell)) {
      this.used++;
      this.keyLo[cell] = lo;
      this.keyHi[cell] = hi;
      this.mark(cell);
    }
    const last = this.tail[cell] as number;
    if (last === EMPTY) this.head[cell] = position;
    else this.next[last] = position;
    this.tail[cell] = position;
  }

  /** Registers the next row of the job as one that can never be matched; returns its position. */
  private addUnkeyed(): number {
    const position = this.count++;
    if (position >= this.next.length) this.growRows();
    this.next[position] = EMPTY;
    return position;
  }

  /** The input index for a result row's key, removing it; undefined when nothing matches. */
  take(key: KeyHash | undefined): number | undefined {
    if (key === undefined) return undefined;
    const [lo, hi] = keyHalves(key);
    return this.takeKey(lo, hi);
  }

  /** `take` for a key given as its two 32-bit halves. */
  takeKey(lo: number, hi: number): number | undefined {
    if (this.used === 0) return undefined;
    const cell = this.find(lo, hi);
    const position = this.head[cell] as number;
    if (!this.occupied(cell) || position === EMPTY) return undefined;
    const following = this.next[position] as number;
    this.head[cell] = following;
    if (following === EMPTY) this.tail[cell] = EMPTY;
    this.taken[position] = 1;
    return this.inputIndex(position);
  }

  /** Input indices never taken: rows missing from every result file. */
  remaining(): number[] {
    const left: number[] = [];
    for (let position = 0; position < this.count; position++)
      if (this.taken[position] === 0) left.push(this.inputIndex(position));
    return left.sort((a, b) => a - b);
  }

  get size(): number {
    return this.count;
  }

  /** Cells holding a key, told from empty ones by a bit (a key may be all zeros). */
  private filled = new Uint8Array(0);

  private occupied(cell: number): boolean {
    return this.filled[cell] === 1;
  }

  private mark(cell: number): void {
    this.filled[cell] = 1;
  }

  /** The cell of a key: where it is, or the empty cell where it goes (linear probing). */
  private find(lo: number, hi: number): number {
    const mask = this.head.length - 1;
    let cell = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.occupied(cell) && (this.keyLo[cell] !== lo || this.keyHi[cell] !== hi)) cell = (cell + 1) & mask;
    return cell;
  }

  private resize(cells: number): void {
    const { keyLo, keyHi, head, tail, filled } = this;
    this.keyLo = new Uint32Array(cells);
    this.keyHi = new Uint32Array(cells);
    this.head = new Int32Array(cells).fill(EMPTY);
    this.tail = new Int32Array(cells).fill(EMPTY);
    this.filled = new Uint8Array(cells);
    for (let old = 0; old < filled.length; old++) {
      if (filled[old] !== 1) continue;
      const cell = this.find(keyLo[old] as number, keyHi[old] as number);
      this.keyLo[cell] = keyLo[old] as number;
      this.keyHi[cell] = keyHi[old] as number;
      this.head[cell] = head[old] as number;
      this.tail[cell] = tail[old] as number;
      this.filled[cell] = 1;
    }
  }

  private growRows(): void {
    const next = new Int32Array(this.next.length * 2);
    next.set(this.next);
    this.next = next;
    const taken = new Uint8Array(this.taken.length * 2);
    taken.set(this.taken);
    this.taken = taken;
  }

  private inputIndex(position: number): number {
    return this.inputIndexes ? (this.inputIndexes[position] ?? -1) : this.start + position;
  }
}
