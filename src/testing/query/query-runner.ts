import type { QueryJob } from '../jobs/job-types.js';
import type { RecordStore } from '../org/record-store.js';
import type { SchemaRegistry } from '../org/schema-registry.js';
import { soqlResolver } from '../org/soql-adapter.js';
import { runSoql, type SoqlRow } from '../soql/index.js';

/** Runs query jobs: snapshots the matching rows when processing starts, then reports progress. */
export class QueryRunner {
  private readonly resolve: (row: SoqlRow, path: string) => unknown;

  constructor(
    private readonly schema: SchemaRegistry,
    private readonly store: RecordStore,
  ) {
    this.resolve = soqlResolver(schema, store);
  }

  /** Executes the query (queryAll includes deleted rows); returns a failure message, if any. */
  begin(job: QueryJob): string | undefined {
    const object = this.schema.object(job.parsed.object);
    if (!object) return `InvalidJob : Unable to find object: ${job.parsed.object}`;
    try {
      const matched = runSoql(job.parsed, this.store.rows(object, job.operation === 'queryAll'), this.resolve);
      // runSoql may hand back projected rows (keyed by the select list) or the stored rows: read both.
      job.results = matched.map((row) =>
        job.parsed.fields.map((path) =>
          Object.prototype.hasOwnProperty.call(row, path) ? row[path] : this.resolve(row, path),
        ),
      );
      return undefined;
    } catch (error) {
      return `InvalidBatch : ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Advances `numberRecordsProcessed` by up to `max`; true when every row is counted. */
  step(job: QueryJob, max: number): boolean {
    const total = job.results?.length ?? 0;
    job.numberRecordsProcessed = Math.min(total, job.numberRecordsProcessed + Math.max(0, max));
    return job.numberRecordsProcessed >= total;
  }
}
