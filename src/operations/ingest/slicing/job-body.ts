import { KineticError } from '../../../errors/kinetic-error.js';
import type { RequestBody } from '../../../http/transport.js';

/**
 * A job's CSV, produced once by the slicer and sent as it is. It is held only until the upload
 * takes it: a load of many jobs keeps no body of a job already uploaded while that job runs
 * and its results are read. `settled()` tells when the body no longer needs to be held for an
 * upload (the upload ended, the body is kept for another use, or the job ended first), so a load
 * can wait for it before it reads the next job's input.
 */
export class JobBody {
  #data: RequestBody | undefined;
  #settled = false;
  #waiters: (() => void)[] = [];

  constructor(data: RequestBody) {
    this.#data = data;
  }

  /** The bytes, before the upload (a checksum, the rows an earlier job of the slice left). */
  get data(): RequestBody {
    if (this.#data === undefined) throw new KineticError('The job body was already uploaded and released');
    return this.#data;
  }

  /** Hands the bytes to the upload and forgets them here. */
  take(): RequestBody {
    const data = this.data;
    this.#data = undefined;
    return data;
  }

  /** The upload that took the bytes has ended (or will never run): nobody holds them for it any more. */
  settle(): void {
    if (this.#settled) return;
    this.#settled = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves once `settle()` was called. */
  settled(): Promise<void> {
    if (this.#settled) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}
