import { errorReply, type Reply } from '../http/reply.js';
import type { FaultEffect } from './fault-types.js';

const HTML_PAGE = (status: number): string =>
  `<!DOCTYPE html><html><head><title>${status} Service Unavailable</title></head>` +
  `<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request. ` +
  `Please try again later.</p></body></html>`;

/** The response a status or HTML fault sends. */
export function faultReply(effect: Extract<FaultEffect, { kind: 'status' | 'html' }>): Reply {
  if (effect.kind === 'html') {
    const status = effect.status ?? 503;
    return { status, text: HTML_PAGE(status), headers: { 'Content-Type': 'text/html;charset=UTF-8' } };
  }
  const { status } = effect;
  if (status === 403) return errorReply(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  if (status === 429) {
    return errorReply(429, 'TOO_MANY_REQUESTS', 'Too many requests. Try again later.', {
      'Retry-After': String(effect.retryAfterSeconds ?? 1),
    });
  }
  if (status >= 500) {
    return errorReply(status, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
  }
  return errorReply(status, 'UNKNOWN_EXCEPTION', `Injected fault (HTTP ${status})`);
}
