import type { Session } from 'kinetic-core';
import type { SalesforceAuth } from './app-session.authenticator.js';

/**
 * The page's stand-in for an app's OAuth library: the session typed into the form (or taken
 * from an OAuth redirect), renewed with a refresh token when one was given. A real app uses
 * its OAuth library (authorization code with PKCE) instead.
 */
export class PageAuth implements SalesforceAuth {
  constructor(
    private session: Session,
    private readonly refreshToken: string,
    private readonly clientId: string,
  ) {}

  async currentSession(): Promise<Session> {
    return this.session;
  }

  async refresh(rejectedToken: string): Promise<void> {
    if (this.session.accessToken !== rejectedToken) return; // already renewed
    if (!this.refreshToken) throw new Error('the page has no refresh token: paste a new access token');
    const response = await fetch(`${this.session.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: this.clientId,
        refresh_token: this.refreshToken,
      }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    const field = (name: string): string | undefined => {
      const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
      return typeof value === 'string' ? value : undefined;
    };
    const accessToken = field('access_token');
    const instanceUrl = field('instance_url');
    if (!response.ok || !accessToken || !instanceUrl) {
      const code = field('error');
      const reason = field('error_description') ?? `HTTP ${response.status}`;
      throw new Error(`the token endpoint said: ${reason}${code ? ` (${code})` : ''}`);
    }
    this.session = { instanceUrl, accessToken };
  }
}
