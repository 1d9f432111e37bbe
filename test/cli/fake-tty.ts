import { EventEmitter } from 'node:events';
import type { CliIo, OutStream } from '../../src/cli/cli-io.js';

/** A stream that says it is a terminal of `columns` columns and keeps what is written to it. */
export class FakeTty extends EventEmitter implements OutStream {
  readonly isTTY = true;
  text = '';

  constructor(readonly columns: number) {
    super();
  }

  write(chunk: string, callback?: (error?: Error | null) => void): boolean {
    this.text += chunk;
    if (callback) process.nextTick(callback);
    return true;
  }
}

/** The process as the CLI sees it, with terminals for stdout and stderr and a SIGINT to send. */
export interface FakeProcess {
  readonly io: CliIo;
  readonly stdout: FakeTty;
  readonly stderr: FakeTty;
  sigint(): void;
}

export function fakeProcess(columns = 80): FakeProcess {
  const stdout = new FakeTty(columns);
  const stderr = new FakeTty(columns);
  const signals = new EventEmitter();
  const io: CliIo = {
    stdout,
    stderr,
    env: {},
    signals,
    exitNow: (code) => {
      throw new Error(`exitNow(${code}) called`);
    },
  };
  return { io, stdout, stderr, sigint: () => signals.emit('SIGINT') };
}

/**
 * The screen a person would see after `text` was written to a terminal `columns` wide: applies
 * carriage returns, line feeds and the cursor movement and erase sequences that progress bars
 * use (CSI A/B/C/D/G/K/J); other sequences (colours, cursor visibility) are dropped. A line
 * longer than the terminal wraps, or is cut at the margin while wrapping is off (CSI ?7l).
 */
export function renderScreen(text: string, columns: number): string[] {
  const screen: string[][] = [[]];
  let row = 0;
  let col = 0;
  let wrap = true;
  const line = (): string[] => {
    while (screen.length <= row) screen.push([]);
    return screen[row] as string[];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\u001b') {
      const match = /^\[(\??)([0-9;]*)([A-Za-z])/.exec(text.slice(i + 1));
      if (!match) continue;
      i += match[0].length;
      const [, private_ = '', arg = '', command] = match;
      const n = arg === '' ? 1 : Number(arg);
      if (private_ === '?') {
        if (arg === '7') wrap = command === 'h';
      } else if (command === 'A') row = Math.max(0, row - n);
      else if (command === 'B') row += n;
      else if (command === 'C') col += n;
      else if (command === 'D') col = Math.max(0, col - n);
      else if (command === 'G') col = n - 1;
      else if (command === 'K') line().splice(arg === '2' ? 0 : col);
      else if (command === 'J') {
        line().splice(col);
        screen.splice(row + 1);
      }
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row += 1;
      col = 0;
    } else {
      if (col >= columns) {
        if (!wrap) continue;
        row += 1;
        col = 0;
      }
      const cells = line();
      while (cells.length < col) cells.push(' ');
      cells[col] = ch;
      col += 1;
    }
  }
  return screen.map((cells) => cells.join('').trimEnd()).filter((l, i, all) => l !== '' || i < all.length - 1);
}
