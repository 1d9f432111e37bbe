import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { filesUnder } from './doc-blocks';

// The API reference (npm run docs: TypeDoc over kinetic-core, kinetic-core/operators and
// kinetic-core/testing, typedoc.json). Every public export and member is documented: TypeDoc's
// validation (notDocumented, notExported, invalidLink) must report nothing (typedoc.json also
// treats its validation warnings as errors, so `npm run docs` fails the same way).
const ROOT = join(__dirname, '..', '..');

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

describe('API reference', () => {
  let warnings: string[];
  let output: string;

  beforeAll(() => {
    const typedoc = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const run = spawnSync(process.execPath, [typedoc, '--emit', 'none', '--logLevel', 'Warn'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    // eslint-disable-next-line no-control-regex
    output = `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    expect(output).not.toMatch(/\[error\]/);
    warnings = lines(output)
      .filter((line) => line.startsWith('[warning]') && !/Found \d+ errors and \d+ warnings/.test(line))
      .map((line) => line.replace(/^\[warning\] /, ''));
  }, 150_000);

  it('documents every public export and member', () => {
    expect(warnings).toEqual([]);
  });

  it('no public doc comment speaks of "the seed" (users never saw it)', () => {
    const mentions = [
      ...filesUnder(ROOT, 'src', (n) => n.endsWith('.ts')),
      ...filesUnder(ROOT, 'operators', (n) => n.endsWith('.ts')),
    ].flatMap((file) =>
      [...file.text.matchAll(/\/\*\*[\s\S]*?\*\//g)]
        .filter(([comment]) => /\bthe seed\b|\bseed's\b|\bseed (compatibility|policy)\b/i.test(comment))
        .map(([comment]) => `${file.path}: ${comment.slice(0, 80)}`),
    );
    expect(mentions).toEqual([]);
  });
});
