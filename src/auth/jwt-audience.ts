import { DEFAULT_LOGIN_URL, hostOf, isSandboxHost, SANDBOX_LOGIN_URL } from './login-url.js';
import { isLoopbackHost } from './secure-url.js';

/**
 * The `aud` claim for a login URL: an explicit audience wins; a loopback login URL (the
 * local emulator) is its own audience; a sandbox host (`test.salesforce.com`, My Domain
 * sandboxes) gives `https://test.salesforce.com`; anything else (production, My Domain,
 * Developer Edition) gives `https://login.salesforce.com`.
 */
export function jwtAudience(loginUrl: string, audience?: string): string {
  if (audience) return audience.replace(/\/+$/, '');
  const host = hostOf(loginUrl);
  if (isLoopbackHost(host)) return loginUrl.replace(/\/+$/, '');
  return isSandboxHost(host) ? SANDBOX_LOGIN_URL : DEFAULT_LOGIN_URL;
}
