import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in answers to one request. */
export interface Answer {
  readonly status?: number;
  readonly type?: string;
  readonly body: string;
}

/**
 * A stand-in Salesforce that says whatever a test scripts: `answer(method, path)` gives the reply
 * (404 when it gives none). It records every request, so a test can check that nothing was sent.
 */
export class HostileServer {
  readonly requests: string[] = [];
  answer: (method: string, path: string) => Answer | undefined = () => undefined;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<HostileServer> {
    const handlers: { reply?: (request: IncomingMessage, response: ServerResponse) => void } = {};
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      request.on('end', () => handlers.reply?.(request, response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const self = new HostileServer(server, `http://127.0.0.1:${port}`);
    handlers.reply = (request, response) => self.reply(request, response);
    return self;
  }

  /** `--instance-url` and `--access-token` pointing here. */
  flags(): string[] {
    return ['--instance-url', this.url, '--access-token', 'hostile-server-token-123456', '--poll-interval', '50'];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private reply(request: IncomingMessage, response: ServerResponse): void {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    this.requests.push(`${method} ${path}`);
    const answer = this.answer(method, path);
    if (!answer) {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]));
      return;
    }
    response.writeHead(answer.status ?? 200, { 'Content-Type': answer.type ?? 'application/json' });
    response.end(answer.body);
  }
}

/** An ingest job as Salesforce describes it, with any field overridden. */
export function ingestJob(fields: Record<string, unknown>): string {
  return JSON.stringify({
    id: '750000000000001AAA',
    operation: 'insert',
    object: 'Account',
    createdById: '005000000000001AAA',
    createdDate: '2026-11-28T14:51:12.000+0000',
    systemModstamp: '2026-11-28T14:51:14.000+0000',
    state: 'JobComplete',
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: 66.0,
    jobType: 'V2Ingest',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    numberRecordsProcessed: 1,
    numberRecordsFailed: 0,
    retries: 0,
    totalProcessingTime: 10,
    ...fields,
  });
}
