import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  docBlocks,
  enclosingFunction,
  filesUnder,
  findBlock,
  relativeImportClosure,
  type DocBlock,
  type SourceFile,
} from './doc-blocks';

// Docs run as written. Every ```ts block of README.md, docs/*.md and docs/examples/**/README.md is
// either
//   (a) found verbatim in a file that a test executes: a test file itself, or a function of a
//       docs/examples file that a test imports and calls (test/docs/<doc>.test.ts run them
//       against the emulator); or
//   (a') marked `<!-- runs-in: test/x.test.ts -->`: found verbatim in a file that this test
//       imports, directly or through other files (an app the test bundles and runs);
//   (b) marked `<!-- not-run: reason -->` right before its fence, and found verbatim in a
//       type-checked file (docs/examples/**, test/**: tsc; docs/examples/angular: ngc too).
// "Verbatim" allows only what keeps a file compilable: imports merged at the top, lines indented.
const ROOT = join(__dirname, '..', '..');

const markdown = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...filesUnder(ROOT, 'docs/examples', (name) => name === 'README.md').map((f) => f.path),
];
const examples = filesUnder(ROOT, 'docs/examples', (name) => name.endsWith('.ts'));
const tests = filesUnder(ROOT, 'test', (name) => name.endsWith('.ts'));
const blocks = markdown.flatMap((path) => docBlocks(path, readFileSync(join(ROOT, path), 'utf8')));

/** The test files that import a docs/examples file and call `name` from it. */
function callersOf(example: SourceFile, name: string): string[] {
  const module = example.path.replace(/^docs\/examples\//, '').replace(/\.ts$/, '');
  const imported = new RegExp(`['"][./]*docs/examples/${module}(\\.js)?['"]`);
  const called = new RegExp(`\\b${name}\\(`);
  return tests.filter((t) => imported.test(t.text) && called.test(t.text)).map((t) => t.path);
}

/** Where a block runs: `file (function, run by test)` entries; empty when no test executes it. */
function runsIn(block: DocBlock): string[] {
  const inTests = tests
    .filter((t) => t.path.endsWith('.test.ts') && findBlock(block.code, t.text) >= 0)
    .map((t) => `${t.path} (a test file)`);
  const inExamples = examples.flatMap((example) => {
    const at = findBlock(block.code, example.text);
    const name = at >= 0 ? enclosingFunction(example.text, at) : undefined;
    return name ? callersOf(example, name).map((test) => `${example.path} ${name}(), run by ${test}`) : [];
  });
  return [...inTests, ...inExamples];
}

function typeCheckedIn(block: DocBlock): string[] {
  return [...examples, ...tests].filter((file) => findBlock(block.code, file.text) >= 0).map((file) => file.path);
}

/** What is wrong with a block marked runs-in, or undefined. */
function runsInProblem(block: DocBlock, test: string): string | undefined {
  if (!test.endsWith('.test.ts') || !existsSync(join(ROOT, test))) return `names ${test}, which is not a test file`;
  const imported = relativeImportClosure(ROOT, test);
  const holders = [...examples, ...tests].filter((file) => findBlock(block.code, file.text) >= 0);
  return holders.some((file) => imported.has(file.path))
    ? undefined
    : `is in ${holders.map((f) => f.path).join(', ') || 'no file'}, none of which ${test} imports`;
}

/** What is wrong with a block, or undefined. */
function problem(block: DocBlock): string | undefined {
  if (block.runsIn !== undefined) return runsInProblem(block, block.runsIn);
  const runs = runsIn(block);
  if (block.notRun === undefined) {
    if (runs.length > 0) return undefined;
    const checked = typeCheckedIn(block);
    return checked.length > 0
      ? `is in ${checked.join(', ')}, but no test calls the code around it: call it from a test, or mark it <!-- not-run: reason -->`
      : 'is in no docs/examples or test file: put it in one that a test runs, or mark it <!-- not-run: reason --> and put it in a type-checked file';
  }
  if (block.notRun === '') return 'has a not-run marker without a reason';
  if (runs.length > 0) return `is marked not-run but runs (${runs.join(', ')}): remove the marker`;
  return typeCheckedIn(block).length > 0 ? undefined : 'is marked not-run but is in no type-checked file';
}

describe('documentation code blocks', () => {
  it('finds the blocks of every doc', () => {
    expect(blocks.length).toBeGreaterThan(30);
    expect(new Set(blocks.map((b) => b.where.split(':')[0]))).toContain('docs/querying.md');
  });

  it('every ```ts block runs in a test, or is marked not-run and type-checked', () => {
    const problems = blocks.flatMap((block) => {
      const found = problem(block);
      return found ? [`${block.where} ${found}\n${block.code.split('\n').slice(0, 3).join('\n')}\n...`] : [];
    });
    expect(problems).toEqual([]);
  });
});

describe('the block finder', () => {
  const file = [
    "import { map, of } from 'rxjs';",
    "import { type Foo, bar as baz } from 'lib';",
    '',
    'export function sample(): void {',
    '  const x = of(1).pipe(map((n) => n + 1));',
    '',
    '  x.subscribe(console.log);',
    '}',
  ].join('\n');

  it('accepts a block whose imports are merged and whose lines are indented', () => {
    const block =
      "import { of } from 'rxjs';\nimport type { Foo } from 'lib';\n\nconst x = of(1).pipe(map((n) => n + 1));\nx.subscribe(console.log);";
    expect(findBlock(block, file)).toBe(1); // among the trimmed, non-blank, non-import lines
    expect(enclosingFunction(file, 1)).toBe('sample');
  });

  it('refuses a changed line, a line in between, or an import the file lacks', () => {
    expect(findBlock('const x = of(2).pipe(map((n) => n + 1));', file)).toBe(-1);
    expect(findBlock('export function sample(): void {\nx.subscribe(console.log);', file)).toBe(-1);
    expect(findBlock("import { filter } from 'rxjs';\nx.subscribe(console.log);", file)).toBe(-1);
    expect(findBlock("import { bar } from 'lib';\nx.subscribe(console.log);", file)).toBe(-1);
  });

  it('reads not-run and runs-in markers, with blank lines allowed before the fence', () => {
    const md =
      'Text\n\n<!-- not-run: needs an org -->\n\n```ts\nconst a = 1;\n```\n\n```ts\nconst b = 2;\n```\n' +
      '<!-- runs-in: test/x.test.ts -->\n```ts\nconst c = 3;\n```\n';
    expect(docBlocks('x.md', md)).toEqual([
      { where: 'x.md:5', code: 'const a = 1;', notRun: 'needs an org' },
      { where: 'x.md:9', code: 'const b = 2;' },
      { where: 'x.md:13', code: 'const c = 3;', runsIn: 'test/x.test.ts' },
    ]);
  });

  it('follows relative imports from a test to the files it runs', () => {
    const closure = relativeImportClosure(ROOT, 'test/browser/angular-component.test.ts');
    expect(closure).toContain('test/browser/angular-app/main.ts');
    expect(closure).toContain('docs/examples/angular/src/app/bulk-load.service.ts');
    expect(closure).not.toContain('docs/examples/angular/src/app/fixed-token.client.ts');
  });
});
