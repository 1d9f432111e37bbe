import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tryItLocally } from '../../docs/examples/local-emulator.js';

const root = join(__dirname, '..', '..');
const examples = readdirSync(join(root, 'docs', 'examples'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'docs', 'examples', f), 'utf8'));

/** The ```ts blocks of a markdown file. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
}

describe('documentation examples', () => {
  it('every TypeScript block of the README is part of a docs/examples file (which tsc type-checks)', () => {
    const blocks = tsBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const found = examples.some((source) => source.includes(block));
      if (!found) throw new Error(`README block is not in docs/examples/*.ts:\n${block}`);
    }
  });

  it('the local emulator example runs as written', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await tryItLocally()).toEqual({ inserted: 1000, queried: 1000 });
    } finally {
      log.mockRestore();
    }
  });
});
