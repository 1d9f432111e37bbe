import { ApiError } from '../../../src/errors/api-error.js';
import { AuthenticationError } from '../../../src/errors/authentication-error.js';
import { errorFromHttp, parseRetryAfter } from '../../../src/errors/error-from-http.js';
import { RateLimitError } from '../../../src/errors/rate-limit-error.js';
import { ServerError } from '../../../src/errors/server-error.js';

describe('errorFromHttp', () => {
  it('maps a Salesforce error array to ApiError with code and message', () => {
    const e = errorFromHttp({
      status: 404,
      body: '[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]',
      method: 'GET',
      url: 'https://x.my.salesforce.com/services/data/v66.0/jobs/ingest/750',
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.constructor).toBe(ApiError);
    expect(e.status).toBe(404);
    expect(e.errorCode).toBe('NOT_FOUND');
    expect(e.message).toContain('The requested resource does not exist');
    expect(e.retryable).toBe(false);
  });

  it('accepts keys in any order and keeps every item and its fields', () => {
    const e = errorFromHttp({
      status: 400,
      body: '[{"fields":["Id"],"message":"bad id","errorCode":"MALFORMED_ID"},{"message":"second","errorCode":"OTHER"}]',
    });
    expect(e.errorCode).toBe('MALFORMED_ID');
    expect(e.errors).toEqual([
      { errorCode: 'MALFORMED_ID', message: 'bad id', fields: ['Id'] },
      { errorCode: 'OTHER', message: 'second' },
    ]);
    expect(e.message).toContain('+1 more');
  });

  it('maps 401 INVALID_SESSION_ID to AuthenticationError', () => {
    const e = errorFromHttp({
      status: 401,
      body: '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
    });
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.errorCode).toBe('INVALID_SESSION_ID');
  });

  it('maps REQUEST_LIMIT_EXCEEDED (403) and 429 to a retryable RateLimitError with Retry-After', () => {
    const a = errorFromHttp({
      status: 403,
      body: '[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]',
    });
    expect(a).toBeInstanceOf(RateLimitError);
    expect(a.retryable).toBe(true);
    const b = errorFromHttp({ status: 429, body: '', headers: { 'retry-after': '7' } });
    expect(b).toBeInstanceOf(RateLimitError);
    expect((b as RateLimitError).retryAfterMs).toBe(7000);
  });

  it('maps 5xx (and non-JSON bodies) to ServerError with ERROR_HTTP_<status>', () => {
    const e = errorFromHttp({ status: 503, body: '<html><body><h1>Service Unavailable</h1></body></html>' });
    expect(e).toBeInstanceOf(ServerError);
    expect(e.errorCode).toBe('ERROR_HTTP_503');
    expect(e.message).toContain('Service Unavailable');
    expect(e.retryable).toBe(true);
    expect(errorFromHttp({ status: 500, body: '' }).message).toContain('empty body');
  });

  it('maps an OAuth error body to AuthenticationError with error_description', () => {
    const e = errorFromHttp({
      status: 400,
      body: '{"error":"invalid_grant","error_description":"audience is invalid"}',
    }) as AuthenticationError;
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.oauthError).toBe('invalid_grant');
    expect(e.message).toContain('audience is invalid');
  });

  it('never carries a bearer token from the URL or body', () => {
    const token = '00D000000000001!AQ8AQsecretsecretsecretsecret';
    const e = errorFromHttp({
      status: 400,
      body: `[{"errorCode":"X","message":"got Bearer ${token}"}]`,
      url: `https://x/services?access_token=${token}`,
      method: 'GET',
    });
    const text = `${e.message} ${JSON.stringify(e)} ${String(e.url)}`;
    expect(text).not.toContain(token);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
