import { ValidationError } from '../errors/validation-error.js';
import { envValue, type EnvSource, type ReadTextFile } from './env.js';
import { normalizePem } from './private-key.js';

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
}

/**
 * The default {@link ReadTextFile}: Node's `fs.readFileSync`, reached through
 * `process.getBuiltinModule` (Node 20.16+) at call time. There is no `import 'node:fs'`
 * anywhere in auth/, so bundlers targeting browsers never see a Node built-in; in a
 * browser this throws a `ValidationError` suggesting `SF_PRIVATE_KEY` instead.
 */
export function readTextFileWithNode(path: string): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!fs) {
    throw new ValidationError(
      'SF_PRIVATE_KEY_FILE can only be read on Node.js 20.16+; set SF_PRIVATE_KEY or pass a readFile function',
      [{ message: 'no file system', field: 'SF_PRIVATE_KEY_FILE' }],
    );
  }
  return fs.readFileSync(path, 'utf8');
}

/**
 * The PEM from `SF_PRIVATE_KEY` (literal `\n` sequences turned into line breaks) or from
 * the file named by `SF_PRIVATE_KEY_FILE`; undefined when neither is set, a
 * `ValidationError` when both are. `readFile` is only called when the file variable is set.
 */
export function privateKeyFromEnv(env: EnvSource, readFile: ReadTextFile = readTextFileWithNode): string | undefined {
  const inline = envValue(env, 'SF_PRIVATE_KEY');
  const file = envValue(env, 'SF_PRIVATE_KEY_FILE');
  if (inline !== undefined && file !== undefined) {
    throw new ValidationError('Set either SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE, not both', [
      { message: 'contradicts SF_PRIVATE_KEY_FILE', field: 'SF_PRIVATE_KEY' },
      { message: 'contradicts SF_PRIVATE_KEY', field: 'SF_PRIVATE_KEY_FILE' },
    ]);
  }
  if (inline !== undefined) return normalizePem(inline);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFile(file);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new ValidationError(
      `SF_PRIVATE_KEY_FILE could not be read (${file}${typeof code === 'string' ? `: ${code}` : ''})`,
      [{ message: 'unreadable', field: 'SF_PRIVATE_KEY_FILE' }],
    );
  }
  return normalizePem(text);
}
