import type { Observable } from 'rxjs';
import { ValidationError } from '../errors/validation-error.js';
import type { BulkResult } from '../models/bulk-result.js';
import type { BulkEvent, BulkRecord } from '../operations/bulk-event.js';
import { ingest } from '../operations/ingest.js';
import type { IngestOptions } from '../operations/ingest-options.js';
import type { OperationContext } from '../operations/operation-context.js';

/** Ids to delete: plain id strings or records carrying `Id`. */
export type IdList = readonly (string | (BulkRecord & { readonly Id: string }))[];

/**
 * `client.bulk`: the Bulk API 2.0 operations. Each returns a cold Observable of
 * {@link BulkEvent}s: job snapshots while it runs, then one result, then complete.
 * Nothing is sent until you subscribe; unsubscribing aborts the job on the server.
 */
export class BulkV2Client {
  constructor(private readonly ctx: OperationContext) {}

  /** Inserts records. */
  insert(sobject: string, records: readonly BulkRecord[], options?: IngestOptions): Observable<BulkEvent<BulkResult>> {
    return ingest(this.ctx, { operation: 'insert', object: sobject, records, options });
  }

  /** Updates records; every record needs its `Id`. */
  update(sobject: string, records: readonly BulkRecord[], options?: IngestOptions): Observable<BulkEvent<BulkResult>> {
    return ingest(this.ctx, { operation: 'update', object: sobject, records, options });
  }

  /** Inserts or updates records matched on an external id field, which every record must carry. */
  upsert(sobject: string, records: readonly BulkRecord[], externalIdField: string, options?: IngestOptions): Observable<BulkEvent<BulkResult>> {
    return ingest(this.ctx, { operation: 'upsert', object: sobject, records, externalIdField, options });
  }

  /** Soft-deletes records (to the Recycle Bin). */
  delete(sobject: string, ids: IdList, options?: IngestOptions): Observable<BulkEvent<BulkResult>> {
    return ingest(this.ctx, { operation: 'delete', object: sobject, records: idRecords(ids), options });
  }

  /** Deletes records permanently; needs the "Bulk API Hard Delete" permission. */
  hardDelete(sobject: string, ids: IdList, options?: IngestOptions): Observable<BulkEvent<BulkResult>> {
    return ingest(this.ctx, { operation: 'hardDelete', object: sobject, records: idRecords(ids), options });
  }
}

function idRecords(ids: IdList): readonly BulkRecord[] {
  if (!Array.isArray(ids)) return ids as unknown as readonly BulkRecord[];
  return ids.map((id: unknown) => {
    if (typeof id === 'string') return { Id: id };
    if (id && typeof id === 'object') return id as BulkRecord;
    throw new ValidationError('ids must be strings or records with an Id', [{ message: 'not an id', field: 'Id' }]);
  });
}
