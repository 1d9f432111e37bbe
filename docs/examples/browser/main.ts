// A CSV insert in the browser: pick a file, start, watch the progress bar, cancel.
// The load logic is the Angular guide's (docs/angular.md), in load-view.ts; this file binds it
// to the page. Bundle it with esbuild (see README.md); the page loads the bundle as ./main.js.
import { fromEvent, Subject, switchMap } from 'rxjs';
import { fixedPolling, keepaliveTransport, SalesforceClient } from 'kinetic-core';
import { AppSessionAuthenticator } from './app-session.authenticator.js';
import { insertCsvView, type LoadView } from './load-view.js';
import { PageAuth } from './page-auth.js';

type Phase = 'idle' | 'reading' | 'running' | 'done' | 'cancelled' | 'failed';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

const form = element<HTMLFormElement>('form');
const instanceUrlInput = element<HTMLInputElement>('instance-url');
const tokenInput = element<HTMLInputElement>('token');
const refreshTokenInput = element<HTMLInputElement>('refresh-token');
const clientIdInput = element<HTMLInputElement>('client-id');
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
interface Load {
  readonly client: SalesforceClient;
  readonly sobject: string;
  readonly file: File;
}
const loads$ = new Subject<Load>();
const cancel$ = new Subject<void>();
// leaving the page (reload, close, navigation) ends the load; the abort it sends goes out
// with fetch keepalive (keepaliveTransport), so it reaches the server after the page is gone
const leave$ = fromEvent(window, 'pagehide');

prefill();
// switchMap: a new load replaces the one running; each load handles its own errors (a view
// with `error`), so this subscription outlives a failed load
loads$
  .pipe(switchMap((load) => insertCsvView(load.client, load.sobject, load.file, cancel$, leave$)))
  .subscribe(render);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  start();
});
cancelButton.addEventListener('click', () => cancel$.next());

/** Fills the form from `?instanceUrl=&sobject=&clientId=` and from an OAuth user-agent flow redirect (`#access_token=...&instance_url=...`). */
function prefill(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  instanceUrlInput.value = fragment.get('instance_url') ?? query.get('instanceUrl') ?? '';
  sobjectInput.value = query.get('sobject') ?? sobjectInput.value;
  clientIdInput.value = query.get('clientId') ?? clientIdInput.value;
  const token = fragment.get('access_token');
  if (token) {
    tokenInput.value = token;
    // keep the token out of the address bar and the history
    history.replaceState(null, '', location.pathname + location.search);
  }
}

function start(): void {
  const file = fileInput.files?.[0];
  if (!file) return;
  const auth = new PageAuth(
    { instanceUrl: instanceUrlInput.value.trim(), accessToken: tokenInput.value.trim() },
    refreshTokenInput.value.trim(),
    clientIdInput.value.trim(),
  );
  const client = new SalesforceClient({
    auth: new AppSessionAuthenticator(auth),
    transport: keepaliveTransport(),
    pollPolicy: fixedPolling(pollMs),
  });
  bar.dataset.updates = '0';
  loads$.next({ client, sobject: sobjectInput.value.trim(), file });
}

function render(view: LoadView): void {
  const phase = phaseOf(view);
  document.body.dataset.phase = phase;
  startButton.disabled = phase === 'reading' || phase === 'running';
  cancelButton.disabled = !startButton.disabled;
  bar.value = view.percent ?? 0;
  if (view.state !== 'Reading') bar.dataset.updates = String(Number(bar.dataset.updates ?? 0) + 1);
  countsText.textContent = `${view.processed}${view.total !== undefined ? ` of ${view.total}` : ''} processed, ${view.failed} failed`;
  statusText.textContent = statusOf(view, phase);
  errorText.textContent = view.error ? `${view.error}${view.jobId ? ` (job ${view.jobId})` : ''}` : '';
  const result = view.result;
  resultText.textContent = result
    ? `Done: ${result.successCount} inserted, ${result.failedCount} failed, ${result.unprocessedRecords.length} unprocessed.`
    : '';
}

function phaseOf(view: LoadView): Phase {
  if (view.error) return 'failed';
  if (view.result) return 'done';
  if (view.done) return 'cancelled';
  return view.state === 'Reading' ? 'reading' : 'running';
}

function statusOf(view: LoadView, phase: Phase): string {
  if (phase === 'failed') return 'Failed';
  if (phase === 'cancelled')
    return view.state === 'Reading'
      ? 'Cancelled before a job was created'
      : `Cancelled: the job is ${view.state} on the server`;
  if (phase === 'reading') return 'Reading the file';
  return view.state;
}
