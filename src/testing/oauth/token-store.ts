import { randomBytes } from 'node:crypto';
import type { EmulatorUser } from './identity.js';

interface AccessRecord {
  readonly user: EmulatorUser;
  readonly issuedAt: number;
  /** Undefined: never expires by age (the pre-issued token), only through expireTokens(). */
  readonly expiresAt: number | undefined;
}

interface RefreshRecord {
  readonly user: EmulatorUser;
  readonly clientId: string;
}

/** Access and refresh tokens of the emulated org. Token values never appear in messages. */
export class TokenStore {
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();

  constructor(
    private readonly orgId15: string,
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  private newToken(): string {
    return `${this.orgId15}!${randomBytes(48).toString('base64url')}`;
  }

  /** Issues an access token that expires after the configured lifetime (or never, if `ageless`). */
  issueAccess(user: EmulatorUser, ageless = false): { token: string; issuedAt: number } {
    const token = this.newToken();
    const issuedAt = this.now();
    this.access.set(token, { user, issuedAt, expiresAt: ageless ? undefined : issuedAt + this.lifetimeMs });
    return { token, issuedAt };
  }

  /** The user of a valid token; undefined when unknown, expired or revoked. */
  validate(token: string): EmulatorUser | undefined {
    const record = this.access.get(token);
    if (!record) return undefined;
    if (record.expiresAt !== undefined && record.expiresAt <= this.now()) {
      this.access.delete(token);
      return undefined;
    }
    return record.user;
  }

  /** Invalidates every access token issued so far (refresh tokens stay valid). */
  expireAll(): void {
    this.access.clear();
  }

  issueRefresh(clientId: string, user: EmulatorUser): string {
    const token = `5Aep${randomBytes(40).toString('base64url')}`;
    this.refresh.set(token, { user, clientId });
    return token;
  }

  /** The grant behind a refresh token, if it is still valid. */
  refreshGrant(token: string): RefreshRecord | undefined {
    return this.refresh.get(token);
  }

  /** Revokes an access or refresh token; false when it was unknown. */
  revoke(token: string): boolean {
    return this.access.delete(token) || this.refresh.delete(token);
  }
}
