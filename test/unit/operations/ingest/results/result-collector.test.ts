import { ResultMismatchError } from '../../../../../src/errors/result-mismatch-error.js';
import { jobOutcome } from '../../../../../src/operations/ingest/results/job-outcome.js';
import { ResultCollector, type RawRows } from '../../../../../src/operations/ingest/results/result-collector.js';
import { jobSnapshot } from '../../../../support/jobs.js';
import { utf8Rows } from '../../../../support/utf8-rows.js';

const JOB_A = '750000000000001AAA';
const JOB_B = '750000000000002AAA';

const success = (rows: string[][], inputIndexes?: (number | undefined)[], jobId = JOB_A): RawRows => ({
  kind: 'success',
  jobId,
  header: ['sf__Id', 'sf__Created', 'Name', 'Phone'],
  rows: utf8Rows(rows),
  ...(inputIndexes ? { inputIndexes } : {}),
});

const failed = (rows: string[][], inputIndexes?: (number | undefined)[], jobId = JOB_A): RawRows => ({
  kind: 'failed',
  jobId,
  header: ['sf__Id', 'sf__Error', 'Name'],
  rows: utf8Rows(rows),
  ...(inputIndexes ? { inputIndexes } : {}),
});

const unprocessed = (rows: string[][], inputIndexes?: (number | undefined)[], jobId = JOB_A): RawRows => ({
  kind: 'unprocessed',
  jobId,
  header: ['Name'],
  rows: utf8Rows(rows),
  ...(inputIndexes ? { inputIndexes } : {}),
});

const done = (id = JOB_A) => jobSnapshot({ id, state: 'JobComplete' });

