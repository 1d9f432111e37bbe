import type { RecordStore } from '../org/record-store.js';
import type { SchemaRegistry } from '../org/schema-registry.js';
import type { IngestJob } from '../jobs/job-types.js';
import { bindHeader } from './header-binding.js';
import type { RowContext, RowOutcome } from './row-context.js';
import { deleteRow, insertRow, updateRow, upsertRow } from './row-operations.js';
import { parseUpload } from './upload-parser.js';
import { RowFaults } from './row-faults.js';

function applyRow(ctx: RowContext, operation: IngestJob['operation'], row: readonly string[]): RowOutcome {
  switch (operation) {
    case 'insert':
      return insertRow(ctx, row);
    case 'update':
      return updateRow(ctx, row);
    case 'upsert':
      return upsertRow(ctx, row);
    case 'delete':
      return deleteRow(ctx, row, false);
    case 'hardDelete':
      return deleteRow(ctx, row, true);
  }
}

/** Parses, binds and applies the rows of ingest jobs against the org. */
export class IngestRunner {
  private readonly contexts = new Map<string, RowContext>();
  /** Scripted transient row failures (`emulator.jobs.failRows`). */
  readonly rowFaults = new RowFaults();

  constructor(
    private readonly schema: SchemaRegistry,
    private readonly store: RecordStore,
  ) {}

  /**
   * Prepares a job for processing; returns the job-level failure message, if any. A job closed
   * without any upload fails (our choice; the real behaviour is undocumented).
   */
  begin(job: IngestJob): string | undefined {
    const object = this.schema.object(job.object);
    if (!object) return `InvalidJob : Unable to find object: ${job.object}`;
    if (!job.upload || job.upload.length === 0) {
      job.parsed = { rawHeader: [], header: [], rows: [] };
      return 'InvalidBatch : No data was uploaded for the job';
    }
    const parsed = parseUpload(job.upload.toString('utf8'), job.columnDelimiter, job.lineEnding);
    job.parsed = parsed.upload;
    if (!parsed.ok) return parsed.message;
    const bound = bindHeader(parsed.upload.header, object, this.schema);
    if (!bound.ok) return bound.message;
    const columnOf = (name: string): number =>
      bound.columns.findIndex((c) => c.kind === 'field' && c.field.name === name);
    let externalId: RowContext['externalId'];
    if (job.operation === 'upsert') {
      const field = object.field(job.externalIdFieldName ?? '');
      const column = field ? columnOf(field.name) : -1;
      if (!field || column < 0) {
        // Our wording: the real message for a missing external id column is undocumented.
        return `InvalidBatch : The external ID field ${job.externalIdFieldName ?? ''} was not found in the header row`;
      }
      externalId = { field, column };
    }
    const ctx: RowContext = {
      schema: this.schema,
      store: this.store,
      object,
      columns: bound.columns,
      idColumn: columnOf('Id'),
    };
    this.contexts.set(job.id, externalId ? { ...ctx, externalId } : ctx);
    return undefined;
  }

  /** Processes up to `max` rows; true when every row has been processed. */
  step(job: IngestJob, max: number): boolean {
    const ctx = this.contexts.get(job.id);
    const rows = job.parsed?.rows ?? [];
    if (!ctx) return true;
    const end = Math.min(rows.length, job.nextRow + Math.max(0, max));
    for (; job.nextRow < end; job.nextRow++) {
      const injected = this.rowFaults.take();
      const outcome: RowOutcome = injected
        ? { ok: false, id: '', error: injected }
        : applyRow(ctx, job.operation, rows[job.nextRow] ?? []);
      if (outcome.ok) job.successes.push({ row: job.nextRow, id: outcome.id, created: outcome.created });
      else {
        job.failures.push({ row: job.nextRow, id: outcome.id, error: outcome.error });
        job.numberRecordsFailed++;
      }
      job.numberRecordsProcessed++;
    }
    const done = job.nextRow >= rows.length;
    if (done) this.contexts.delete(job.id);
    return done;
  }

  /** Drops a job's state (aborted, failed or deleted). */
  forget(jobId: string): void {
    this.contexts.delete(jobId);
  }
}
