// The provider's ID-token signing keys: ES256 (P-256), kept in PostgreSQL with the private part encrypted
// at rest (AES-256-GCM, key derived from SESSION_SECRET). The newest active key signs; a retired key stays
// published in the JWKS for a grace period so tokens it signed remain verifiable by relying parties.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { type Actor, actorId, actorLabel, hasProvinceRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { forbidden } from '../../platform/errors.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { open, seal } from './crypto.ts';
import {
  activeKid as findActiveKid,
  insertSigningKey,
  keySetFingerprint,
  lockSigningKeys,
  publishedKeys,
  retireActiveKey,
} from './repo-keys.ts';

/** Longer than any token's lifetime and any sensible JWKS cache at a relying party. */
export const RETIRED_KEY_GRACE_SECONDS = 7 * 24 * 60 * 60;

/** Where key problems are reported (the app's logger). */
export interface KeyLogger {
  warn(details: object, message: string): void;
}

export interface PrivateJwk {
  readonly kty: string;
  readonly kid: string;
  readonly alg: string;
  readonly use: 'sig';
  readonly key_ops?: readonly string[];
  readonly [member: string]: unknown;
}

export interface LoadedKeys {
  /** Private JWKs for oidc-provider's `jwks`: the signing key first, retired ones marked verify-only. */
  readonly jwks: PrivateJwk[];
  readonly fingerprint: string;
}

const aad = (kid: string) => `oidc_signing_key:${kid}`;

/** RFC 7638 thumbprint of a P-256 public key: a stable, collision-free kid. */
function thumbprint(jwk: { crv?: unknown; x?: unknown; y?: unknown }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

function generateEs256(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kty: 'EC', kid: thumbprint(jwk), alg: 'ES256', use: 'sig' };
}

export function signingKeys(db: Db, sessionSecret: string, logger?: KeyLogger) {
  const encryptionKey = deriveKey(sessionSecret, 'oidc signing key encryption');

  async function createKey(trx: Db): Promise<string> {
    const jwk = generateEs256();
    await insertSigningKey(trx, {
      kid: jwk.kid,
      alg: 'ES256',
      privateJwkEncrypted: seal(encryptionKey, JSON.stringify(jwk), aad(jwk.kid)),
    });
    return jwk.kid;
  }

  function decrypt(kid: string, sealed: string): PrivateJwk | undefined {
    try {
      return JSON.parse(open(encryptionKey, sealed, aad(kid))) as PrivateJwk;
    } catch {
      // SESSION_SECRET changed since the key was made: the key is unusable and must not be published.
      logger?.warn({ kid }, 'an OpenID signing key cannot be decrypted with the current SESSION_SECRET');
      return undefined;
    }
  }

  return {
    /** Makes sure a usable signing key exists (first start; or SESSION_SECRET was changed). */
    async ensureActiveKey(): Promise<void> {
      await inTransaction(db, async (trx) => {
        await lockSigningKeys(trx);
        const [active] = (await publishedKeys(trx, 0)).filter((row) => row.retiredAt === null);
        if (active !== undefined && decrypt(active.kid, active.privateJwkEncrypted) !== undefined) return;
        if (active !== undefined) await retireActiveKey(trx);
        await createKey(trx);
      });
    },

    /** Creates a new signing key and retires the current one (the console or a platform administrator). */
    async rotate(actor: Actor): Promise<{ retiredKid: string | undefined; newKid: string }> {
      if (actor.kind !== 'system' && !hasProvinceRole(actor, 'platform_admin')) {
        throw forbidden('Only a platform administrator can rotate signing keys');
      }
      return inTransaction(db, async (trx) => {
        await lockSigningKeys(trx);
        const retiredKid = await retireActiveKey(trx);
        const newKid = await createKey(trx);
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'oidc.signing_key_rotated',
          subjectType: 'oidc_signing_key',
          subjectId: newKid,
          details: { retiredKid: retiredKid ?? null },
        });
        return { retiredKid, newKid };
      });
    },

    async activeKid(): Promise<string | undefined> {
      return findActiveKid(db);
    },

    fingerprint(): Promise<string> {
      return keySetFingerprint(db, RETIRED_KEY_GRACE_SECONDS);
    },

    async load(): Promise<LoadedKeys> {
      const fingerprint = await keySetFingerprint(db, RETIRED_KEY_GRACE_SECONDS);
      const jwks: PrivateJwk[] = [];
      for (const row of await publishedKeys(db, RETIRED_KEY_GRACE_SECONDS)) {
        const jwk = decrypt(row.kid, row.privateJwkEncrypted);
        if (jwk === undefined) continue;
        jwks.push(row.retiredAt === null ? jwk : { ...jwk, key_ops: ['verify'] });
      }
      // oidc-provider signs with the first matching key: the active one goes first.
      jwks.sort((a, b) => Number(a.key_ops !== undefined) - Number(b.key_ops !== undefined));
      return { jwks, fingerprint };
    },
  };
}

export type SigningKeys = ReturnType<typeof signingKeys>;
