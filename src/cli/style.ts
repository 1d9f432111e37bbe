/** Text decorations: ANSI colours on a terminal, plain text otherwise. */
export interface Style {
  bold(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org). */
export function createStyle(tty: boolean, env: Readonly<Record<string, string | undefined>>): Style {
  const plain = (text: string): string => text;
  if (!tty || (env.NO_COLOR !== undefined && env.NO_COLOR !== ''))
    return { bold: plain, green: plain, red: plain, yellow: plain, dim: plain };
  return { bold: wrap(1, 22), green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22) };
}
