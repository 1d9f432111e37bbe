import { checkSecureUrl } from './secure-url.js';

/** Where token requests go when no login URL is given: production and Developer Edition orgs. */
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';

/** The sandbox login host. */
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/**
 * Checks a login (or instance) URL with {@link checkSecureUrl} and drops trailing slashes,
 * so `${url}/services/oauth2/token` is well formed.
 */
export function normalizeUrl(url: string, name: string, allowInsecure: boolean): string {
  checkSecureUrl(url, name, allowInsecure);
  return url.trim().replace(/\/+$/, '');
}

/** The token endpoint of a login host (or My Domain, or Experience Cloud site). */
export function tokenEndpoint(loginUrl: string): string {
  return `${loginUrl}/services/oauth2/token`;
}

/** The host of an already-checked URL, lower-cased. */
export function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

/**
 * True when the host belongs to a sandbox: `test.salesforce.com`, a My Domain sandbox
 * (`acme--uat.sandbox.my.salesforce.com`, `...sandbox.lightning.force.com`) or a
 * legacy sandbox instance (`acme--uat.cs42.my.salesforce.com`).
 */
export function isSandboxHost(host: string): boolean {
  return (
    host === 'test.salesforce.com' ||
    /\.sandbox\.(my\.salesforce|lightning\.force|my\.site|my\.salesforce-sites)\.com$/.test(host) ||
    /--[a-z0-9-]+\.cs\d+\.my\.salesforce\.com$/.test(host)
  );
}
