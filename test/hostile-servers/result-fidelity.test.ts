import { lastValueFrom } from 'rxjs';
import { retryFailedRecords } from '../../operators/index.js';
import type { BulkEvent } from '../../src/operations/shared/bulk-event.js';
import type { BulkResult } from '../../src/models/bulk-result.js';
import { clientFor, DATA, jobInfo, stepOf } from './fake-org.js';
import { csv, json, startHostileServer, type HostileServer } from './hostile-server.js';

// A failed-results row whose sf__Error is a bare code (`UNABLE_TO_LOCK_ROW`, no colon, no
// message) was parsed as UNKNOWN, so retryFailedRecords did not retry lock errors reported
// that way. The code is now read as the code.

const IDS = ['750xx0000000011AAA', '750xx0000000022AAA'];

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Job 1 fails its one row with a bare lock error; job 2 (the retry) succeeds. */
async function lockingOrg(): Promise<HostileServer> {
  let created = 0;
  return startHostileServer((request, res) => {
    const id = IDS.find((candidate) => request.path.includes(candidate)) ?? IDS[0]!;
    const first = id === IDS[0];
    switch (stepOf(request)) {
      case 'ingest.create':
        created += 1;
        return json(res, 200, jobInfo('ingest', 'Open', { id: IDS[created - 1] }));
      case 'ingest.upload':
        res.writeHead(201).end();
        return;
      case 'ingest.close':
        return json(res, 200, jobInfo('ingest', 'UploadComplete', { id }));
      case 'ingest.get':
        return json(res, 200, jobInfo('ingest', 'JobComplete', { id, numberRecordsFailed: first ? 1 : 0 }));
      case 'ingest.successfulResults':
        return csv(res, 200, `"sf__Id","sf__Created","Name"\n${first ? '' : '"001xx0000000001AAA","true","Acme"\n'}`);
      case 'ingest.failedResults':
        return csv(res, 200, `"sf__Id","sf__Error","Name"\n${first ? '"","UNABLE_TO_LOCK_ROW","Acme"\n' : ''}`);
      case 'ingest.unprocessedrecords':
        return csv(res, 200, '"Name"\n');
      default:
        return json(res, 404, [{ errorCode: 'NOT_FOUND', message: `${DATA} only` }]);
    }
  });
}

function resultOf(event: BulkEvent<BulkResult>): BulkResult {
  if (event.type !== 'result') throw new Error(`expected a result event, got ${event.type}`);
  return event.result;
}

describe('a failed row whose sf__Error is a bare status code', () => {
  it('is reported with that code, not UNKNOWN', async () => {
    server = await lockingOrg();
    const result = resultOf(await lastValueFrom(clientFor(server).bulk.insert('Account', [{ Name: 'Acme' }])));
    expect(result.failedRecords).toHaveLength(1);
    expect(result.failedRecords[0]?.error).toEqual({ statusCode: 'UNABLE_TO_LOCK_ROW', message: '', fields: [] });
  });

  it('is retried by retryFailedRecords, and succeeds on the second job', async () => {
    server = await lockingOrg();
    const final = await lastValueFrom(
      clientFor(server)
        .bulk.insert('Account', [{ Name: 'Acme' }])
        .pipe(retryFailedRecords({ delay: 0 })),
    );
    const result = resultOf(final);
    expect(result.failedRecords).toHaveLength(0);
    expect(result.successRecords).toHaveLength(1);
    expect(server.requests.filter((r) => stepOf(r) === 'ingest.create')).toHaveLength(2);
  });
});
