/** A user of the emulated org. */
export interface EmulatorUserConfig {
  /** The username, e.g. `ci@example.test`. */
  readonly username: string;
  /** Password for the username-password flow (include the security token if you model one). */
  readonly password?: string;
}

/** A connected app. */
export interface ConnectedAppConfig {
  /** Consumer key (`client_id`, JWT `iss`). */
  readonly clientId: string;
  /** Consumer secret, for client credentials / password / refresh flows. */
  readonly clientSecret?: string;
  /** PEM public key (SPKI or certificate) that verifies RS256 JWT assertions. */
  readonly publicKeyPem?: string;
  /** Run-as user of the client-credentials flow. */
  readonly runAsUsername?: string;
}

/** A user with its `005` id. */
export interface EmulatorUser {
  readonly id: string;
  readonly username: string;
  readonly password?: string;
}

/** Default identities when the options give none (documented in BulkEmulatorOptions). */
/** The default user, owner of the pre-issued access token. */
export const DEFAULT_USERNAME = 'emulator@kinetic-core.test';
/** The default user's password (username-password flow). */
export const DEFAULT_PASSWORD = 'emulator-password';
/** The default connected app's client id. */
export const DEFAULT_CLIENT_ID = 'kinetic-emulator-client';
/** The default connected app's client secret (client credentials and password flows; run-as: the first user). */
export const DEFAULT_CLIENT_SECRET = 'kinetic-emulator-secret';

/** The configured users and connected apps, looked up by username / client id. */
export class IdentityDirectory {
  private readonly users = new Map<string, EmulatorUser>();
  private readonly clients = new Map<string, ConnectedAppConfig>();

  constructor(users: readonly EmulatorUserConfig[], clients: readonly ConnectedAppConfig[], newUserId: () => string) {
    for (const user of users) this.users.set(user.username.toLowerCase(), { ...user, id: newUserId() });
    for (const client of clients) this.clients.set(client.clientId, client);
  }

  /** Usernames are case-insensitive in Salesforce. */
  user(username: string): EmulatorUser | undefined {
    return this.users.get(username.toLowerCase());
  }

  /** The first configured user: creator of jobs made with the pre-issued token. */
  defaultUser(): EmulatorUser {
    const [first] = this.users.values();
    if (!first) throw new Error('The emulator needs at least one user');
    return first;
  }

  client(clientId: string): ConnectedAppConfig | undefined {
    return this.clients.get(clientId);
  }
}
