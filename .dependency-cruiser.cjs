// Keeps the layers of docs/architecture.md one way: auth -> http -> api -> poller -> operations -> client.
// csv/, schemas/, errors/ and models/ are leaves anyone may use; operators/ sees only src/index.ts.
// Inside operations/: shared/ <- create/ <- ingest/ <- sink/, query/ <- existing/; ingest and query never meet.
const layer = (name) => `^src/${name}/`;
const above = {
  auth: ['http', 'api', 'poller', 'operations', 'client'],
  http: ['api', 'poller', 'operations', 'client'],
  api: ['poller', 'operations', 'client'],
  poller: ['operations', 'client'],
  operations: ['client'],
};
const leaves = ['csv', 'schemas', 'errors', 'models'];
const upper = ['auth', 'http', 'api', 'poller', 'operations', 'client'];
const ops = (name) => `^src/operations/${name}/`;
// what auth/ may take from http/: the transport type, and the limits every request is bound by
const AUTH_MAY_USE = '^src/http/(transport|limited-transport|request-limits)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles hide layering mistakes.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(above).map(([from, targets]) => ({
      name: `${from}-not-upward`,
      severity: 'error',
      comment: `${from}/ must not depend on layers above it`,
      from: { path: layer(from) },
      // the transport seam is a type the token flows share; the limits that bound every
      // request (token requests too) wrap it: both carry no session behaviour
      to: {
        path: `^src/(${targets.join('|')})/`,
        pathNot: from === 'auth' ? AUTH_MAY_USE : '^$',
      },
    })),
    {
      name: 'auth-only-transport-type',
      severity: 'error',
      comment: 'auth/ may use the Transport type and the request limits that wrap it, not the HTTP client',
      from: { path: '^src/auth/' },
      to: { path: '^src/http/', pathNot: AUTH_MAY_USE },
    },
    {
      name: 'leaves-stay-leaves',
      severity: 'error',
      comment: 'csv/, schemas/, errors/, models/ are leaves',
      from: { path: `^src/(${leaves.join('|')})/` },
      to: { path: `^src/(${upper.join('|')})/|^src/index\\.ts$` },
    },
    {
      name: 'ingest-and-query-apart',
      severity: 'error',
      comment: 'ingest and query share code only through operations/shared and operations/create',
      from: { path: ops('ingest') },
      to: { path: ops('query') },
    },
    {
      name: 'query-and-ingest-apart',
      severity: 'error',
      comment: 'ingest and query share code only through operations/shared and operations/create',
      from: { path: ops('query') },
      to: { path: ops('ingest') },
    },
    {
      name: 'shared-is-the-base',
      severity: 'error',
      comment:
        'operations/shared is used by every operation and uses none of them (the context names the per-client job registry)',
      from: { path: ops('shared') },
      to: { path: `${ops('(create|ingest|query|existing)')}`, pathNot: '^src/operations/create/job-ownership\\.ts$' },
    },
    {
      name: 'create-below-operations',
      severity: 'error',
      comment: 'operations/create serves ingest and query; it knows neither',
      from: { path: ops('create') },
      to: { path: `${ops('(ingest|query|existing)')}` },
    },
    {
      name: 'operations-not-existing',
      severity: 'error',
      comment: 'operations/existing (jobs by id) builds on the others, not the reverse',
      from: { path: ops('(shared|create|ingest|query)') },
      to: { path: ops('existing') },
    },
    {
      name: 'sink-on-top-of-ingest',
      severity: 'error',
      comment: 'operations/sink builds on ingest; nothing below it imports the sink',
      from: { path: ops('(shared|create|ingest|query|existing)') },
      to: { path: ops('sink') },
    },
    {
      name: 'sink-not-query',
      severity: 'error',
      comment: 'the sink is an ingest concept',
      from: { path: ops('sink') },
      to: { path: ops('(query|existing)') },
    },
    {
      name: 'operators-public-api-only',
      severity: 'error',
      comment: 'operators/ depends only on the public types of src/ (src/index.ts)',
      from: { path: '^operators/' },
      to: { path: '^src/', pathNot: '^src/index\\.ts$' },
    },
    {
      name: 'core-not-node-tools',
      severity: 'error',
      comment: 'the library core must not pull in the emulator or the CLI',
      from: { path: '^src/', pathNot: '^src/(testing|cli|demo|node)/' },
      to: { path: '^src/(testing|cli|demo|node)/' },
    },
    {
      name: 'src-not-operators',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|demo)/' },
      to: { path: '^operators/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '^(dist|node_modules|test|bench)/' },
  },
};
