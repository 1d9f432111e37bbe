import { jobOutcome } from '../../../../../src/operations/ingest/results/job-outcome.js';
import { jobSnapshot } from '../../../../support/jobs.js';

describe('jobOutcome', () => {
  it('a completed job whose result files hold every uploaded row has no job error', () => {
    const job = jobSnapshot({ state: 'JobComplete' });
    expect(jobOutcome(job, 10, 10)).toEqual({ job, jobErrors: [], uploaded: 10, accounted: 10 });
    expect(jobOutcome(job, 10, 12).jobErrors).toEqual([]);
  });

  it('a failed job gives its error message as a job error', () => {
    const job = jobSnapshot({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Foo__c' });
    expect(jobOutcome(job, 0, 0).jobErrors).toEqual([
      { statusCode: 'InvalidBatch', message: 'Field name not found : Foo__c', fields: [] },
    ]);
  });

  it('a failed job without a message still gives a job error', () => {
    const [error] = jobOutcome(jobSnapshot({ state: 'Failed' }), 0, 0).jobErrors;
    expect(error).toEqual({ statusCode: 'Unknown', message: 'job failed without an error message', fields: [] });
  });

  it('rows the result files left out are a RESULTS_INCOMPLETE job error', () => {
    const job = jobSnapshot({ state: 'Aborted' });
    expect(jobOutcome(job, 10, 7).jobErrors).toEqual([
      {
        statusCode: 'RESULTS_INCOMPLETE',
        message: "3 of 10 uploaded rows are missing from the job's result files",
        fields: [],
      },
    ]);
  });
});
