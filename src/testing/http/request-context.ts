import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorUser } from '../oauth/identity.js';
import type { RouteParams } from './router.js';

/** An authenticated data call, as route handlers see it. */
export interface RequestContext {
  /** Route name, e.g. `ingest.close`. */
  readonly route: string;
  readonly method: string;
  readonly params: RouteParams;
  /** API version of the request path (66 for `v66.0`). */
  readonly apiVersion: number;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The body exceeded the read limit and was dropped. */
  readonly bodyTooLarge: boolean;
  readonly user: EmulatorUser;
}

/** `v66.0` from 66. */
export function versionSegment(apiVersion: number): string {
  return `v${apiVersion.toFixed(1)}`;
}

/** Parses a JSON request body; undefined when it is not JSON. */
export function jsonBody(ctx: RequestContext): unknown {
  try {
    return JSON.parse(ctx.body.toString('utf8'));
  } catch {
    return undefined;
  }
}
