import { constants } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { errorCode, outputFileError } from './file-errors.js';
import { FILE_MODE } from './sink.js';
import { UsageError } from './usage-error.js';

/** The lock of a results folder: one `kinetic` at a time runs (or resumes) the load it holds. */
export const LOCK_FILE = 'load.lock';

const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** A held lock. */
export interface LoadLock {
  /** True when the lock was left by a process that is gone (killed, crashed), and taken over. */
  readonly tookOver: boolean;
  release(): Promise<void>;
}

/**
 * Takes the folder's lock: two commands resuming the same load at once would both send the rows
 * it has left. A lock left by a process that no longer runs (killed, crashed) on this machine is
 * taken over; one held by a running process is refused.
 */
export async function lockResultsDir(dir: string): Promise<LoadLock> {
  const path = join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, CREATE_NEW, FILE_MODE);
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return { tookOver: attempt > 0, release: () => rm(path, { force: true }) };
    } catch (error: unknown) {
      if (errorCode(error) !== 'EEXIST' || attempt > 0) throw outputFileError(path, error, 'create the lock');
    }
    const holder = await lockHolder(path);
    if (holder && holder.host === hostname() && running(holder.pid))
      throw new UsageError(
        `${dir} is in use by another kinetic (process ${holder.pid}) running the same load: wait for it, or stop it first (if no such process runs, remove ${path})`,
      );
    // left by a process that is gone: taken over
    await rm(path, { force: true });
  }
}

const lockSchema = z.object({ pid: z.number().int(), host: z.string() });

async function lockHolder(path: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const parsed = lockSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // unreadable or half written: its writer died before it finished
  }
}

/** Whether a process with this id runs (signal 0 tests it without sending anything). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return errorCode(error) === 'EPERM';
  }
}
