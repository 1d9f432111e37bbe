// @ts-check
// Mutation testing of the modules whose mistakes lose or misattribute data, or hang (issue 20).
// Run it with `npm run test:mutation` (every group, each must score >= 85%) or
// `npm run test:mutation -- poller correlation` (some groups); see docs/testing.md.
//
// One Stryker run per module group (MUTATION_GROUP picks it): each group mutates its modules and runs
// only the unit tests that state their behaviour, so a run stays short and its score is the module's.
//
// Equivalent mutants: survivors no test can tell from the original. None is disabled in the source
// (where an equivalent branch could be written away, the code was simplified instead: the adaptive
// schedule's deadline cap, ProgressEstimate's state, fixedPolling/backoffPolling), so they still
// count against the score; the ones judged equivalent, and why:
//   poller  poll-job.ts `deadlineAt = timeoutMs === undefined ? undefined : ...` forced to the sum:
//           NaN instead of undefined, and `NaN - now - min >= min` is false, so the adaptive
//           schedule caps nothing either way.
//           poll-job.ts `if (changed) emitted = job` forced true: an unchanged snapshot has the same
//           id, state and counts as the one it replaces, so later comparisons are the same.
//   results result-collector.ts `segmentFor` (`last &&` forced false), `layout` (`if (!layout)`
//           forced true) and `sameColumns` answering "not the same" (its fast path, its element
//           loop forced to false) or reading one index past the end (`i <= a.length`: undefined on
//           both sides): each only decides whether rows share a cached segment or layout object; a
//           new one holding the same header gives the same rows.
//           result-collector.ts `flatten` (`kind === 'success'` / `kind === 'failed'` forced true, `&&`
//           made `||`): a made row's kind and shape go together (ResultBatch), so the `in` test decides
//           alone; `'false'` made '' for a made row's sf__Created, and the `?? ''` of a missing
//           sf__Created column made another text: a created flag is read back as `=== 'true'`.
//           raw-result-rows.ts: the body always comes through the client's limitedTransport, whose
//           guarded body yields bytes only (`typeof chunk === 'string'` forced false, or compared with
//           ''), always has `cancel()` and an iterator whose `return()` gives a promise (the three
//           optional calls made plain); once unsubscribed it answers every read with done, and RxJS
//           drops what a closed subscriber is sent, so `if (stopped)` forced false (both) and
//           `stopped = true` forced false end the pump the same way. `parser.columns ?? []` made
//           another array: rows come only after the header, so columns is set whenever a batch is.
//           row-store.ts `chunks` or `segments` starting with a stray entry (the first row pushes a
//           chunk after it; the segment search never returns index 0, the first real segment also
//           starting at row 0), `segments[middle]?.` made `.` (middle is always in range), a segment
//           entry per row instead of per stretch (`length + 1`, the identity check forced true: the
//           same segment is found), a new chunk for a row that would fill the chunk exactly (`>=`),
//           and growing the index arrays one row early (`<=`): where rows are kept, not what is read.
//           run-sliced-jobs.ts `stopped = true` in `fail` forced false: `subscriber.error` runs the
//           teardown, which sets it. finishIfDone's `stopped || !exhausted` forced false or made `&&`:
//           once stopped, the subscriber is closed and RxJS drops the complete or error; not stopped
//           and not exhausted, it is only called while a job runs or a slice is read (concurrency >= 1,
//           checked by the options).
//   correlation row-key.ts ColumnNameStates (`lastLength`, `lastStates`, `ofList`'s cache check
//           forced true, `of`'s cache check and its 10,000-name bound): a cache of name states; a
//           miss recomputes the same state.
//           row-key.ts, value-hash.ts hash arithmetic (`sum - avalanche` for `+`, `j <= n` loop bounds reading one
//           NaN code unit, `hi * 2^32 - lo` in `split`): another hash, applied the same way to input
//           and result rows, ties the same rows; its spread is checked (50,000 keys, no collision).
//           rowHash's `by.kind !== 'fields'` forced true: columnsHash handles 'fields' the same way.
//           tie-rows.ts `new Array(count)` made `new Array()`: the loop fills every index anyway.
//           value-hash.ts, utf8-value-hash.ts fast paths (`printedAsNumber` and `printedNumberBytes`
//           forced false or made stricter, `digitLike` or the 4/5-length checks forced true, the
//           date check's length and dash pre-tests, `Date.parse`'s T00:00:00Z suffix): each only
//           skips `canonicalValue` for a value it leaves as it is; taking the long way gives the
//           same hash. The decoder's `low < 0` / `held < 0` as `<= 0` (a unit is never 0: NUL is
//           dropped before hashing).
//           utf8-row-key.ts the missing-column checks (`column < 0`): an empty name list keys the
//           row as columnsHash does, to no key.
//   timeouts limited-transport.ts readText's `settled` (`= true` forced false, twice, and `!settled`
//           forced true): the teardown then cancels a body that was read to its end, failed or was
//           cut, which the guarded body has already released, so `cancel()` does nothing.
//           readAll's `{ stream: true }` on the chunk it cuts (made `{}` or false): the loop ends
//           there, and the closing `decode()` flushes the same bytes the same way.
//           long-timer.ts `ms < 0` forced false or made `ms <= 0`: RxJS `timer` fires a negative delay
//           at once, as a zero one.
//           read-watchdog.ts `ms === Infinity` / `deadlineAt === Infinity` forced false in armIdle /
//           armDeadline: longTimer(Infinity) is NEVER, so the timer "armed" never fires.
//           `if (this.reject)` forced true before failing at the deadline: `fail` with no read waiting
//           does nothing (`reject?.(...)` evaluates nothing), and `reject?.()` made `reject()`: `fail`
//           runs only while a read waits (the deadline checks `reject`, the idle timer `waitingSince`,
//           both set by `watch` before any timer can fire).

