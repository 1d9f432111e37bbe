import { map } from 'rxjs';
import { axiosTransport } from '../../src/http/axios-transport.js';
import type { ByteStream, Transport } from '../../src/http/transport.js';
import type { SecretWitness } from './secret-witness.js';

/** A transport that feeds a {@link SecretWitness} with every credential it carries. */
export interface RecordingTransport {
  readonly transport: Transport;
  /** `grant_type` of every token request, in order (never the other form fields). */
  readonly grantTypes: readonly string[];
}

const FORM_SECRETS = {
  client_secret: 'client secret',
  password: 'password',
  assertion: 'jwt assertion',
  refresh_token: 'refresh token',
} as const;

/**
 * Wraps a real transport (axios by default). Bearer tokens of API calls, credentials in
 * token request forms and tokens in token responses are handed to the witness, so the
 * hygiene check knows every secret that went over the wire, including the access tokens
 * an authenticator keeps private.
 */
export function recordingTransport(witness: SecretWitness, inner: Transport = axiosTransport()): RecordingTransport {
  const grantTypes: string[] = [];
  const transport: Transport = (request) => {
    const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.Authorization ?? '');
    if (bearer?.[1]) witness.secret('access token', bearer[1]);
    const isToken = request.url.includes('/services/oauth2/token');
    if (isToken && typeof request.body === 'string') {
      const form = new URLSearchParams(request.body);
      grantTypes.push(form.get('grant_type') ?? '');
      for (const [field, kind] of Object.entries(FORM_SECRETS)) witness.secret(kind, form.get(field));
    }
    return inner(request).pipe(
      map((response) => {
        if (!isToken) return response;
        // token answers arrive as a stream (the client caps them while reading): watch them as they pass
        if (typeof response.body === 'string') {
          recordTokens(witness, response.body);
          return response;
        }
        return { ...response, body: teeText(response.body, (text) => recordTokens(witness, text)) };
      }),
    );
  };
  return { transport, grantTypes };
}

function recordTokens(witness: SecretWitness, text: string): void {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown };
    if (typeof body.access_token === 'string') witness.secret('access token', body.access_token);
    if (typeof body.refresh_token === 'string') witness.secret('refresh token', body.refresh_token);
  } catch {
    // an error page: nothing to record
  }
}

/** The same body, read through; `done` gets the whole text once the reader reached its end. */
function teeText(body: ByteStream, done: (text: string) => void): ByteStream {
  const decoder = new TextDecoder();
  let text = '';
  return {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of body) {
        text += decoder.decode(chunk, { stream: true });
        yield chunk;
      }
      done(text + decoder.decode());
    },
    ...(body.cancel ? { cancel: () => body.cancel?.() } : {}),
  };
}
