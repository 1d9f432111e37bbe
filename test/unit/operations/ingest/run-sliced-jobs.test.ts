import { Observable, Subject } from 'rxjs';
import { ValidationError } from '../../../../src/errors/validation-error.js';
import { CorrelationIndex } from '../../../../src/operations/ingest/correlation/correlation-index.js';
import { InputStopped, runSlicedJobs } from '../../../../src/operations/ingest/run-sliced-jobs.js';
import { JobBody } from '../../../../src/operations/ingest/slicing/job-body.js';
import type { JobSlicer, SlicedJob } from '../../../../src/operations/ingest/slicing/sliced-job.js';

/** A slicer of `sizes.length` slices (rows per slice); `failAt` makes the n-th read throw. */
function slicer(sizes: number[], failAt?: number): JobSlicer & { reads: number; closed: number } {
  let start = 0;
  const s = {
    reads: 0,
    closed: 0,
    next: async (): Promise<SlicedJob | undefined> => {
      const n = s.reads++;
      await Promise.resolve();
      if (n === failAt) throw new Error(`bad record in slice ${n}`);
      const size = sizes[n];
      if (size === undefined) return undefined;
      const slice = { body: new JobBody(`s${n}`), recordCount: size, start, index: new CorrelationIndex(start) };
      start += size;
      return slice;
    },
    close: () => {
      s.closed += 1;
    },
    original: () => undefined,
  };
  return s;
}

