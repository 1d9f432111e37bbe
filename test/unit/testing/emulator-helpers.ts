import { firstValueFrom, timer } from 'rxjs';
import type { BulkEmulator } from '../../../src/testing/index';

/** The API version most tests use. */
export const V = 'v66.0';

export interface CallOptions {
  readonly body?: string | Blob;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
  /** Overrides the emulator's pre-issued token; `null` sends no Authorization header. */
  readonly token?: string | null;
}

/** One HTTP call to the emulator with the pre-issued token. */
export function call(emu: BulkEmulator, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? emu.accessToken : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | Blob | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] ??= 'application/json';
  }
  return fetch(`${emu.url}${path}`, { method, headers, body });
}

/** Resolves after `ms` (an RxJS timer, per the project rules). */
export function pause(ms: number): Promise<number> {
  return firstValueFrom(timer(ms));
}

/** Creates an ingest job, uploads `csv` and closes it; returns the job id. */
export async function runIngest(
  emu: BulkEmulator,
  spec: Record<string, unknown>,
  csv: string,
  version = V,
): Promise<string> {
  const created = await call(emu, 'POST', `/services/data/${version}/jobs/ingest`, { json: spec });
  if (created.status !== 200) throw new Error(`create failed: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const put = await call(emu, 'PUT', `/services/data/${version}/jobs/ingest/${id}/batches`, {
    body: csv,
    headers: { 'Content-Type': 'text/csv' },
  });
  if (put.status !== 201) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  const closed = await call(emu, 'PATCH', `/services/data/${version}/jobs/ingest/${id}`, {
    json: { state: 'UploadComplete' },
  });
  if (closed.status !== 200) throw new Error(`close failed: ${closed.status} ${await closed.text()}`);
  return id;
}

/** Polls the job info over HTTP until it is terminal; returns every distinct state seen. */
export async function waitForTerminal(
  emu: BulkEmulator,
  kind: 'ingest' | 'query',
  id: string,
  version = V,
): Promise<{ states: string[]; info: Record<string, unknown> }> {
  const states: string[] = [];
  for (let i = 0; i < 400; i++) {
    const res = await call(emu, 'GET', `/services/data/${version}/jobs/${kind}/${id}`);
    const info = (await res.json()) as Record<string, unknown>;
    const state = String(info.state);
    if (states[states.length - 1] !== state) states.push(state);
    if (state === 'JobComplete' || state === 'Failed' || state === 'Aborted') return { states, info };
    await pause(10);
  }
  throw new Error(`job ${id} never finished`);
}

/** GET a result file as text. */
export async function results(emu: BulkEmulator, id: string, kind: string, version = V): Promise<string> {
  const res = await call(emu, 'GET', `/services/data/${version}/jobs/ingest/${id}/${kind}`);
  if (res.status !== 200) throw new Error(`results failed: ${res.status} ${await res.text()}`);
  return res.text();
}