/**
 * Per group: the files Stryker mutates, and the unit tests (paths under test/unit/) that state their
 * behaviour. Only those tests run against the group's mutants: a test that loads the whole SDK
 * (test/unit/operations/ingest/ingest.test.ts) costs seconds per mutant, so each module's own tests
 * must be the ones that catch a changed behaviour.
 * `breakAt` (default 85, the target) is the score under which the group fails; a group not yet at the
 * target breaks at its current score instead, so it cannot get worse (see docs/testing.md).
 * @type {Record<string, { mutate: string[]; tests: string[]; breakAt?: number }>}
 */
export const GROUPS = {
  poller: {
    mutate: [
      'src/poller/poll-job.ts',
      'src/poller/poll-policy.ts',
      'src/poller/poll-schedule.ts',
      'src/poller/adaptive-polling.ts',
      'src/poller/adaptive-schedule.ts',
      'src/poller/progress-estimate.ts',
    ],
    tests: ['poller/'],
  },
  operators: {
    mutate: ['operators/*.ts', '!operators/index.ts'],
    tests: ['operators/'],
  },
  retry: {
    mutate: ['src/http/retry-policy.ts', 'src/http/retry-transient.ts'],
    tests: ['http/'],
  },
  timeouts: {
    mutate: ['src/http/limited-transport.ts', 'src/http/read-watchdog.ts', 'src/http/long-timer.ts'],
    tests: ['http/'],
  },
  correlation: {
    mutate: ['src/operations/ingest/correlation/*.ts'],
    tests: ['operations/ingest/correlation/', 'operations/ingest/correlation.test.ts'],
  },
  results: {
    mutate: [
      'src/operations/ingest/results/*.ts',
      'src/operations/ingest/run-sliced-jobs.ts',
      // the reader of result files: a parse mistake would misattribute or lose rows
      'src/csv/utf8-csv-scanner.ts',
      'src/csv/byte-arrays.ts',
      'src/csv/utf8-csv-rows.ts',
    ],
    tests: ['operations/ingest/results/', 'operations/ingest/run-sliced-jobs.test.ts', 'csv/utf8-csv-scanner.test.ts'],
  },
  slicing: {
    mutate: ['src/operations/ingest/slicing/*.ts'],
    tests: [
      'operations/ingest/slicers.test.ts',
      'operations/ingest/csv-slicer.test.ts',
      'operations/ingest/record-slicer.test.ts',
    ],
  },
  journal: {
    mutate: ['src/operations/ingest/journal/*.ts', 'src/node/file-journal.ts'],
    tests: ['operations/ingest/journal/'],
  },
};

/** The score every group must reach (issue 20). */
export const TARGET = 85;

const name = process.env.MUTATION_GROUP ?? 'poller';
const group = GROUPS[name];
if (!group) throw new Error(`unknown MUTATION_GROUP "${name}": one of ${Object.keys(GROUPS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.cjs',
    // only the group's unit tests: the integration tests (an emulator over HTTP) are far too slow per mutant
    config: {
      roots: ['<rootDir>/test/unit'],
      testMatch: group.tests.map((t) =>
        t.endsWith('/') ? `<rootDir>/test/unit/${t}**/*.test.ts` : `<rootDir>/test/unit/${t}`,
      ),
    },
    // not --findRelatedTests: the sources are outside jest's roots (test/unit), so jest cannot relate them
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: group.mutate,
  // the machine CI runs on has 2 cores
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 5000,
  thresholds: { high: 90, low: TARGET, break: group.breakAt ?? TARGET },
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Results of the last run, committed: a run re-tests only the mutants whose code or covering tests
  // changed (CI does this; `npm run test:mutation -- --force` re-tests everything).
  incremental: true,
  incrementalFile: `stryker-incremental/${name}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/out', 'test-artifacts', '.tmp', 'api-docs'],
};
