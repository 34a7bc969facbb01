// Each department's certificate signing keys: ES256 (P-256), kept in PostgreSQL with the private JWK sealed
// (AES-256-GCM, key derived from SESSION_SECRET). One key signs per department; a rotation retires it, and
// retired keys stay published for good, since the certificates they signed stay valid for years.
import { type JsonWebKey, type KeyObject, createHash, generateKeyPairSync } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { open, seal } from '../../platform/sealed.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { privateKeyFromJwk } from './jws.ts';
import {
  type PublicJwk,
  type SigningKeyRow,
  activeKey,
  insertKey,
  keyByKid,
  lockDepartmentKeys,
  publishedKeys,
  retireKey,
} from './repo.ts';

const aad = (kid: string) => `certificate_signing_key:${kid}`;

/** RFC 7638 thumbprint of a P-256 public key: a stable kid that names the key itself. */
function thumbprint(jwk: { crv?: unknown; x?: unknown; y?: unknown }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export function certificateKeys(db: Db, sessionSecret: string) {
  const encryptionKey = deriveKey(sessionSecret, 'certificate signing key encryption');

  async function createKey(trx: Db, departmentCode: string): Promise<string> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    const kid = thumbprint(jwk);
    const publicJwk: PublicJwk = {
      kty: 'EC',
      crv: 'P-256',
      x: String(jwk.x),
      y: String(jwk.y),
      kid,
      alg: 'ES256',
      use: 'sig',
    };
    await insertKey(trx, {
      kid,
      departmentCode,
      publicJwk,
      privateJwkEncrypted: seal(encryptionKey, JSON.stringify(jwk), aad(kid)),
    });
    return kid;
  }

  function openKey(row: SigningKeyRow): SigningKey {
    let jwk: JsonWebKey;
    try {
      jwk = JSON.parse(open(encryptionKey, row.private_jwk_encrypted, aad(row.kid))) as JsonWebKey;
    } catch (error: unknown) {
      throw new Error(
        `Certificate key ${row.kid} cannot be opened: SESSION_SECRET has changed; rotate the key`,
        { cause: error },
      );
    }
    return { kid: row.kid, privateKey: privateKeyFromJwk(jwk) };
  }

  return {
    /** The department's signing key, made on first use (in the caller's transaction). */
    async signingKey(departmentCode: string): Promise<SigningKey> {
      return inTransaction(db, async (trx) => {
        const existing = await activeKey(trx, departmentCode);
        if (existing !== undefined) return openKey(existing);
        await lockDepartmentKeys(trx, departmentCode);
        const again = await activeKey(trx, departmentCode);
        if (again !== undefined) return openKey(again);
        await createKey(trx, departmentCode);
        return openKey((await activeKey(trx, departmentCode)) as SigningKeyRow);
      });
    },

    async rotate(departmentCode: string): Promise<{ retiredKid: string | undefined; newKid: string }> {
      return inTransaction(db, async (trx) => {
        await lockDepartmentKeys(trx, departmentCode);
        const retiredKid = await retireKey(trx, departmentCode);
        return { retiredKid, newKid: await createKey(trx, departmentCode) };
      });
    },

    /** A published key by kid with its department; undefined for a kid we never issued. */
    async publicKey(kid: string): Promise<{ jwk: PublicJwk; departmentCode: string } | undefined> {
      const row = await keyByKid(db, kid);
      return row === undefined ? undefined : { jwk: row.public_jwk, departmentCode: row.department_code };
    },

    async jwks(departmentCode?: string): Promise<{ keys: PublicJwk[] }> {
      return { keys: (await publishedKeys(db, departmentCode)).map((row) => row.public_jwk) };
    },
  };
}

export type CertificateKeys = ReturnType<typeof certificateKeys>;
