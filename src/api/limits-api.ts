import { defer, type Observable } from 'rxjs';
import type { ApiClient } from '../http/api-client.js';
import { bulkLimitsSchema, type BulkLimits } from '../schemas/limits.js';

/**
 * `GET /services/data/vXX.X/limits`: the org's Bulk-related daily allocations. Like every
 * call, its `Sforce-Limit-Info` header also refreshes the client's `limitInfo$`.
 */
export function getLimits(api: ApiClient): Observable<BulkLimits> {
  return defer(() =>
    api.json({ method: 'GET', path: api.dataPath('/limits'), route: 'limits.get' }, bulkLimitsSchema, 'limits'),
  );
}
