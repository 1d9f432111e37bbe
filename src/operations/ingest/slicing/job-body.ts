import { KineticError } from '../../../errors/kinetic-error.js';
import type { RequestBody } from '../../../http/transport.js';

/**
 * A job's CSV, produced once by the slicer and sent as it is. It is held only until the upload
 * takes it: a load of many jobs keeps no body of a job already uploaded while that job runs
 * and its results are read.
 */
export class JobBody {
  #data: RequestBody | undefined;

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
}
