import { EMPTY } from 'rxjs';
import { requestToken, sessionFrom, type TokenRequest } from '../../../src/auth/token-endpoint.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { ConnectionError } from '../../../src/errors/connection-error.js';
import { RateLimitError } from '../../../src/errors/rate-limit-error.js';
import { redact } from '../../../src/errors/redact.js';
import { SecretSet } from '../../../src/errors/secret-set.js';
import { ResponseValidationError } from '../../../src/errors/response-validation-error.js';
import { ServerError } from '../../../src/errors/server-error.js';
import type { Transport } from '../../../src/http/transport.js';
import { fakeTransport, formOf, jsonResponse, tokenBody, type Reply } from './fake-transport.js';

const request: TokenRequest = {
  flow: 'password',
  loginUrl: 'https://login.salesforce.com',
  form: { grant_type: 'password', client_id: 'cid', username: 'u@x.com' },
  allowInsecure: false,
  secrets: new SecretSet(),
};

function answer(reply: Reply) {
  return requestToken(fakeTransport(reply), request);
}

async function failure(reply: Reply): Promise<unknown> {
  return answer(reply).then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('requestToken', () => {
  it('posts the form url-encoded, in order, to /services/oauth2/token', async () => {
    const transport = fakeTransport(jsonResponse(200, tokenBody()));
    await requestToken(transport, { ...request, form: { grant_type: 'password', password: 'p&ss=word+1 ü' } });
    const sent = transport.requests[0];
    expect(sent?.url).toBe('https://login.salesforce.com/services/oauth2/token');
    expect(sent?.body).toBe('grant_type=password&password=p%26ss%3Dword%2B1+%C3%BC');
    expect(formOf(sent)).toEqual([
      ['grant_type', 'password'],
      ['password', 'p&ss=word+1 ü'],
    ]);
  });

  it('parses the success body, keeps unknown keys, and tolerates a numeric issued_at', async () => {
    const token = await answer(
      jsonResponse(200, tokenBody({ issued_at: 1700000000000, api_instance_url: 'https://api.salesforce.com' })),
    );
    expect(token.issued_at).toBe('1700000000000');
    expect(token.scope).toBe('api');
    expect(token.refresh_token).toBeUndefined();
    expect((token as Record<string, unknown>).api_instance_url).toBe('https://api.salesforce.com');
    expect(sessionFrom({ ...token, instance_url: 'https://acme.my.salesforce.com/' })).toEqual({
      instanceUrl: 'https://acme.my.salesforce.com',
      accessToken: tokenBody().access_token,
    });
  });

  it('registers the tokens it receives as secrets', async () => {
    await answer(
      jsonResponse(
        200,
        tokenBody({ access_token: 'plain-looking-access-token-1', refresh_token: 'plain-looking-refresh-2' }),
      ),
    );
    expect(request.secrets.redact('a plain-looking-access-token-1 b plain-looking-refresh-2')).toBe(
      'a [REDACTED] b [REDACTED]',
    );
    // learned by this request's set only: nothing is registered process-wide
    expect(redact('a plain-looking-access-token-1')).toBe('a plain-looking-access-token-1');
    expect(new SecretSet().redact('a plain-looking-access-token-1')).toBe('a plain-looking-access-token-1');
  });

  it('maps invalid_grant to an AuthenticationError carrying the description and the OAuth code', async () => {
    const error = await failure(
      jsonResponse(400, { error: 'invalid_grant', error_description: 'authentication failure' }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    const auth = error as AuthenticationError;
    expect(auth.message).toBe('Authentication failed (password): authentication failure [invalid_grant]');
    expect(auth.oauthError).toBe('invalid_grant');
    expect(auth.errorCode).toBe('invalid_grant');
    expect(auth.status).toBe(400);
    expect(auth.retryable).toBe(false);
    expect(auth.url).toBe('https://login.salesforce.com/services/oauth2/token');
  });

  it('maps invalid_client_id (status 400 or 401) and adds a hint', async () => {
    for (const status of [400, 401]) {
      const error = (await failure(
        jsonResponse(status, { error: 'invalid_client_id', error_description: 'client identifier invalid' }),
      )) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.oauthError).toBe('invalid_client_id');
      expect(error.status).toBe(status);
      expect(error.message).toMatch(
        /^Authentication failed \(password\): client identifier invalid \[invalid_client_id\]; check the consumer key/,
      );
    }
  });

  it('hints at the sandbox audience for "audience is invalid"', async () => {
    const error = (await failure(
      jsonResponse(400, { error: 'invalid_grant', error_description: 'audience is invalid' }),
    )) as AuthenticationError;
    expect(error.message).toContain('https://test.salesforce.com');
  });

  it('treats other 4xx answers as authentication failures', async () => {
    const error = await failure({ status: 404, headers: {}, body: '<html><body>Not Found</body></html>' });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).oauthError).toBeUndefined();
    expect((error as Error).message).toMatch(/^Authentication failed \(password\): ERROR_HTTP_404: Not Found/);
  });

  it('keeps 5xx and 429 retryable', async () => {
    expect(await failure({ status: 503, headers: {}, body: 'Service Unavailable' })).toBeInstanceOf(ServerError);
    const limited = await failure({ status: 429, headers: { 'retry-after': '7' }, body: '' });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('refuses a non-JSON or wrong-shape success body with a ResponseValidationError', async () => {
    const html = await failure({ status: 200, headers: {}, body: '<html>maintenance</html>' });
    expect(html).toBeInstanceOf(ResponseValidationError);
    const shape = (await failure(
      jsonResponse(200, { access_token: 'x-token-value-123456' }),
    )) as ResponseValidationError;
    expect(shape).toBeInstanceOf(ResponseValidationError);
    expect(shape.issues.map((issue) => issue.path.join('.'))).toEqual(['instance_url']);
  });

  it('refuses an http instance_url unless loopback or allowInsecure', async () => {
    const insecure = (await failure(
      jsonResponse(200, tokenBody({ instance_url: 'http://acme.my.salesforce.com' })),
    )) as ResponseValidationError;
    expect(insecure).toBeInstanceOf(ResponseValidationError);
    expect(insecure.message).toMatch(/instance_url must use https/);

    const loopback = await answer(jsonResponse(200, tokenBody({ instance_url: 'http://127.0.0.1:9000' })));
    expect(loopback.instance_url).toBe('http://127.0.0.1:9000');
    const allowed = await requestToken(
      fakeTransport(jsonResponse(200, tokenBody({ instance_url: 'http://sf.internal' }))),
      { ...request, allowInsecure: true },
    );
    expect(allowed.instance_url).toBe('http://sf.internal');
  });

  it('passes a ConnectionError through and wraps a transport that breaks its contract', async () => {
    const refused = new ConnectionError('No response: ECONNREFUSED', { code: 'ECONNREFUSED', requestSent: false });
    expect(await failure(refused)).toBe(refused);

    const odd = (await failure(new Error('socket hang up'))) as ConnectionError;
    expect(odd).toBeInstanceOf(ConnectionError);
    expect(odd.message).toBe(
      'No response from POST https://login.salesforce.com/services/oauth2/token: socket hang up',
    );

    const empty: Transport = () => EMPTY;
    await expect(requestToken(empty, request)).rejects.toThrow(/completed without a response/);
  });

  it('reads a byte-stream body as text', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(tokenBody()));
    const body = {
      async *[Symbol.asyncIterator]() {
        yield bytes.subarray(0, 10);
        yield bytes.subarray(10);
      },
    };
    const token = await answer({ status: 200, headers: {}, body });
    expect(token.instance_url).toBe('https://acme.my.salesforce.com');
  });
});
