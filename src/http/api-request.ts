import type { HttpMethod, RequestBody } from './transport.js';

/** A call to the org, relative to the session's instance URL. */
export interface ApiRequest {
  readonly method: HttpMethod;
  /**
   * A server-relative path (`/services/data/v66.0/jobs/ingest`, or `services/...` as in
   * `contentUrl`), or an absolute URL on the instance's own origin (`nextRecordsUrl`).
   */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly responseType?: 'text' | 'stream';
  /**
   * Whether sending the request twice is harmless. Reads, uploads and closes are; job
   * creation is not (it is only retried when the request certainly did not reach the server).
   */
  readonly idempotent?: boolean;
  /** Short name for logs and stats, e.g. `ingest.create`. */
  readonly route?: string;
  /**
   * For requests whose effect shows on a resend (a second upload to a job is refused with
   * "multiple contents"): after an attempt that may have reached the server failed, a later
   * attempt failing with an error this accepts means the first one took effect, and the
   * request succeeds with an empty 2xx response. Text responses only.
   */
  readonly alreadyApplied?: (error: unknown) => boolean;
}
