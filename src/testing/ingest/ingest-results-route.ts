import type { EmulatorState } from '../emulator-state.js';
import { csvReply, notFoundReply, type Reply } from '../http/reply.js';
import type { RequestContext } from '../http/request-context.js';
import { findJob, invalidJobState } from '../jobs/job-transitions.js';
import { isTerminal } from '../jobs/job-types.js';
import { ingestResultCsv } from './result-csv.js';

/**
 * `GET .../successfulResults | failedResults | unprocessedrecords`. Only for terminal jobs: the
 * docs say results exist after JobComplete or Failed; before that we answer 400 INVALIDJOBSTATE
 * (our choice, the real answer is not documented).
 */
export function getIngestResults(state: EmulatorState, ctx: RequestContext): Reply {
  const job = findJob(state, ctx, 'ingest');
  const kind = ctx.params.resultKind;
  if (!job || !kind) return notFoundReply();
  if (!isTerminal(job.state)) {
    return invalidJobState(`Results are available once the job is complete: current state ${job.state}`);
  }
  const object = state.schema.object(job.object);
  return csvReply(() => ingestResultCsv(job, kind, object));
}
