import { createHmac } from 'node:crypto';
import type { Reply } from '../http/reply.js';
import type { EmulatorUser } from './identity.js';

const JSON_TYPE = {
  'Content-Type': 'application/json;charset=UTF-8',
  'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private',
};

/** An OAuth error (§8.3): `{"error","error_description"}`, status 400. */
export function oauthError(error: string, description: string): Reply {
  return { status: 400, json: { error, error_description: description }, headers: JSON_TYPE };
}

/** What the success body is built from. */
export interface TokenGrant {
  readonly token: string;
  readonly issuedAt: number;
  readonly user: EmulatorUser;
  readonly instanceUrl: string;
  readonly orgId: string;
  /** Key of the `signature` HMAC: the client secret (or the client id when the app has none). */
  readonly signingKey: string;
  readonly scope: string;
  readonly refreshToken?: string;
}

/** The §8.2 success body; `issued_at` is epoch ms as a string, `signature` = HMAC-SHA256(id + issued_at). */
export function tokenSuccess(grant: TokenGrant): Reply {
  const id = `${grant.instanceUrl}/id/${grant.orgId}/${grant.user.id}`;
  const issuedAt = String(grant.issuedAt);
  const signature = createHmac('sha256', grant.signingKey)
    .update(id + issuedAt)
    .digest('base64');
  return {
    status: 200,
    headers: JSON_TYPE,
    json: {
      access_token: grant.token,
      ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
      signature,
      scope: grant.scope,
      instance_url: grant.instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    },
  };
}
