// Checking an access token our provider issued, for the JSON API (`Authorization: Bearer …`). Tokens are
// opaque: the value is the id under which the adapter stored it. The checks follow oidc-provider's own
// userinfo endpoint: not expired, its grant still there (revoking a connected app deletes both), of the
// same account and client, its session still alive when it lives only as long as the session, the client
// still registered and enabled. Sender-constrained tokens (DPoP, mTLS) cannot be honoured here: refused.
import type { Db } from '../../platform/db/database.ts';
import { findClient } from './repo-clients.ts';
import { findPayload } from './repo.ts';

/** The scope a relying party must be granted to act for the person through the API. */
export const API_SCOPE = 'applications';

export interface AccessTokenOwner {
  readonly accountId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

/** Shape of an access token's value (nanoid: base64url alphabet). */
const TOKEN_VALUE = /^[A-Za-z0-9_-]{20,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const text = (payload: Record<string, unknown>, name: string): string | undefined => {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
};

function sessionGrantFor(session: Record<string, unknown>, clientId: string): string | undefined {
  const authorizations = session['authorizations'] as Record<string, { grantId?: unknown }> | undefined;
  const grantId = authorizations?.[clientId]?.grantId;
  return typeof grantId === 'string' ? grantId : undefined;
}

/** Who the token speaks for, or undefined when it is unknown, expired, revoked or otherwise unusable. */
export async function accessTokenOwner(db: Db, token: string): Promise<AccessTokenOwner | undefined> {
  if (!TOKEN_VALUE.test(token)) return undefined;
  const stored = await findPayload(db, 'AccessToken', 'id', token);
  if (stored === undefined) return undefined;
  const payload = stored.payload;
  const accountId = text(payload, 'accountId');
  const clientId = text(payload, 'clientId');
  const grantId = text(payload, 'grantId');
  const exp = payload['exp'];
  if (accountId === undefined || clientId === undefined || grantId === undefined) return undefined;
  if (!UUID.test(accountId) || typeof exp !== 'number' || exp * 1000 <= Date.now()) return undefined;
  if (payload['jkt'] !== undefined || payload['x5t#S256'] !== undefined) return undefined;

  const grant = await findPayload(db, 'Grant', 'id', grantId);
  if (grant === undefined) return undefined;
  if (text(grant.payload, 'accountId') !== accountId || text(grant.payload, 'clientId') !== clientId)
    return undefined;
  if (payload['expiresWithSession'] === true) {
    const sessionUid = text(payload, 'sessionUid');
    const session =
      sessionUid === undefined ? undefined : await findPayload(db, 'Session', 'uid', sessionUid);
    if (
      session === undefined ||
      text(session.payload, 'accountId') !== accountId ||
      sessionGrantFor(session.payload, clientId) !== grantId
    )
      return undefined;
  }
  const client = await findClient(db, clientId);
  if (client === undefined || client.disabledAt !== null) return undefined;
  const scopes = (text(payload, 'scope') ?? '').split(' ').filter((scope) => scope !== '');
  return { accountId, clientId, scopes };
}