describe('ResultCollector', () => {
  it('turns raw rows into records: id, created, error, own fields, input index', () => {
    const input = [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }, { Name: 'd' }];
    const c = new ResultCollector('all', (i) => input[i]);
    c.track(done());
    c.addRaw(
      success(
        [
          ['001A', 'true', 'a', '555'],
          ['001B', 'FALSE', 'b', ''],
        ],
        [2, 0],
      ),
    );
    c.addRaw(failed([['', 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --', '']], [1]));
    c.addRaw(failed([['001X', 'DUPLICATE_VALUE:duplicate:Name --', 'x']], [3], JOB_A));
    c.addRaw(
      unprocessed(
        [['u']],
        [undefined].map(() => 3),
      ),
    );
    const r = c.result();
    expect(r.successRecords).toEqual([
      { jobId: JOB_A, id: '001A', created: true, fields: { Name: 'a', Phone: '555' }, inputIndex: 2, matched: true },
      { jobId: JOB_A, id: '001B', created: false, fields: { Name: 'b', Phone: '' }, inputIndex: 0, matched: true },
    ]);
    expect(r.failedRecords).toEqual([
      {
        jobId: JOB_A,
        id: null,
        error: {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [Name]',
          fields: ['Name'],
        },
        rawError: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
        fields: { Name: '' },
        inputIndex: 1,
        matched: true,
      },
      {
        jobId: JOB_A,
        id: '001X',
        error: { statusCode: 'DUPLICATE_VALUE', message: 'duplicate', fields: ['Name'] },
        rawError: 'DUPLICATE_VALUE:duplicate:Name --',
        fields: { Name: 'x' },
        inputIndex: 3,
        matched: true,
      },
    ]);
    expect(r.unprocessedRecords).toEqual([{ jobId: JOB_A, fields: { Name: 'u' }, inputIndex: 3, matched: true }]);
    expect([r.successCount, r.failedCount, r.unprocessedCount]).toEqual([2, 2, 1]);
    expect(r.inputOf(r.successRecords[0] ?? { jobId: JOB_A })).toEqual({ Name: 'c' });
    expect(c.mismatchError()).toBeUndefined();
  });

  it('rows of a job read by id (not tied) carry no input index nor matched flag', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRaw(success([['001A', 'true', 'a', '']]));
    const [row] = c.result().successRecords;
    expect(row).toEqual({ jobId: JOB_A, id: '001A', created: true, fields: { Name: 'a', Phone: '' } });
    expect(row && 'matched' in row).toBe(false);
  });

  it.each([
    ['all', [1, 1, 1]],
    ['failed', [0, 1, 1]],
    ['none', [0, 0, 0]],
  ] as const)('keeps the rows asked for (%s) and counts every row', (keep, kept) => {
    const c = new ResultCollector(keep);
    c.track(done());
    c.addRaw(success([['001A', 'true', 'a', '']], [0]));
    c.addRaw(failed([['', 'INVALID_FIELD:bad value:Name --', 'b']], [1]));
    c.addRaw(unprocessed([['c']], [2]));
    const r = c.result();
    expect([r.successRecords.length, r.failedRecords.length, r.unprocessedRecords.length]).toEqual(kept);
    expect([r.successCount, r.failedCount, r.unprocessedCount]).toEqual([1, 1, 1]);
  });

  it('sets apart a row tied to no input row: not counted, kept for the mismatch error', () => {
    const c = new ResultCollector('all');
    c.addOutcome(jobOutcome(done(), 2, 2));
    c.addRaw(
      success(
        [
          ['001A', 'true', 'a', ''],
          ['001Z', 'true', 'z', ''],
        ],
        [0, undefined],
      ),
    );
    c.addRaw(failed([['', 'INVALID_FIELD:bad value:Name --', 'q']], [undefined]));
    c.addRaw(unprocessed([['u']], [undefined]));
    const r = c.result();
    expect(r.successCount).toBe(1);
    expect(r.failedCount).toBe(0);
    expect(r.unprocessedCount).toBe(0);
    expect(r.successRecords.map((s) => s.id)).toEqual(['001A']);
    const error = c.mismatchError();
    expect(error).toBeInstanceOf(ResultMismatchError);
    expect(error?.jobs).toEqual([{ jobId: JOB_A, sent: 0, extraRows: false, unmatchedRows: 3 }]);
    expect(error?.unmatchedRows).toEqual([
      { jobId: JOB_A, id: '001Z', created: true, fields: { Name: 'z', Phone: '' }, matched: false },
      {
        jobId: JOB_A,
        id: null,
        error: { statusCode: 'INVALID_FIELD', message: 'bad value', fields: ['Name'] },
        rawError: 'INVALID_FIELD:bad value:Name --',
        fields: { Name: 'q' },
        matched: false,
      },
      { jobId: JOB_A, fields: { Name: 'u' }, matched: false },
    ]);
  });

  it('a job outcome after its mismatch records how many rows were sent', () => {
    const c = new ResultCollector('none');
    c.addRaw(success([['001Z', 'true', 'z', '']], [undefined]));
    c.addOutcome(jobOutcome(done(), 7, 6));
    c.addOutcome(jobOutcome(done(JOB_B), 3, 3));
    expect(c.mismatchError()?.jobs).toEqual([{ jobId: JOB_A, sent: 7, extraRows: false, unmatchedRows: 1 }]);
  });

  it('keeps the first 1,000 unmatched rows and counts the rest', () => {
    const c = new ResultCollector('none');
    c.track(done());
    const rows = Array.from({ length: 1005 }, (_, i) => [`001${i}`, 'true', `n${i}`, '']);
    c.addRaw(
      success(
        rows,
        rows.map(() => undefined),
      ),
    );
    const error = c.mismatchError();
    expect(error?.unmatchedRows).toHaveLength(1000);
    expect(error?.unmatchedRows[999]).toMatchObject({ id: '001999' });
    expect(error?.jobs[0]?.unmatchedRows).toBe(1005);
  });

  it('reports a job whose result files held more rows than were sent', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addExtraRows(JOB_B, 10);
    expect(c.mismatchError()?.jobs).toEqual([{ jobId: JOB_B, sent: 10, extraRows: true, unmatchedRows: 0 }]);
  });

  it('adds made rows: input rows no result file mentioned, and rows set apart', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRows({
      kind: 'unprocessed',
      rows: [
        { jobId: JOB_A, fields: { Name: 'm' }, inputIndex: 4, matched: true, missingFromResults: true },
        { jobId: JOB_A, fields: { Name: 'w' }, matched: false },
      ],
    });
    c.addRows({
      kind: 'success',
      rows: [{ jobId: JOB_A, id: '001S', created: false, fields: { Name: 's' }, inputIndex: 1, matched: true }],
    });
    c.addRows({
      kind: 'failed',
      rows: [
        {
          jobId: JOB_A,
          id: null,
          error: { statusCode: 'INVALID_FIELD', message: 'bad value', fields: ['Name'] },
          rawError: 'INVALID_FIELD:bad value:Name --',
          fields: { Name: 'f' },
          inputIndex: 2,
          matched: true,
        },
      ],
    });
    const r = c.result();
    expect(r.unprocessedRecords).toEqual([
      { jobId: JOB_A, fields: { Name: 'm' }, inputIndex: 4, matched: true, missingFromResults: true },
    ]);
    expect(r.successRecords).toEqual([
      { jobId: JOB_A, id: '001S', created: false, fields: { Name: 's' }, inputIndex: 1, matched: true },
    ]);
    expect(r.failedRecords).toEqual([
      {
        jobId: JOB_A,
        id: null,
        error: { statusCode: 'INVALID_FIELD', message: 'bad value', fields: ['Name'] },
        rawError: 'INVALID_FIELD:bad value:Name --',
        fields: { Name: 'f' },
        inputIndex: 2,
        matched: true,
      },
    ]);
    expect([r.successCount, r.failedCount, r.unprocessedCount]).toEqual([1, 1, 1]);
    expect(c.mismatchError()?.jobs).toEqual([{ jobId: JOB_A, sent: 0, extraRows: false, unmatchedRows: 1 }]);
  });

  it('made rows not kept are still counted', () => {
    const c = new ResultCollector('failed');
    c.track(done());
    c.addRows({
      kind: 'success',
      rows: [{ jobId: JOB_A, id: '001S', created: true, fields: {}, inputIndex: 0, matched: true }],
    });
    expect(c.result().successCount).toBe(1);
    expect(c.result().successRecords).toEqual([]);
  });

  it('rows of different jobs and columns keep their own job and columns', () => {
    const c = new ResultCollector('all');
    c.track(done(JOB_A));
    c.track(done(JOB_B));
    c.addRaw(success([['001A', 'true', 'a', '1']], [0], JOB_A));
    c.addRaw(success([['001B', 'true', 'b', '2']], [0], JOB_B));
    c.addRaw({
      kind: 'success',
      jobId: JOB_B,
      header: ['sf__Id', 'sf__Created', 'Other'],
      rows: utf8Rows([['001C', 'true', 'o']]),
      inputIndexes: [1],
    });
    c.addRaw({
      kind: 'success',
      jobId: JOB_B,
      header: ['sf__Id', 'sf__Created', 'Name', 'Fax'],
      rows: utf8Rows([['001D', 'true', 'd', 'f']]),
      inputIndexes: [2],
    });
    c.addRaw({
      kind: 'success',
      jobId: JOB_B,
      header: ['sf__Id', 'sf__Created', 'Name', 'Fax'],
      rows: utf8Rows([['001E', 'true', 'e', 'g']]),
    });
    c.addRows({
      kind: 'unprocessed',
      rows: [{ jobId: JOB_B, fields: { Name: 'n' }, inputIndex: 3, matched: true }],
    });
    c.addRows({
      kind: 'unprocessed',
      rows: [{ jobId: JOB_B, fields: { Name: 'o' }, inputIndex: 4, matched: true, missingFromResults: true }],
    });
    const r = c.result();
    expect(r.successRecords.map((s) => [s.jobId, s.id, s.fields, s.inputIndex])).toEqual([
      [JOB_A, '001A', { Name: 'a', Phone: '1' }, 0],
      [JOB_B, '001B', { Name: 'b', Phone: '2' }, 0],
      [JOB_B, '001C', { Other: 'o' }, 1],
      [JOB_B, '001D', { Name: 'd', Fax: 'f' }, 2],
      [JOB_B, '001E', { Name: 'e', Fax: 'g' }, undefined],
    ]);
    expect(r.successRecords[4] && 'matched' in r.successRecords[4]).toBe(false);
    expect(r.unprocessedRecords).toEqual([
      { jobId: JOB_B, fields: { Name: 'n' }, inputIndex: 3, matched: true },
      { jobId: JOB_B, fields: { Name: 'o' }, inputIndex: 4, matched: true, missingFromResults: true },
    ]);
    expect(r.jobs.map((j) => j.id)).toEqual([JOB_A, JOB_B]);
    expect(r.job.id).toBe(JOB_B);
  });

  it('collects the job errors of the outcomes, and the last snapshot of each job', () => {
    const c = new ResultCollector('all');
    c.track(jobSnapshot({ id: JOB_A, state: 'InProgress' }));
    c.addOutcome(jobOutcome(jobSnapshot({ id: JOB_A, state: 'Failed', errorMessage: 'InvalidBatch : bad' }), 2, 0));
    const r = c.result();
    expect(r.jobs.map((j) => j.state)).toEqual(['Failed']);
    expect(r.jobErrors.map((e) => e.statusCode)).toEqual(['InvalidBatch', 'RESULTS_INCOMPLETE']);
  });

  it('has no result before a job was tracked', () => {
    expect(() => new ResultCollector('all').result()).toThrow('no job was run');
  });

  it('made rows keep their own flags: missingFromResults only when true, matched only when tied', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRows({
      kind: 'unprocessed',
      rows: [
        { jobId: JOB_A, fields: { Name: 'f' }, inputIndex: 0, matched: true, missingFromResults: false },
        { jobId: JOB_A, fields: { Name: 'r' } },
      ],
    });
    expect(c.result().unprocessedRecords).toEqual([
      { jobId: JOB_A, fields: { Name: 'f' }, inputIndex: 0, matched: true },
      { jobId: JOB_A, fields: { Name: 'r' } },
    ]);
  });

  it('a stretch of rows whose columns extend the previous ones keeps every column', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRaw({ kind: 'unprocessed', jobId: JOB_A, header: ['Name'], rows: utf8Rows([['a']]), inputIndexes: [0] });
    c.addRaw({
      kind: 'unprocessed',
      jobId: JOB_A,
      header: ['Name', 'Phone'],
      rows: utf8Rows([['b', '1']]),
      inputIndexes: [1],
    });
    c.addRaw({ kind: 'unprocessed', jobId: JOB_A, header: ['Name'], rows: utf8Rows([['c']]), inputIndexes: [2] });
    c.addRaw({ kind: 'unprocessed', jobId: JOB_A, header: ['Fax'], rows: utf8Rows([['d']]), inputIndexes: [3] });
    expect(c.result().unprocessedRecords.map((r) => r.fields)).toEqual([
      { Name: 'a' },
      { Name: 'b', Phone: '1' },
      { Name: 'c' },
      { Fax: 'd' },
    ]);
  });

  it('a file without the sf__ columns, or a row shorter than its header, reads as empty values', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRaw({ kind: 'success', jobId: JOB_A, header: ['Name'], rows: utf8Rows([['a']]) });
    c.addRaw({ kind: 'failed', jobId: JOB_A, header: ['sf__Id', 'Name'], rows: utf8Rows([['001F', 'f']]) });
    c.addRaw({ kind: 'unprocessed', jobId: JOB_A, header: ['Name', 'Phone'], rows: utf8Rows([['u']]) });
    const r = c.result();
    expect(r.successRecords).toEqual([{ jobId: JOB_A, id: '', created: false, fields: { Name: 'a' } }]);
    expect(r.failedRecords).toEqual([
      {
        jobId: JOB_A,
        id: '001F',
        error: { statusCode: 'UNKNOWN', message: '', fields: [] },
        rawError: '',
        fields: { Name: 'f' },
      },
    ]);
    expect(r.unprocessedRecords).toEqual([{ jobId: JOB_A, fields: { Name: 'u', Phone: '' } }]);
  });

  it('a made success row kept says whether it created its record', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRows({
      kind: 'success',
      rows: [
        { jobId: JOB_A, id: '001N', created: true, fields: {}, inputIndex: 0, matched: true },
        { jobId: JOB_A, id: '001U', created: false, fields: {}, inputIndex: 1, matched: true },
      ],
    });
    expect(c.result().successRecords.map((s) => s.created)).toEqual([true, false]);
  });

  it('a failed row without an id column has a null id', () => {
    const c = new ResultCollector('all');
    c.track(done());
    c.addRaw({ kind: 'failed', jobId: JOB_A, header: ['sf__Error', 'Name'], rows: utf8Rows([['X_Y:bad:', 'n']]) });
    expect(c.result().failedRecords[0]).toMatchObject({ id: null, rawError: 'X_Y:bad:' });
  });
});
