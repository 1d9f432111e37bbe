/** Where the demo writes: whole lines, and one live progress line. */
export interface DemoOutput {
  /** Writes one line (ending a live progress line first). */
  line(text?: string): void;
  /** Shows a progress reading: rewritten in place on a terminal, one plain line each otherwise. */
  progress(text: string): void;
  /** Ends the live progress line, if one is showing. */
  endProgress(): void;
}

// erase to the end of the line, so a shorter reading leaves no trailing characters
const CLEAR_TO_EOL = '\u001b[K';

/**
 * Builds the output over a `write` function. On a TTY the progress line is redrawn with `\r`;
 * in a pipe or a log file every reading is its own line, so nothing is garbled.
 */
export function createDemoOutput(write: (chunk: string) => void, tty: boolean): DemoOutput {
  let live = false;
  const endProgress = (): void => {
    if (live) write('\n');
    live = false;
  };
  return {
    line: (text = '') => {
      endProgress();
      write(`${text}\n`);
    },
    progress: (text) => {
      if (!tty) {
        write(`${text}\n`);
        return;
      }
      write(`\r${text}${CLEAR_TO_EOL}`);
      live = true;
    },
    endProgress,
  };
}
