import { existsSync, mkdirSync, rmSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './pack-project';

// The code in docs/angular.md compiles: the blocks headed `// src/app/<file>.ts` are written
// out as files. Those without Angular imports are type-checked always; the Angular ones are
// compiled by ngc with strict templates when @angular/compiler-cli is installed (in the
// repository, or in KINETIC_ANGULAR_DIR for a local check), and skipped otherwise.
const REPO = join(__dirname, '..', '..');
const WORK = join(REPO, '.tmp', 'angular-doc');
const DOC = readFileSync(join(REPO, 'docs', 'angular.md'), 'utf8');
const BLOCKS = [...DOC.matchAll(/```ts\n\/\/ (src\/app\/[\w.-]+\.ts)\n([\s\S]*?)```/g)].map(([, path, code]) => ({
  path: path ?? '',
  code: code ?? '',
}));
const usesAngular = (code: string): boolean => /from '@angular\//.test(code);

function angularHome(): string | undefined {
  const from = process.env.KINETIC_ANGULAR_DIR ?? REPO;
  return existsSync(join(from, 'node_modules', '@angular', 'compiler-cli', 'package.json')) ? from : undefined;
}

function writeBlocks(): void {
  rmSync(WORK, { recursive: true, force: true });
  for (const block of BLOCKS) {
    mkdirSync(dirname(join(WORK, block.path)), { recursive: true });
    writeFileSync(join(WORK, block.path), block.code);
  }
}

function writeConfig(name: string, files: readonly string[], extra: Record<string, unknown> = {}): string {
  // extends the repository's config: `kinetic-core` resolves to the sources through its paths
  const config = {
    extends: '../../tsconfig.json',
    compilerOptions: { noEmit: true, types: [], ...extra },
    files,
    include: [],
  };
  writeFileSync(join(WORK, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  return join(WORK, `tsconfig.${name}.json`);
}

describe('docs/angular.md', () => {
  beforeAll(writeBlocks);

  test('holds the authenticator, provider, service and component as files', () => {
    expect(BLOCKS.map((block) => block.path).sort()).toEqual([
      'src/app/app-session.authenticator.ts',
      'src/app/bulk-insert.component.ts',
      'src/app/bulk-load.service.ts',
      'src/app/fixed-token.client.ts',
      'src/app/salesforce-auth.ts',
      'src/app/salesforce.providers.ts',
    ]);
  });

  test('the framework-free blocks (authenticators) type-check against kinetic-core', async () => {
    const files = BLOCKS.filter((block) => !usesAngular(block.code)).map((block) => block.path);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', writeConfig('plain', files)], WORK, 90_000);
  }, 120_000);

  const home = angularHome();
  const compile = home ? test : test.skip;
  compile(
    `the Angular blocks compile with ngc and strictTemplates${home ? '' : ' (SKIPPED: @angular/compiler-cli is not installed)'}`,
    async () => {
      const angular = home as string;
      if (angular !== REPO) {
        // a local check against Angular installed elsewhere: link it in, keep one rxjs copy
        mkdirSync(join(WORK, 'node_modules'), { recursive: true });
        symlinkSync(join(angular, 'node_modules', '@angular'), join(WORK, 'node_modules', '@angular'), 'dir');
      }
      const config = writeConfig(
        'angular',
        BLOCKS.map((block) => block.path),
        { preserveSymlinks: angular !== REPO, lib: ['ES2022', 'DOM'] },
      );
      const withAngular = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
      writeFileSync(
        config,
        JSON.stringify(
          { ...withAngular, angularCompilerOptions: { strictTemplates: true, strictInjectionParameters: true } },
          null,
          2,
        ),
      );
      const ngc = join(angular, 'node_modules', '@angular', 'compiler-cli', 'bundles', 'src', 'bin', 'ngc.js');
      await run(process.execPath, [ngc, '-p', config], WORK, 90_000);
    },
    120_000,
  );
});
