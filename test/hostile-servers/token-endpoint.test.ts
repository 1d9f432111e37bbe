import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { firstValueFrom, lastValueFrom, of, toArray } from 'rxjs';
import { AccessTokenAuthenticator } from '../../src/auth/access-token.js';
import { ClientCredentialsAuthenticator } from '../../src/auth/client-credentials.js';
import { RequestTimeoutError } from '../../src/errors/request-timeout-error.js';
import { ResponseLimitError } from '../../src/errors/response-limit-error.js';
import { ResponseValidationError } from '../../src/errors/response-validation-error.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { clientFor, failureOf } from './fake-org.js';
import { json, startHostileServer, type HostileServer, type SeenRequest } from './hostile-server.js';

// The token endpoint is a server like any other: its answers are bounded in time and size, and
// what it says about the instance is checked before the access token is sent there.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const CLIENT_SECRET = 'cs-token-endpoint-4b8f0d2e6a';

/** A client-credentials client whose token requests go to the hostile server. */
async function tokenClient(
  answer: (request: SeenRequest, res: ServerResponse, s: HostileServer) => void,
  options: Parameters<typeof clientFor>[1] = {},
) {
  server = await startHostileServer((request, res, s) => {
    if (request.path === '/services/oauth2/token') answer(request, res, s);
    else json(res, 200, { done: true, records: [] });
  });
  const auth = new ClientCredentialsAuthenticator({
    loginUrl: server.url,
    clientId: 'cid',
    clientSecret: CLIENT_SECRET,
  });
  return { client: clientFor(server, options, auth), auth };
}

const listAll = (client: ReturnType<typeof clientFor>) => lastValueFrom(client.bulk.listJobs().pipe(toArray()));

describe('a hostile token endpoint', () => {
  it('trickling its answer never idle: stopped at the client deadline', async () => {
    const { client } = await tokenClient(
      (_request, res, s) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        void s.trickle(res, '{"access_token":"', 40, 'a');
      },
      { requestLimits: { deadlineMs: 400, idleTimeoutMs: 5000 } },
    );
    const error = await failureOf(listAll(client));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ kind: 'deadline', timeoutMs: 400 });
    expect((await server!.streams[0])?.closedByClient).toBe(true);
  });

  it('answering without end: stopped at maxJsonBytes', async () => {
    const { client } = await tokenClient((_request, res, s) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"access_token":"');
      void s.sendForever(res, 'a'.repeat(8192));
    });
    const error = await failureOf(listAll(client));
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'maxJsonBytes' });
    expect((await server!.streams[0])?.closedByClient).toBe(true);
  });

  it('answering with a gzip bomb: stopped at maxJsonBytes of inflated bytes', async () => {
    const { client } = await tokenClient((_request, res, s) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      void s.gzipForever(res, Buffer.from(' '.repeat(65536)), '{"access_token":"x","padding":"');
    });
    expect(await failureOf(listAll(client))).toMatchObject({ name: 'ResponseLimitError', limit: 'maxJsonBytes' });
  });

  it('naming an instance_url with user:password@: refused before the access token is sent anywhere', async () => {
    const { client } = await tokenClient((_request, res, s) =>
      json(res, 200, {
        access_token: 'at-for-a-userinfo-instance-12345',
        instance_url: s.url.replace('http://', 'http://admin:pw-in-url-7f2c@'),
      }),
    );
    const error = await failureOf(listAll(client));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/instance_url must not carry a user name or password/);
    expect(server!.requests.map((r) => r.path)).toEqual(['/services/oauth2/token']);
    // the password of that URL appears in no rendering of the error
    const shown = `${String(error)} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(shown).not.toContain('pw-in-url-7f2c');
  });

  it('naming a plain-http instance_url off loopback: refused', async () => {
    const { client } = await tokenClient((_request, res) =>
      json(res, 200, { access_token: 'at-for-an-http-instance-12345', instance_url: 'http://evil.example.com' }),
    );
    const error = await failureOf(listAll(client));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/instance_url must use https/);
  });

  it('answering 200 with an HTML page or the wrong shape: ResponseValidationError, the client secret nowhere', async () => {
    for (const answer of [
      (request: SeenRequest, res: ServerResponse) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<html>${request.body}</html>`);
      },
      (request: SeenRequest, res: ServerResponse) =>
        json(res, 200, { token: 'missing access_token', echo: request.body }),
    ]) {
      const { client } = await tokenClient(answer);
      const error = await failureOf(listAll(client));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(`${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`).not.toContain(CLIENT_SECRET);
      await server!.close();
      server = undefined;
    }
  });
});

describe('instance URLs given by the caller', () => {
  it('with user:password@: a ValidationError at construction', () => {
    expect(
      () =>
        new AccessTokenAuthenticator({ instanceUrl: 'https://u:p@acme.my.salesforce.com', accessToken: 'x-token-123' }),
    ).toThrow(ValidationError);
    expect(
      () =>
        new ClientCredentialsAuthenticator({
          loginUrl: 'https://u:p@acme.my.salesforce.com',
          clientId: 'c',
          clientSecret: 's',
        }),
    ).toThrow(ValidationError);
  });

  it('a custom authenticator whose session carries user:password@: refused before any request', async () => {
    server = await startHostileServer((_request, res) => json(res, 200, { done: true, records: [] }));
    const url = server.url.replace('http://', 'http://u:p@');
    const auth = {
      flow: 'custom',
      canRefresh: false,
      session: () => of({ instanceUrl: url, accessToken: 'custom-token-123456' }),
      invalidate: () => undefined,
    };
    const error = await failureOf(firstValueFrom(clientFor(server, {}, auth).bulk.listJobs()));
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
