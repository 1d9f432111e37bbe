import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_REQUEST_LIMITS } from '../../src/http/request-limits.js';

const root = join(__dirname, '..', '..');

describe('docs/reliability.md, Limits', () => {
  it('shows the code of docs/examples/request-limits.ts (which tsc type-checks) verbatim', () => {
    const doc = readFileSync(join(root, 'docs', 'reliability.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Limits'), doc.indexOf('## The guarantees'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]?.trim();
    const example = readFileSync(join(root, 'docs', 'examples', 'request-limits.ts'), 'utf8');
    expect(block).toBeDefined();
    expect(example).toContain(block);
  });

  it('names every limit with its default as DEFAULT_REQUEST_LIMITS has it', () => {
    const doc = readFileSync(join(root, 'docs', 'reliability.md'), 'utf8');
    for (const key of Object.keys(DEFAULT_REQUEST_LIMITS)) expect(doc).toContain(`| \`${key}\``);
    expect(DEFAULT_REQUEST_LIMITS).toEqual({
      idleTimeoutMs: 60_000,
      deadlineMs: Infinity,
      maxJsonBytes: 4 * 1024 * 1024,
      maxBodyBytes: 4 * 1024 * 1024 * 1024,
      maxFieldChars: 1_048_576,
      maxRowChars: 4_194_304,
    });
  });
});
