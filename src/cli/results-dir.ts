import { lstat, mkdir, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errorCode, OutputFileError, outputFileError } from './file-errors.js';

/** Folders the command creates can hold customer data: usable by their owner only. */
export const DIR_MODE = 0o700;

/** A results folder, and how to take back what making it created. */
export interface ResultsDir {
  readonly path: string;
  /** Removes the folders this run created, deepest first, as long as they are empty. */
  removeCreated(): Promise<void>;
}

/**
 * Makes the results folder (and its parents, mode 0700). A folder the command chose itself
 * (`kinetic-results/...`) must be made of real folders, not symbolic links, checked before and
 * after it is made; one the user named is taken as it is.
 */
export async function makeResultsDir(path: string, options: { readonly namedByUser: boolean }): Promise<ResultsDir> {
  if (!options.namedByUser) await refuseLinks(path);
  const first = await mkdir(path, { recursive: true, mode: DIR_MODE }).catch((error: unknown) => {
    throw outputFileError(path, error, 'create the folder');
  });
  if (!options.namedByUser) await refuseLinks(path);
  const created = first === undefined ? [] : createdBetween(resolve(first), resolve(path));
  return {
    path,
    removeCreated: async () => {
      for (const dir of created.reverse()) {
        try {
          await rmdir(dir);
        } catch (error: unknown) {
          // not empty (someone put a file there) or already gone: leave it
          if (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'ENOENT') return;
        }
      }
    },
  };
}

/** Each folder of a relative path (`kinetic-results`, `kinetic-results/x`) that exists is a real folder. */
async function refuseLinks(path: string): Promise<void> {
  const parts = path.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = join(...parts.slice(0, i));
    const stat = await lstat(prefix).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw outputFileError(prefix, error, 'use the folder');
    });
    if (stat?.isSymbolicLink())
      throw new OutputFileError(
        prefix,
        'ELOOP',
        `cannot use ${prefix}: it is a symbolic link (kinetic does not follow links in the folder it names; give --results-dir to choose one)`,
      );
  }
}

/** `first` and every folder below it down to `last`, top first. */
function createdBetween(first: string, last: string): string[] {
  const chain: string[] = [];
  for (let dir = last; ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === first || dirname(dir) === dir) break;
  }
  return chain;
}
