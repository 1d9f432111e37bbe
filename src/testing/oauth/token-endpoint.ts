import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../http/reply.js';
import type { ConnectedAppConfig, EmulatorUser, IdentityDirectory } from './identity.js';
import { decodeJwt, expiresAtSeconds, verifyRs256 } from './jwt-verify.js';
import { oauthError, tokenSuccess } from './oauth-replies.js';
import type { TokenStore } from './token-store.js';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Assertions may expire at most this far ahead (Salesforce asks for ~3 min; some write-ups say 5). */
const MAX_ASSERTION_AHEAD_S = 300;

/** What the token endpoint needs. */
export interface TokenEndpointDeps {
  readonly identities: IdentityDirectory;
  readonly tokens: TokenStore;
  readonly now: () => number;
  readonly instanceUrl: () => string;
  readonly orgId: string;
  readonly audiences: () => readonly string[];
  /** Leniency for `exp` in both directions. */
  readonly clockSkewSeconds: number;
}

const invalidClientId = (): Reply => oauthError('invalid_client_id', 'client identifier invalid');
const invalidAssertion = (): Reply => oauthError('invalid_grant', 'invalid assertion');
const stripSlash = (url: string): string => url.replace(/\/+$/, '');

function basicCredentials(headers: IncomingHttpHeaders): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function grant(deps: TokenEndpointDeps, user: EmulatorUser, client: ConnectedAppConfig, refreshToken?: string): Reply {
  const { token, issuedAt } = deps.tokens.issueAccess(user);
  return tokenSuccess({
    token,
    issuedAt,
    user,
    instanceUrl: deps.instanceUrl(),
    orgId: deps.orgId,
    signingKey: client.clientSecret ?? client.clientId,
    scope: refreshToken === undefined ? 'api' : 'api refresh_token',
    ...(refreshToken ? { refreshToken } : {}),
  });
}

function jwtBearer(deps: TokenEndpointDeps, form: URLSearchParams): Reply {
  const jwt = decodeJwt(form.get('assertion') ?? '');
  if (!jwt) return invalidAssertion();
  const client = typeof jwt.claims.iss === 'string' ? deps.identities.client(jwt.claims.iss) : undefined;
  if (!client) return invalidClientId();
  if (!client.publicKeyPem || !verifyRs256(jwt, client.publicKeyPem)) return invalidAssertion();
  const audiences = deps.audiences().map(stripSlash);
  const aud = Array.isArray(jwt.claims.aud) ? jwt.claims.aud : [jwt.claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(stripSlash(a)))) {
    return oauthError('invalid_grant', 'audience is invalid');
  }
  const exp = expiresAtSeconds(jwt.claims);
  const nowS = deps.now() / 1000;
  if (exp === undefined) return invalidAssertion();
  if (exp < nowS - deps.clockSkewSeconds) return oauthError('invalid_grant', 'expired authorization code');
  // Too far ahead: Salesforce's text is not documented; "invalid assertion" is its generic answer.
  if (exp > nowS + MAX_ASSERTION_AHEAD_S + deps.clockSkewSeconds) return invalidAssertion();
  const user = typeof jwt.claims.sub === 'string' ? deps.identities.user(jwt.claims.sub) : undefined;
  if (!user) return oauthError('invalid_grant', "user hasn't approved this consumer");
  return grant(deps, user, client);
}

/** Client id + secret from the body or `Authorization: Basic`; the secret must match when the app has one. */
function authenticateClient(
  deps: TokenEndpointDeps,
  form: URLSearchParams,
  headers: IncomingHttpHeaders,
  secretRequired: boolean,
): ConnectedAppConfig | Reply {
  const basic = basicCredentials(headers);
  const id = form.get('client_id') ?? basic?.id ?? '';
  const secret = form.get('client_secret') ?? basic?.secret;
  const client = deps.identities.client(id);
  if (!client) return invalidClientId();
  if (secret === undefined && !secretRequired) return client;
  if (!client.clientSecret || secret !== client.clientSecret)
    return oauthError('invalid_client', 'invalid client credentials');
  return client;
}

function clientCredentials(deps: TokenEndpointDeps, form: URLSearchParams, headers: IncomingHttpHeaders): Reply {
  const client = authenticateClient(deps, form, headers, true);
  if ('status' in client) return client;
  const user = client.runAsUsername ? deps.identities.user(client.runAsUsername) : undefined;
  if (!user) return oauthError('invalid_grant', 'no client credentials user enabled');
  return grant(deps, user, client);
}

function password(deps: TokenEndpointDeps, form: URLSearchParams, headers: IncomingHttpHeaders): Reply {
  const client = authenticateClient(deps, form, headers, true);
  if ('status' in client) return client;
  const user = deps.identities.user(form.get('username') ?? '');
  if (!user || user.password === undefined || user.password !== form.get('password')) {
    return oauthError('invalid_grant', 'authentication failure');
  }
  return grant(deps, user, client);
}

function refreshToken(deps: TokenEndpointDeps, form: URLSearchParams, headers: IncomingHttpHeaders): Reply {
  const client = authenticateClient(deps, form, headers, false);
  if ('status' in client) return client;
  const record = deps.tokens.refreshGrant(form.get('refresh_token') ?? '');
  if (!record || record.clientId !== client.clientId)
    return oauthError('invalid_grant', 'expired access/refresh token');
  return grant(deps, record.user, client);
}

/** `POST /services/oauth2/token` (form-urlencoded): the four grant types of §8. */
export function handleTokenRequest(deps: TokenEndpointDeps, body: Buffer, headers: IncomingHttpHeaders): Reply {
  const form = new URLSearchParams(body.toString('utf8'));
  switch (form.get('grant_type')) {
    case JWT_GRANT:
      return jwtBearer(deps, form);
    case 'client_credentials':
      return clientCredentials(deps, form, headers);
    case 'password':
      return password(deps, form, headers);
    case 'refresh_token':
      return refreshToken(deps, form, headers);
    default:
      return oauthError('unsupported_grant_type', 'grant type not supported');
  }
}

/** `POST /services/oauth2/revoke`: revokes an access or refresh token. */
export function handleRevokeRequest(deps: TokenEndpointDeps, body: Buffer): Reply {
  const token = new URLSearchParams(body.toString('utf8')).get('token') ?? '';
  return deps.tokens.revoke(token)
    ? { status: 200 }
    : oauthError('unsupported_token_type', 'this token type is not supported');
}
