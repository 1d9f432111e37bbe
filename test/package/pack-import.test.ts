import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsumer, npmPack, run, stageRepository, typeCheck, type PackedFile } from './pack-project';

// What a user gets from npm: build a copy of the repository, `npm pack` it, install the
// tarball into a fresh project, then load every entry point with `import` and `require`
// and type-check a consumer under each module resolution. Slow by nature (a build and an
// install), so the timeouts are generous; every step fails on a real problem.
jest.setTimeout(120_000);

const ENTRIES = {
  '.': 'src/index',
  './operators': 'operators/index',
  './testing': 'src/testing/index',
  './node': 'src/node/index',
} as const;

interface PackageJson {
  exports: Record<
    string,
    { import: { types: string; default: string }; require: { types: string; default: string } } | string
  >;
  typesVersions: Record<string, Record<string, string[]>>;
  main: string;
  types: string;
  bin?: Record<string, string>;
  sideEffects: boolean;
}

describe('the packed package', () => {
  let work: string;
  let consumer: string;
  let files: PackedFile[];
  let installed: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'kinetic-pack-'));
    const staged = join(work, 'package');
    stageRepository(staged);
    // no explicit build: npm pack runs it (prepack), which is what this checks too
    const packed = await npmPack(staged, work);
    files = packed.files;
    consumer = join(work, 'consumer');
    await createConsumer(consumer, packed.tarball);
    installed = join(consumer, 'node_modules', 'kinetic-core');
  }, 400_000);

  afterAll(() => {
    if (work && !process.env.KINETIC_KEEP_PACK) rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds both builds with declarations, and no sources or tests', () => {
    const paths = new Set(files.map((file) => file.path));
    for (const entry of Object.values(ENTRIES)) {
      for (const file of [
        `dist/esm/${entry}.js`,
        `dist/esm/${entry}.d.ts`,
        `dist/cjs/${entry}.js`,
        `dist/cjs/${entry}.d.ts`,
      ])
        expect(paths).toContain(file);
    }
    expect(paths).toContain('dist/esm/package.json');
    expect(paths).toContain('dist/cjs/package.json');
    expect(
      [...paths].filter((path) => /^(src|operators|test|scripts|bench)\//.test(path) || path.includes('node_modules')),
    ).toEqual([]);
    expect(
      [...paths].filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts') && !path.startsWith('docs/')),
    ).toEqual([]);
  });

  test('every exports, typesVersions, main and types target exists in the installed package', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson;
    expect(pkg.sideEffects).toBe(false);
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './node', './operators', './package.json', './testing']);
    const targets = [pkg.main, pkg.types];
    for (const [subpath, entry] of Object.entries(ENTRIES)) {
      const conditions = pkg.exports[subpath];
      if (typeof conditions !== 'object') throw new Error(`exports["${subpath}"] has no conditions`);
      expect(conditions.import).toEqual({ types: `./dist/esm/${entry}.d.ts`, default: `./dist/esm/${entry}.js` });
      expect(conditions.require).toEqual({ types: `./dist/cjs/${entry}.d.ts`, default: `./dist/cjs/${entry}.js` });
      targets.push(
        conditions.import.types,
        conditions.import.default,
        conditions.require.types,
        conditions.require.default,
      );
    }
    for (const mapped of Object.values(pkg.typesVersions['*'] ?? {})) targets.push(...mapped);
    expect(pkg.typesVersions['*']).toEqual({
      node: ['./dist/cjs/src/node/index.d.ts'],
      operators: ['./dist/cjs/operators/index.d.ts'],
      testing: ['./dist/cjs/src/testing/index.d.ts'],
    });
    expect(targets.filter((target) => !existsSync(join(installed, target)))).toEqual([]);
    expect(JSON.parse(readFileSync(join(installed, 'dist/esm/package.json'), 'utf8'))).toEqual({ type: 'module' });
    expect(JSON.parse(readFileSync(join(installed, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  test('source maps carry their sources (the package ships no .ts sources)', () => {
    const maps = files.filter((file) => file.path.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(100);
    const incomplete = maps.filter((file) => {
      const map = JSON.parse(readFileSync(join(installed, file.path), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      return (
        map.sourcesContent?.length !== map.sources.length ||
        map.sourcesContent.some((source) => typeof source !== 'string')
      );
    });
    expect(incomplete.map((file) => file.path)).toEqual([]);
  });

  test('import (ESM): every entry point loads, and an insert runs with the ESM client against a required emulator', async () => {
    expect(await run(process.execPath, ['consumer.mjs'], consumer, 60_000)).toContain('esm ok');
  });

  test('require (CommonJS): every entry point loads, an insert runs and a cancel aborts the job', async () => {
    expect(await run(process.execPath, ['consumer.cjs'], consumer, 60_000)).toContain('cjs ok');
  });

  test('every bin command of the package runs from node_modules/.bin', async () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as PackageJson;
    for (const command of Object.keys(pkg.bin ?? {})) {
      expect(await run(join(consumer, 'node_modules', '.bin', command), ['--help'], consumer, 30_000)).toMatch(
        /^Usage: /,
      );
    }
  });

  // Node consumers are checked the way most backends compile (skipLibCheck on, no DOM):
  // resolution errors and misuse in consumer.ts still fail, and @ts-expect-error lines prove
  // the declarations are precise. The browser check below reads every declaration.
  const NODE = { lib: ['ES2022'], types: ['node'] };

  test('types resolve under node16/nodenext, for CommonJS (.ts) and ESM (.mts) consumers', async () => {
    const explained = await typeCheck(
      consumer,
      'nodenext',
      { ...NODE, module: 'nodenext', moduleResolution: 'nodenext' },
      ['consumer.ts', 'consumer.mts'],
    );
    expect(explained).toMatch(
      /dist\/cjs\/operators\/index\.d\.ts\n(.*\n)*?\s+Imported via 'kinetic-core\/operators' from file 'consumer\.ts'/,
    );
    expect(explained).toMatch(
      /dist\/esm\/operators\/index\.d\.ts\n(.*\n)*?\s+Imported via 'kinetic-core\/operators' from file 'consumer\.mts'/,
    );
  });

  test('types resolve under moduleResolution bundler (the import condition)', async () => {
    const explained = await typeCheck(consumer, 'bundler', { ...NODE, module: 'esnext', moduleResolution: 'bundler' }, [
      'consumer.ts',
    ]);
    expect(explained).toMatch(/dist\/esm\/src\/testing\/index\.d\.ts/);
    expect(explained).not.toMatch(/dist\/cjs\//);
  });

  test('types resolve under the old node10 resolution through typesVersions', async () => {
    const explained = await typeCheck(
      consumer,
      'node10',
      { ...NODE, module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
      ['consumer.ts'],
    );
    expect(explained).toMatch(
      /dist\/cjs\/operators\/index\.d\.ts\n(.*\n)*?\s+Imported via 'kinetic-core\/operators' from file 'consumer\.ts'/,
    );
    expect(explained).toMatch(/dist\/cjs\/src\/testing\/index\.d\.ts/);
  });

  test('the browser-facing declarations type-check in full with DOM types and without @types/node', async () => {
    const explained = await typeCheck(
      consumer,
      'browser',
      { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false },
      ['browser-consumer.ts'],
    );
    expect(explained).toMatch(/dist\/esm\/src\/index\.d\.ts/);
    expect(explained).not.toMatch(/@types\/node/);
  });
});
