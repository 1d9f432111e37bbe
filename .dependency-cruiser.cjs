// Keeps the layers of docs/design.md one way: auth -> http -> jobs -> poller -> operations -> client.
// csv/, schemas/, errors/ and models/ are leaves anyone may use; operators/ sees only src/index.ts.
const layer = (name) => `^src/${name}/`;
const above = {
  auth: ['http', 'jobs', 'poller', 'operations', 'bulk'],
  http: ['jobs', 'poller', 'operations', 'bulk'],
  jobs: ['poller', 'operations', 'bulk'],
  poller: ['operations', 'bulk'],
  operations: ['bulk'],
};
const leaves = ['csv', 'schemas', 'errors', 'models'];
const upper = ['auth', 'http', 'jobs', 'poller', 'operations', 'bulk'];
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
        path: `^src/(${targets.join('|')})/|^src/(client|config)\\.ts$`,
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
      to: { path: `^src/(${upper.join('|')})/|^src/(client|config|index)\\.ts$` },
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
      from: { path: '^src/', pathNot: '^src/(testing|cli|demo)/' },
      to: { path: '^src/(testing|cli|demo)/' },
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
