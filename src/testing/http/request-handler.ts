import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EmulatorState } from '../emulator-state.js';
import type { FaultDecision } from '../faults/fault-injector.js';
import { faultReply } from '../faults/fault-replies.js';
import { authenticate } from '../oauth/authenticate.js';
import { handleRevokeRequest, handleTokenRequest, type TokenEndpointDeps } from '../oauth/token-endpoint.js';
import { MIN_LIVE_API_VERSION } from '../options.js';
import { limitInfoHeader } from '../stats/limits-route.js';
import { corsHeaders, preflightReply } from './cors.js';
import { dispatch, refinePatchRoute } from './dispatch.js';
import { readBody } from './read-body.js';
import { errorReply, notFoundReply, type Reply } from './reply.js';
import { matchRoute, type RouteMatch } from './router.js';
import { sendReply } from './send-reply.js';

/** A reply plus the headers only authenticated data calls carry. */
interface Outcome {
  readonly reply: Reply;
  readonly headers: Record<string, string>;
}

function tokenDeps(state: EmulatorState): TokenEndpointDeps {
  return {
    identities: state.identities,
    tokens: state.tokens,
    now: state.now,
    instanceUrl: state.url,
    orgId: state.orgId,
    audiences: () => [...state.options.jwtAudiences, state.url()],
    clockSkewSeconds: state.options.jwtClockSkewSeconds,
  };
}

/** Version, auth, API allocation, then the route handler. */
function produce(
  state: EmulatorState,
  req: IncomingMessage,
  match: RouteMatch,
  route: string,
  url: URL,
  body: { bytes: Buffer; tooLarge: boolean },
): Outcome {
  if (route === 'oauth.token')
    return { reply: handleTokenRequest(tokenDeps(state), body.bytes, req.headers), headers: {} };
  if (route === 'oauth.revoke') return { reply: handleRevokeRequest(tokenDeps(state), body.bytes), headers: {} };
  const version = /^\/services\/data\/v(\d{1,3})\.(\d)(?:\/|$)/.exec(url.pathname);
  const apiVersion = version ? Number(`${version[1]}.${version[2]}`) : undefined;
  if (apiVersion !== undefined && apiVersion < MIN_LIVE_API_VERSION) {
    return {
      reply: errorReply(410, 'UNSUPPORTED_API_VERSION', `Version v${apiVersion.toFixed(1)} of the API is retired`),
      headers: {},
    };
  }
  const user = authenticate(req.headers, state.tokens);
  if ('status' in user) return { reply: user, headers: {} };
  if (state.stats.apiCalls >= state.options.apiRequestLimit) {
    return { reply: errorReply(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), headers: {} };
  }
  state.stats.apiCalls++;
  const headers = { 'Sforce-Limit-Info': limitInfoHeader(state) };
  if (match.kind === 'method-not-allowed') {
    const message = `HTTP Method '${req.method ?? ''}' not allowed. Allowed are ${match.allowed.join(',')}`;
    return { reply: errorReply(405, 'METHOD_NOT_ALLOWED', message), headers };
  }
  if (match.kind !== 'route' || apiVersion === undefined || apiVersion > state.options.maxApiVersion) {
    return { reply: notFoundReply(), headers };
  }
  const ctx = {
    route,
    method: req.method ?? 'GET',
    params: match.params,
    apiVersion,
    query: url.searchParams,
    headers: req.headers,
    body: body.bytes,
    bodyTooLarge: body.tooLarge,
    user,
  };
  return { reply: dispatch(state, ctx), headers };
}

/** Sends a failure fault; a reset destroys the socket without any response. */
async function sendFault(
  req: IncomingMessage,
  res: ServerResponse,
  decision: FaultDecision,
  cors: Record<string, string>,
): Promise<boolean> {
  const fault = decision.fault;
  if (!fault) return false;
  if (fault.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  await sendReply(req, res, faultReply(fault), cors);
  return true;
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const cors = corsHeaders(state.options.cors, req);
  const preflight = preflightReply(state.options.cors, req);
  if (preflight) {
    state.stats.request('cors.preflight', method);
    return sendReply(req, res, preflight, cors);
  }
  const match = matchRoute(method, url.pathname);
  let route = match.kind === 'route' ? match.name : 'unknown';
  state.stats.request(route, method);
  // Uploads may be big: read up to the raw size that stays under the base64 limit, plus slack.
  const body = await readBody(req, Math.ceil((state.options.maxUploadBytes * 3) / 4) + 64 * 1024);
  const refined = refinePatchRoute(route, body.bytes);
  state.stats.rename(route, refined, method);
  route = refined;
  const before = state.faults.decide(route, method, 'before');
  if (before.latencyMs > 0) await state.timers.delay(before.latencyMs);
  if (await sendFault(req, res, before, cors)) return;
  const outcome = produce(state, req, match, route, url, body);
  if (await sendFault(req, res, state.faults.decide(route, method, 'after'), cors)) return;
  await sendReply(req, res, outcome.reply, { ...cors, ...outcome.headers });
}

/** The emulator's `request` listener. */
export function createRequestListener(state: EmulatorState): RequestListener {
  return (req, res) => {
    handle(state, req, res).catch(() => {
      // Emulator closed mid-request (pending latency) or an unexpected bug: drop the connection.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: 'Internal emulator error' }]));
      } else {
        res.destroy();
      }
    });
  };
}
