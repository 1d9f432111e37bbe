// A CSV insert in the browser: pick a file, start, watch the progress bar, cancel.
// Bundle it with esbuild (see README.md); the page loads the bundle as ./main.js.
import { connect, filter, map, merge, Subject, switchMap, type Subscription } from 'rxjs';
import {
  AccessTokenAuthenticator,
  fixedPolling,
  SalesforceClient,
  type BulkEvent,
  type BulkResult,
  type BulkResultEvent,
} from 'kinetic-core';
import { cancelOn, progress, type Progress } from 'kinetic-core/operators';
import { csvFileRecords } from './csv-records.js';

type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
type Update =
  { readonly kind: 'progress'; readonly progress: Progress } | { readonly kind: 'result'; readonly result: BulkResult };

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

const form = element<HTMLFormElement>('form');
const instanceUrlInput = element<HTMLInputElement>('instance-url');
const tokenInput = element<HTMLInputElement>('token');
const sobjectInput = element<HTMLInputElement>('sobject');
const fileInput = element<HTMLInputElement>('file');
const startButton = element<HTMLButtonElement>('start');
const cancelButton = element<HTMLButtonElement>('cancel');
const bar = element<HTMLProgressElement>('progress');
const statusText = element<HTMLElement>('status');
const countsText = element<HTMLElement>('counts');
const resultText = element<HTMLElement>('result');
const errorText = element<HTMLElement>('error');

const query = new URLSearchParams(location.search);
const pollMs = Number(query.get('pollMs') ?? 1000);
let last: Progress | undefined;
let running: Subscription | undefined;
const cancel$ = new Subject<void>();

prefill();
form.addEventListener('submit', (event) => {
  event.preventDefault();
  start();
});
cancelButton.addEventListener('click', () => cancel$.next());
// leaving the page unsubscribes, and unsubscribing aborts a running job on the server
window.addEventListener('pagehide', () => running?.unsubscribe());

/** Fills the form from `?instanceUrl=&sobject=` and from an OAuth user-agent flow redirect (`#access_token=...&instance_url=...`). */
function prefill(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  instanceUrlInput.value = fragment.get('instance_url') ?? query.get('instanceUrl') ?? '';
  sobjectInput.value = query.get('sobject') ?? sobjectInput.value;
  const token = fragment.get('access_token');
  if (token) {
    tokenInput.value = token;
    // keep the token out of the address bar and the history
    history.replaceState(null, '', location.pathname + location.search);
  }
}

function start(): void {
  const file = fileInput.files?.[0];
  if (!file || running) return;
  let client: SalesforceClient;
  try {
    client = new SalesforceClient({
      auth: new AccessTokenAuthenticator({
        instanceUrl: instanceUrlInput.value.trim(),
        accessToken: tokenInput.value.trim(),
      }),
      pollPolicy: fixedPolling(pollMs),
    });
  } catch (error) {
    fail(error);
    return;
  }
  last = undefined;
  bar.value = 0;
  bar.dataset.updates = '0';
  resultText.textContent = '';
  errorText.textContent = '';
  setPhase('running', 'Reading the file');
  running = csvFileRecords(file)
    .pipe(
      switchMap((records) => client.bulk.insert(sobjectInput.value.trim(), records)),
      // on Cancel: aborts the job on the server, emits its Aborted snapshot, completes
      cancelOn(cancel$),
      connect((events) =>
        merge(events.pipe(progress(), map(toProgressUpdate)), events.pipe(filter(isResult), map(toResultUpdate))),
      ),
    )
    .subscribe({ next: render, error: fail, complete: finish });
}

function render(update: Update): void {
  if (update.kind === 'result') {
    const { successCount, failedCount, unprocessedRecords } = update.result;
    resultText.textContent = `Done: ${successCount} inserted, ${failedCount} failed, ${unprocessedRecords.length} unprocessed.`;
    return;
  }
  const p = update.progress;
  last = p;
  bar.value = p.percent ?? 0;
  bar.dataset.updates = String(Number(bar.dataset.updates ?? 0) + 1);
  statusText.textContent = p.state;
  countsText.textContent = `${p.processed}${p.total !== undefined ? ` of ${p.total}` : ''} processed, ${p.failed} failed`;
}

function finish(): void {
  running = undefined;
  if (resultText.textContent) setPhase('done', last?.state ?? 'JobComplete');
  else
    setPhase(
      'cancelled',
      last ? `Cancelled: the job is ${last.state} on the server` : 'Cancelled before a job was created',
    );
}

function fail(error: unknown): void {
  running = undefined;
  // SDK errors never carry the token, so their messages are safe to show
  errorText.textContent = error instanceof Error ? error.message : String(error);
  setPhase('failed', 'Failed');
}

function setPhase(phase: Phase, status: string): void {
  document.body.dataset.phase = phase;
  statusText.textContent = status;
  startButton.disabled = phase === 'running';
  cancelButton.disabled = phase !== 'running';
}

function isResult(event: BulkEvent<BulkResult>): event is BulkResultEvent<BulkResult> {
  return event.type === 'result';
}

function toProgressUpdate(p: Progress): Update {
  return { kind: 'progress', progress: p };
}

function toResultUpdate(event: BulkResultEvent<BulkResult>): Update {
  return { kind: 'result', result: event.result };
}
