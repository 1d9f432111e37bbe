import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');

/** Folders of the library (the emulator's inner folders are its own business: docs/testing.md). */
function folders(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = `${dir}/${name}`;
    if (!statSync(join(root, path)).isDirectory()) continue;
    out.push(path);
    if (path !== 'src/testing' && path !== 'src/cli' && path !== 'src/demo') out.push(...folders(path));
  }
  return out;
}

describe('docs/architecture.md', () => {
  it('names every folder of src/', () => {
    const missing = folders('src').filter((folder) => {
      const relative = folder.replace(/^src\//, '');
      const leaf = relative.split('/').pop() ?? relative;
      return !doc.includes(`${folder}/`) && !doc.includes(`${relative}/`) && !doc.includes(`\`${leaf}/\``);
    });
    expect(missing).toEqual([]);
  });

  it('names only files that exist', () => {
    const named = [...doc.matchAll(/`([a-z][\w/-]*\.ts)`/g)].map((m) => m[1] ?? '');
    const candidates = (file: string) => [
      join(root, file),
      join(root, 'src', file),
      join(root, 'src/operations', file),
      ...folders('src').map((folder) => join(root, folder, file)),
    ];
    const missing = named.filter((file) => !candidates(file).some((path) => existsSync(path)));
    expect(named.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
