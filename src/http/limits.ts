import type { LimitInfo } from '../models/limit-info.js';

/** Parses `api-usage=10018/100000; api-bursts=1/750`; undefined when the header is absent or unreadable. */
export function parseLimitInfo(header: string | undefined): LimitInfo | undefined {
  if (!header) return undefined;
  const usage = /api-usage=(\d+)\/(\d+)/i.exec(header);
  if (!usage) return undefined;
  const used = Number(usage[1]);
  const limit = Number(usage[2]);
  const bursts = /api-bursts=(\d+)\/(\d+)/i.exec(header);
  return {
    used,
    limit,
    remaining: Math.max(0, limit - used),
    bursts: bursts ? { used: Number(bursts[1]), limit: Number(bursts[2]) } : undefined,
  };
}
