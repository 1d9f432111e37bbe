// Proves the browser-facing entry points are browser-clean: bundles them with esbuild for
// `platform: 'browser'`, with no Node polyfills, and fails when anything in the bundle
// imports a Node built-in (node:fs, fs, stream, crypto, http, zlib, buffer, ...) or when a
// dependency resolves to its Node build (axios must pick its browser build).
//
//   node scripts/check-browser-bundle.mjs                 checks src/index.ts and operators/index.ts
//   node scripts/check-browser-bundle.mjs a.ts b.ts       checks other entry points (relative to the cwd)
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_ENTRIES = ['src/index.ts', 'operators/index.ts'].map((entry) => resolve(root, entry));

/** Files that only exist in a dependency's Node build. */
const NODE_BUILDS = [/node_modules\/axios\/lib\/adapters\/http\.js$/, /node_modules\/axios\/dist\/node\//];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const names = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map(escape)
  .join('|');
const BUILTIN = new RegExp(`^(node:.+|(${names})(/.*)?)$`);
const INNER = Symbol('resolving');

/** Reports each Node built-in import that esbuild cannot resolve for the browser (a `browser` field mapping it away is fine). */
function nodeBuiltinGuard(offenders) {
  return {
    name: 'node-builtin-guard',
    setup(b) {
      b.onResolve({ filter: BUILTIN }, async (args) => {
        if (args.pluginData === INNER) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: INNER,
        });
        if (resolved.errors.length === 0) return resolved;
        offenders.push({ module: args.path, importer: relative(root, args.importer), kind: args.kind });
        return { path: args.path, external: true };
      });
    },
  };
}

/** The import chain from an entry point down to `file`, for a readable report. */
function chainTo(file, inputs, entries) {
  const parents = new Map();
  for (const [input, { imports }] of Object.entries(inputs)) {
    for (const imported of imports) if (!parents.has(imported.path)) parents.set(imported.path, input);
  }
  const chain = [file];
  const entrySet = new Set(entries.map((entry) => relative(root, entry)));
  for (let at = file; !entrySet.has(at) && parents.has(at) && chain.length < 50;) {
    at = parents.get(at);
    chain.unshift(at);
  }
  return chain.join(' -> ');
}

/**
 * Bundles `entries` for the browser and returns the problems found (empty when clean) and
 * what went into the bundle.
 */
export async function checkBrowserBundle(entries = DEFAULT_ENTRIES) {
  const offenders = [];
  const result = await build({
    entryPoints: entries,
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: 'browser-check-out',
    metafile: true,
    logLevel: 'silent',
    plugins: [nodeBuiltinGuard(offenders)],
  });
  const inputs = result.metafile.inputs;
  const problems = offenders.map(
    ({ module, importer, kind }) =>
      `Node built-in "${module}" (${kind}) imported by ${chainTo(importer, inputs, entries)}`,
  );
  for (const input of Object.keys(inputs)) {
    if (NODE_BUILDS.some((pattern) => pattern.test(input)))
      problems.push(`Node-only build in the bundle: ${input} (imported by ${chainTo(input, inputs, entries)})`);
  }
  const bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
  return {
    problems,
    modules: Object.keys(inputs).length,
    bytes,
    axiosBrowser: Object.keys(inputs).some((input) => input.includes('node_modules/axios/lib/adapters/xhr.js')),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = process.argv.length > 2 ? process.argv.slice(2).map((entry) => resolve(entry)) : DEFAULT_ENTRIES;
  const shown = entries.map((entry) => relative(root, entry)).join(', ');
  try {
    const { problems, modules, bytes, axiosBrowser } = await checkBrowserBundle(entries);
    if (problems.length > 0) {
      console.error(`Browser bundle check FAILED for ${shown}:`);
      for (const problem of problems) console.error(`  - ${problem}`);
      process.exitCode = 1;
    } else {
      console.log(
        `Browser bundle clean: ${shown} (${modules} modules, ${(bytes / 1024).toFixed(0)} kB unminified, axios ${axiosBrowser ? 'browser build' : 'not bundled'})`,
      );
    }
  } catch (error) {
    // esbuild errors (e.g. a module that cannot be resolved at all)
    console.error(
      `Browser bundle check FAILED for ${shown}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  }
}
