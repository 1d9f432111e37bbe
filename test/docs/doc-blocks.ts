// Reading the ```ts blocks of the docs and finding them in source files, for examples.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One ```ts block of a markdown file. */
export interface DocBlock {
  /** `docs/querying.md:212`: file and line of the opening fence. */
  readonly where: string;
  readonly code: string;
  /** The reason of a `<!-- not-run: reason -->` marker right before the fence (blank lines allowed). */
  readonly notRun?: string;
  /** The test of a `<!-- runs-in: test/....test.ts -->` marker: it runs the block's file, imported through a bundle. */
  readonly runsIn?: string;
}

/** A source file: its path from the repository root, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

const NOT_RUN = /^<!--\s*not-run:(.*?)-->$/;
const RUNS_IN = /^<!--\s*runs-in:\s*(\S+)\s*-->$/;

/** The ```ts blocks of one markdown file, with their not-run markers. */
export function docBlocks(path: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```ts') continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    if (end < 0) throw new Error(`${path}:${i + 1}: a \`\`\`ts block is never closed`);
    let before = i - 1;
    while (before >= 0 && lines[before]?.trim() === '') before--;
    const marker = NOT_RUN.exec(lines[before]?.trim() ?? '');
    const reason = marker?.[1]?.trim();
    const runsIn = RUNS_IN.exec(lines[before]?.trim() ?? '')?.[1];
    blocks.push({
      where: `${path}:${i + 1}`,
      code: lines.slice(i + 1, end).join('\n'),
      ...(marker ? { notRun: reason ?? '' } : {}),
      ...(runsIn ? { runsIn } : {}),
    });
    i = end;
  }
  return blocks;
}

/** Every file under `dir` (relative to `root`) whose name passes `keep`. */
export function filesUnder(root: string, dir: string, keep: (name: string) => boolean): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name)) out.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(root, dir));
  return out;
}

interface ImportSpec {
  readonly module: string;
  /** Local bindings with their imported name, `type` modifiers dropped: `a`, `b as c`, `default as X`, `* as ns`. */
  readonly names: readonly string[];
}

const IMPORT = /^import\s+(?:type\s+)?([\s\S]*?)\s+from\s+'([^']+)';?$/gm;

function imports(code: string): ImportSpec[] {
  return [...code.matchAll(IMPORT)].map(([, clause = '', module = '']) => ({ module, names: bindings(clause) }));
}

function bindings(clause: string): string[] {
  const names: string[] = [];
  const named = /\{([\s\S]*)\}/.exec(clause);
  for (const part of named?.[1]?.split(',') ?? []) {
    const name = part.replace(/^\s*type\s+/, '').trim();
    if (name) names.push(name.replace(/\s+/g, ' '));
  }
  const rest = clause
    .replace(/\{[\s\S]*\}/, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const part of rest) names.push(part.startsWith('*') ? part.replace(/\s+/g, ' ') : `default as ${part}`);
  return names;
}

/** The code without its import statements, as trimmed non-blank lines. */
function bodyLines(code: string): string[] {
  return code
    .replace(IMPORT, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Where a block appears in a file, or -1. "Verbatim" with two allowances that keep a file
 * compilable: the block's imports may be merged with others at the top of the file (each of
 * its bindings must be imported there from the same module), and its other lines may be
 * indented (inside a function); they must follow each other, unchanged, without a line between.
 * Returns the 0-based index of the first matched line among the file's trimmed non-blank lines.
 */
export function findBlock(block: string, file: string): number {
  const fileImports = imports(file);
  for (const spec of imports(block)) {
    const available = new Set(fileImports.filter((i) => i.module === spec.module).flatMap((i) => i.names));
    if (!spec.names.every((name) => available.has(name))) return -1;
  }
  const want = bodyLines(block);
  const have = bodyLines(file);
  if (want.length === 0) return -1;
  for (let start = 0; start + want.length <= have.length; start++) {
    if (want.every((line, k) => have[start + k] === line)) return start;
  }
  return -1;
}

/** The exported function around a matched block (by the trimmed-line index of findBlock), if any. */
export function enclosingFunction(file: string, lineIndex: number): string | undefined {
  const lines = bodyLines(file)
    .slice(0, lineIndex + 1)
    .reverse();
  for (const line of lines) {
    const found = /^export (?:async )?function (\w+)/.exec(line);
    if (found) return found[1];
  }
  return undefined;
}

/**
 * The files a source file imports through relative paths, transitively (`./x`, `./x.js` and
 * `./x/index` resolve to `.ts` files), itself included. Paths are relative to `root`.
 */
export function relativeImportClosure(root: string, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(join(root, path), 'utf8');
    for (const [, spec = ''] of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const base = join(dirname(path), spec.replace(/\.js$/, ''));
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(join(root, candidate)));
      if (found) visit(found);
    }
  };
  visit(start);
  return seen;
}
