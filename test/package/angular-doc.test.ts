import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './pack-project';

// docs/angular.md shows the files of docs/examples/angular/src/app, each block headed by its path
// (`// src/app/<file>.ts`) and equal to the file; ngc compiles them with strict templates.
const REPO = join(__dirname, '..', '..');
const APP = join(REPO, 'docs', 'examples', 'angular');
const DOC = readFileSync(join(REPO, 'docs', 'angular.md'), 'utf8');
const BLOCKS = [...DOC.matchAll(/```ts\n(\/\/ (src\/app\/[\w.-]+\.ts)\n[\s\S]*?)```/g)].map(([, code, path]) => ({
  path: path ?? '',
  code: code ?? '',
}));

describe('docs/angular.md', () => {
  test('shows every file of docs/examples/angular/src/app, exactly', () => {
    const files = readdirSync(join(APP, 'src', 'app')).map((name) => `src/app/${name}`);
    expect(BLOCKS.map((block) => block.path).sort()).toEqual(files.sort());
    for (const block of BLOCKS) expect(block.code).toBe(readFileSync(join(APP, block.path), 'utf8'));
  });

  test('ngc compiles them with strictTemplates against kinetic-core', async () => {
    const ngc = join(REPO, 'node_modules', '@angular', 'compiler-cli', 'bundles', 'src', 'bin', 'ngc.js');
    await run(process.execPath, [ngc, '-p', join(APP, 'tsconfig.json')], REPO, 120_000);
  }, 150_000);
});
