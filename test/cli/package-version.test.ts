import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../../src/cli/package-version.js';

// `kinetic --version` reads the package.json above the script, also when npm runs it through
// the node_modules/.bin symlink (as `npx kinetic` does).

describe('packageVersion', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kinetic-version-'));
    const cli = join(dir, 'node_modules/kinetic-core/dist/cjs/src/cli');
    mkdirSync(cli, { recursive: true });
    writeFileSync(
      join(dir, 'node_modules/kinetic-core/package.json'),
      JSON.stringify({ name: 'kinetic-core', version: '9.8.7' }),
    );
    writeFileSync(join(cli, 'main.js'), '');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'some-app', version: '1.0.0' }));
    mkdirSync(join(dir, 'node_modules/.bin'));
    symlinkSync('../kinetic-core/dist/cjs/src/cli/main.js', join(dir, 'node_modules/.bin/kinetic'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the version from the script itself', () => {
    expect(packageVersion(join(dir, 'node_modules/kinetic-core/dist/cjs/src/cli/main.js'))).toBe('9.8.7');
  });

  it('finds it through the node_modules/.bin symlink, not the app around it', () => {
    expect(packageVersion(join(dir, 'node_modules/.bin/kinetic'))).toBe('9.8.7');
  });

  it('says unknown when no kinetic-core package.json is above the script', () => {
    expect(packageVersion(join(dir, 'elsewhere.js'))).toBe('unknown');
  });
});
