import type { IngestOperation } from '../index.js';
import type { LoadOptions } from './load-options.js';

/** The command names of the load operations. */
const COMMANDS: Readonly<Record<IngestOperation, string>> = {
  insert: 'insert',
  update: 'update',
  upsert: 'upsert',
  delete: 'delete',
  hardDelete: 'hard-delete',
};

/** A word as a POSIX shell reads it: as it is when plain, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The one command that finishes a load: the same operation, object and file, the flags that
 * change how the file is read or the results written, the connection flags that are not secret
 * (an access token given as a flag shows as `<token>`), and `--resume <folder>`. The slicing flags
 * are not needed: a resume takes them from the journal.
 */
export function resumeCommand(operation: IngestOperation, object: string, options: LoadOptions, dir: string): string {
  const flags: string[] = [
    COMMANDS[operation],
    object,
    '--file',
    options.file,
    ...(options.externalId ? ['--external-id', options.externalId] : []),
    ...(options.delimiter ? ['--delimiter', options.delimiter] : []),
    ...(options.lineEnding ? ['--line-ending', options.lineEnding] : []),
    ...(options.encoding ? ['--encoding', options.encoding] : []),
    ...(options.sfResults ? ['--sf-results'] : []),
    ...(options.targetOrg ? ['--target-org', options.targetOrg] : []),
    ...(options.instanceUrl ? ['--instance-url', options.instanceUrl] : []),
    '--resume',
    dir,
  ];
  const token = options.accessToken ? ' --access-token <token>' : '';
  return `kinetic ${flags.map(shellWord).join(' ')}${token}`;
}
