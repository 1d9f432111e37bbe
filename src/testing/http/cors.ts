import type { IncomingMessage } from 'node:http';
import type { Reply } from './reply.js';

/** CORS option: `true` allows every origin, or only the listed ones. Off by default. */
export type CorsOption =
  | boolean
  | {
      /** The origins allowed, e.g. `http://localhost:4200`. */
      readonly origins: readonly string[];
    };

const ALLOWED_HEADERS =
  'Authorization, Content-Type, Accept, Accept-Encoding, Content-Encoding, Sforce-Call-Options, X-PrettyPrint';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSED_HEADERS = 'Sforce-Locator, Sforce-NumberOfRecords, Sforce-Limit-Info, Content-Encoding';

function allowedOrigin(option: CorsOption | undefined, origin: string | undefined): string | undefined {
  if (!option || !origin) return undefined;
  if (option === true) return origin;
  return option.origins.includes(origin) ? origin : undefined;
}

/** Headers to add to any response for this request's Origin (empty when not allowed). */
export function corsHeaders(option: CorsOption | undefined, req: IncomingMessage): Record<string, string> {
  const origin = allowedOrigin(option, req.headers.origin);
  if (!origin) return {};
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
}

/** The answer to a preflight (OPTIONS with Access-Control-Request-Method), or undefined if none applies. */
export function preflightReply(option: CorsOption | undefined, req: IncomingMessage): Reply | undefined {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return undefined;
  const origin = allowedOrigin(option, req.headers.origin);
  if (!origin) return { status: 403 };
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    },
  };
}
