import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_PASSWORD, DEFAULT_USERNAME } from './oauth/identity.js';
import type { BulkEmulatorOptions, ResolvedOptions } from './options.js';

/** Applies the documented defaults. */
export function resolveOptions(options: BulkEmulatorOptions): ResolvedOptions {
  const users = options.users?.length ? options.users : [{ username: DEFAULT_USERNAME, password: DEFAULT_PASSWORD }];
  const firstUser = users[0]?.username ?? DEFAULT_USERNAME;
  const clients = options.clients ?? [
    { clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET, runAsUsername: firstUser },
  ];
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    processing: options.processing ?? { recordsPerSecond: 5_000 },
    tokenLifetimeMs: options.tokenLifetimeMs ?? 2 * 60 * 60 * 1000,
    users,
    clients,
    jwtAudiences: options.jwtAudiences ?? ['https://login.salesforce.com', 'https://test.salesforce.com'],
    jwtClockSkewSeconds: options.jwtClockSkewSeconds ?? 30,
    listPageSize: Math.max(1, options.listPageSize ?? 1000),
    queryPageSize: Math.max(1, options.queryPageSize ?? 10_000),
    resultPages: options.resultPages ?? 'documented',
    apiRequestLimit: options.apiRequestLimit ?? 5_000_000,
    initialApiUsage: options.initialApiUsage ?? 0,
    maxUploadBytes: options.maxUploadBytes ?? 150 * 1024 * 1024,
    maxApiVersion: options.maxApiVersion ?? 67,
    cors: options.cors ?? false,
  };
}
