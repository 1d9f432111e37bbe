/** Path parameters a route may carry. */
export interface RouteParams {
  readonly jobId?: string;
  /** `successfulResults` | `failedResults` | `unprocessedrecords` (canonical spelling). */
  readonly resultKind?: ResultKind;
}

/** The three ingest result files. */
export type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

/** A request resolved against the route table. */
export type RouteMatch =
  | {
      readonly kind: 'route';
      /** Stable route name, e.g. `ingest.create` (PATCH names are refined from the body later). */
      readonly name: string;
      readonly params: RouteParams;
      /** Numeric API version for data routes (66 for `v66.0`). */
      readonly apiVersion?: number;
      /** Lowest API version that serves this route. */
      readonly minVersion: number;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'bad-version'; readonly apiVersion: number }
  | { readonly kind: 'not-found' };

interface RouteDef {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, string>>;
  readonly minVersion: number;
}

const ID = '([a-zA-Z0-9]{15,18})';

// Patterns are matched against the path after `/services/data/vNN.N`, case-insensitively for
// the fixed segments (docs and clients disagree on `unprocessedRecords` / `resultpages`).
const DATA_ROUTES: readonly RouteDef[] = [
  { pattern: /^\/jobs\/ingest\/?$/i, methods: { GET: 'ingest.list', POST: 'ingest.create' }, minVersion: 41 },
  {
    pattern: new RegExp(`^/jobs/ingest/${ID}/?$`, 'i'),
    methods: { GET: 'ingest.get', PATCH: 'ingest.patch', DELETE: 'ingest.delete' },
    minVersion: 41,
  },
  { pattern: new RegExp(`^/jobs/ingest/${ID}/batches/?$`, 'i'), methods: { PUT: 'ingest.upload' }, minVersion: 41 },
  {
    pattern: new RegExp(`^/jobs/ingest/${ID}/(successfulResults|failedResults|unprocessedRecords)/?$`, 'i'),
    methods: { GET: 'ingest.results' },
    minVersion: 41,
  },
  { pattern: /^\/jobs\/query\/?$/i, methods: { GET: 'query.list', POST: 'query.create' }, minVersion: 47 },
  {
    pattern: new RegExp(`^/jobs/query/${ID}/?$`, 'i'),
    methods: { GET: 'query.get', PATCH: 'query.patch', DELETE: 'query.delete' },
    minVersion: 47,
  },
  { pattern: new RegExp(`^/jobs/query/${ID}/results/?$`, 'i'), methods: { GET: 'query.results' }, minVersion: 47 },
  {
    pattern: new RegExp(`^/jobs/query/${ID}/resultPages/?$`, 'i'),
    methods: { GET: 'query.resultPages' },
    minVersion: 58,
  },
  { pattern: /^\/limits\/?$/i, methods: { GET: 'limits.get' }, minVersion: 29 },
];

const OAUTH_ROUTES: readonly RouteDef[] = [
  { pattern: /^\/services\/oauth2\/token\/?$/, methods: { POST: 'oauth.token' }, minVersion: 0 },
  { pattern: /^\/services\/oauth2\/revoke\/?$/, methods: { POST: 'oauth.revoke' }, minVersion: 0 },
];

const RESULT_KINDS: readonly ResultKind[] = ['successfulResults', 'failedResults', 'unprocessedrecords'];

function matchTable(
  table: readonly RouteDef[],
  method: string,
  path: string,
  apiVersion?: number,
): RouteMatch | undefined {
  for (const def of table) {
    const m = def.pattern.exec(path);
    if (!m) continue;
    const name = def.methods[method];
    if (!name) return { kind: 'method-not-allowed', allowed: Object.keys(def.methods) };
    const kind = m[2] ? RESULT_KINDS.find((k) => k.toLowerCase() === m[2]?.toLowerCase()) : undefined;
    const params: RouteParams = { ...(m[1] ? { jobId: m[1] } : {}), ...(kind ? { resultKind: kind } : {}) };
    return {
      kind: 'route',
      name,
      params,
      minVersion: def.minVersion,
      ...(apiVersion !== undefined ? { apiVersion } : {}),
    };
  }
  return undefined;
}

/** Resolves method + path to a route; data paths must carry a `vNN.N` version segment. */
export function matchRoute(method: string, path: string): RouteMatch {
  const oauth = matchTable(OAUTH_ROUTES, method, path);
  if (oauth) return oauth;
  const data = /^\/services\/data\/v(\d{1,3})\.(\d)(\/.*)?$/.exec(path);
  if (!data) return { kind: 'not-found' };
  const apiVersion = Number(`${data[1]}.${data[2]}`);
  const match = matchTable(DATA_ROUTES, method, data[3] ?? '', apiVersion);
  if (match?.kind === 'route' && apiVersion < match.minVersion) return { kind: 'bad-version', apiVersion };
  return match ?? { kind: 'not-found' };
}
