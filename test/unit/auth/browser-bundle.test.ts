import { build, stop } from 'esbuild';
import { join } from 'node:path';

// auth/ must run in browsers: bundling it for the browser platform fails on any Node built-in
describe('auth/ in a browser bundle', () => {
  afterAll(() => stop());

  it('bundles for platform=browser without Node built-ins, Buffer or warnings', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '../../../src/auth/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('src/auth/jwt-bearer.ts'))).toBe(true);
    expect(inputs.filter((path) => /^node:|axios/.test(path))).toEqual([]);
    const ours = inputs.filter((path) => path.startsWith('src/'));
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/\brequire\(\s*["']/);
    expect(code).not.toMatch(/from\s*["']node:/);
    // Buffer would need a polyfill in browsers: none of our own modules may use it
    for (const path of ours)
      expect(result.metafile.inputs[path]?.imports.map((i) => i.path).filter((p) => p.startsWith('node:'))).toEqual([]);
    expect(code.match(/\bBuffer\.from\b/g)).toBeNull();
  });
});