/** Jobs the test finishes by hand; each uploads its body at once unless `holdBodies` (then `bodies` has them). */
function jobs(holdBodies = false): {
  run: (slice: SlicedJob, i: number) => Observable<string>;
  open: Map<number, Subject<string>>;
  torn: number[];
  bodies: Map<number, JobBody>;
} {
  const open = new Map<number, Subject<string>>();
  const torn: number[] = [];
  const bodies = new Map<number, JobBody>();
  return {
    open,
    torn,
    bodies,
    run: (slice, i) =>
      new Observable<string>((sub) => {
        const job = new Subject<string>();
        open.set(i, job);
        bodies.set(i, slice.body);
        const inner = job.subscribe(sub);
        sub.next(`start ${i}@${slice.start}`);
        if (!holdBodies) slice.body.settle();
        return () => {
          inner.unsubscribe();
          torn.push(i);
        };
      }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function watch<E>(o: Observable<E>) {
  const seen = { values: [] as E[], error: undefined as unknown, completed: false };
  const subscription = o.subscribe({
    next: (v) => seen.values.push(v),
    error: (e: unknown) => (seen.error = e),
    complete: () => (seen.completed = true),
  });
  return { seen, subscription };
}

describe('runSlicedJobs', () => {
  it("reads the next job's input only once the last job's body was uploaded (one body held at a time)", async () => {
    const input = slicer([2, 2, 2]);
    const j = jobs(true);
    const { seen, subscription } = watch(runSlicedJobs(input, 3, j.run));
    await settle();
    // three free slots, but the first body is still being uploaded
    expect(seen.values).toEqual(['start 0@0']);
    expect(input.reads).toBe(1);
    j.bodies.get(0)?.settle();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2']);
    expect(input.reads).toBe(2);
    // a job that ends before its upload does (its creation failed, say) lets the next one go too
    j.open.get(1)?.complete();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2', 'start 2@4']);
    await expect(j.bodies.get(1)?.settled()).resolves.toBeUndefined();
    // tearing down while a read waits on a body ends the wait: nothing more is read
    subscription.unsubscribe();
    j.bodies.get(2)?.settle();
    await settle();
    expect(input.reads).toBe(3);
    expect(j.torn.sort()).toEqual([0, 1, 2]);
  });

  it('runs at most `concurrency` jobs, reading the next slice only when a slot frees, then completes', async () => {
    const input = slicer([2, 3, 1]);
    const j = jobs();
    const ended: number[] = [];
    const { seen } = watch(runSlicedJobs(input, 2, j.run, { inputEnded: (rows) => ended.push(rows) }));
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2']);
    expect(input.reads).toBe(2);
    j.open.get(1)?.complete();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2', 'start 2@5']);
    expect(input.reads).toBe(3);
    j.open.get(2)?.next('x');
    j.open.get(2)?.complete();
    await settle();
    expect(ended).toEqual([6]);
    expect(seen.completed).toBe(false); // job 0 still runs
    j.open.get(0)?.complete();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2', 'start 2@5', 'x']);
    expect(seen.completed).toBe(true);
    expect(seen.error).toBeUndefined();
  });

  it('refuses an empty input', async () => {
    const { seen } = watch(runSlicedJobs(slicer([]), 2, jobs().run));
    await settle();
    expect(seen.error).toBeInstanceOf(ValidationError);
    expect(seen.error).toMatchObject({
      message: 'No records to load: the input is empty',
      issues: [{ message: 'empty input', field: 'records' }],
    });
  });

  it('an input error before any job is the stream error as it is', async () => {
    const input = slicer([2], 0);
    const { seen } = watch(runSlicedJobs(input, 2, jobs().run));
    await settle();
    expect(seen.error).toEqual(new Error('bad record in slice 0'));
    expect(seen.error).not.toBeInstanceOf(InputStopped);
    expect(input.closed).toBeGreaterThan(0);
  });

  it('an input error after jobs started lets them finish, then errors with InputStopped', async () => {
    const input = slicer([2, 3, 4], 2);
    const j = jobs();
    const { seen } = watch(runSlicedJobs(input, 2, j.run));
    await settle();
    j.open.get(0)?.complete();
    await settle();
    expect(input.reads).toBe(3);
    expect(input.closed).toBe(1);
    expect(seen.error).toBeUndefined(); // job 1 still runs
    j.open.get(1)?.next('last');
    j.open.get(1)?.complete();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@2', 'last']);
    expect(seen.error).toBeInstanceOf(InputStopped);
    expect(seen.error).toMatchObject({
      rowsRead: 5,
      reason: new Error('bad record in slice 2'),
      message: 'bad record in slice 2',
    });
    expect(new InputStopped('text', 0)).toMatchObject({ name: 'InputStopped', message: 'text' });
  });

  it('never reads two slices at once, even when two jobs end together', async () => {
    const input = slicer([1, 1, 1, 1]);
    let reading = 0;
    let mostAtOnce = 0;
    const next = input.next;
    input.next = async () => {
      mostAtOnce = Math.max(mostAtOnce, ++reading);
      try {
        return await next();
      } finally {
        reading--;
      }
    };
    const j = jobs();
    const { seen } = watch(runSlicedJobs(input, 2, j.run));
    await settle();
    j.open.get(0)?.complete();
    j.open.get(1)?.complete();
    await settle();
    expect(seen.values).toEqual(['start 0@0', 'start 1@1', 'start 2@2', 'start 3@3']);
    expect(mostAtOnce).toBe(1);
  });

  it('a job error ends the stream and tears the other jobs down', async () => {
    const input = slicer([1, 1, 1]);
    const j = jobs();
    const { seen } = watch(runSlicedJobs(input, 2, j.run));
    await settle();
    j.open.get(0)?.error(new Error('job failed'));
    await settle();
    expect(seen.error).toEqual(new Error('job failed'));
    expect(j.torn).toContain(1);
    expect(input.reads).toBe(2);
    expect(input.closed).toBe(1);
  });

  it('a job error that stops the input lets the others finish, then ends with InputStopped', async () => {
    const input = slicer([1, 2, 3]);
    const j = jobs();
    const stop = new Error('limit reached');
    const { seen } = watch(runSlicedJobs(input, 2, j.run, { stopsInput: (e) => e === stop }));
    await settle();
    j.open.get(0)?.error(stop);
    await settle();
    expect(seen.error).toBeUndefined();
    expect(input.closed).toBe(1);
    expect(input.reads).toBe(2); // no new job
    j.open.get(1)?.complete();
    await settle();
    expect(seen.error).toBeInstanceOf(InputStopped);
    expect(seen.error).toMatchObject({ reason: stop, rowsRead: 3 });
  });

  it('a stopping job error keeps the first reason', async () => {
    const input = slicer([1, 1]);
    const j = jobs();
    const first = new Error('first');
    const second = new Error('second');
    const { seen } = watch(runSlicedJobs(input, 2, j.run, { stopsInput: () => true }));
    await settle();
    j.open.get(0)?.error(first);
    j.open.get(1)?.error(second);
    await settle();
    expect(seen.error).toMatchObject({ reason: first });
  });

  it('unsubscribing stops reading and tears every running job down', async () => {
    const input = slicer([1, 1, 1]);
    const j = jobs();
    const { seen, subscription } = watch(runSlicedJobs(input, 2, j.run));
    await settle();
    subscription.unsubscribe();
    expect(j.torn.sort()).toEqual([0, 1]);
    expect(input.closed).toBe(1);
    j.open.get(0)?.complete();
    await settle();
    expect(input.reads).toBe(2);
    expect(seen.completed).toBe(false);
  });

  it('unsubscribing while a slice is being read starts no job with it', async () => {
    const input = slicer([1, 1]);
    const j = jobs();
    const { subscription } = watch(runSlicedJobs(input, 1, j.run));
    subscription.unsubscribe(); // the first read is in flight
    await settle();
    expect(j.open.size).toBe(0);
  });
});
