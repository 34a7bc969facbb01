// Signed checkpoints: the log's Ed25519 key (made on first use, private part sealed with a key derived from
// SESSION_SECRET) signs a C2SP checkpoint whenever the tree has grown since the last one.
import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { open, seal } from '../../platform/sealed.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { checkpointBody, keyId, rawPublicKey, signNote, verifierKey } from './note.ts';
import { rootAt } from './proofs.ts';
import { type CheckpointRow, insertCheckpoint, latestCheckpoint, lockCheckpoints, treeSize } from './repo.ts';
import { type SigningKeyRow, activeSigningKey, insertSigningKey, lockSigningKey } from './repo-keys.ts';

export interface LogSecrets {
  readonly sessionSecret: string;
  readonly publicUrl: string;
}

/** The log's name: the site's address without the scheme, then /log (as C2SP origins are written). */
export function logOrigin(publicUrl: string): string {
  const url = new URL(publicUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

interface OpenKey {
  readonly name: string;
  readonly publicKey: Buffer;
  readonly privateKey: KeyObject;
}

const aad = (id: string) => `log_signing_key:${id}`;

export function checkpointSigner(db: Db, secrets: LogSecrets) {
  const encryptionKey = deriveKey(secrets.sessionSecret, 'transparency log checkpoint key');

  async function createKey(trx: Db): Promise<SigningKeyRow> {
    const name = logOrigin(secrets.publicUrl);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const id = keyId(name, raw).toString('hex');
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const row = { keyId: id, name, publicKey: raw, privateKeyEncrypted: seal(encryptionKey, der, aad(id)) };
    await insertSigningKey(trx, row);
    return row;
  }

  async function signingKey(): Promise<OpenKey> {
    const row =
      (await activeSigningKey(db)) ??
      (await inTransaction(db, async (trx) => {
        await lockSigningKey(trx);
        return (await activeSigningKey(trx)) ?? createKey(trx);
      }));
    let der: string;
    try {
      der = open(encryptionKey, row.privateKeyEncrypted, aad(row.keyId));
    } catch (error: unknown) {
      // Never replace the key silently: everyone who keeps our checkpoints trusts this one.
      throw new Error('The transparency log key cannot be opened: SESSION_SECRET has changed', {
        cause: error,
      });
    }
    const privateKey = createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
    return { name: row.name, publicKey: row.publicKey, privateKey };
  }

  async function signIfGrown(): Promise<{ signed: boolean; checkpoint: CheckpointRow }> {
    const key = await signingKey();
    return inTransaction(db, async (trx) => {
      await lockCheckpoints(trx);
      const latest = await latestCheckpoint(trx);
      const size = await treeSize(trx);
      if (latest !== undefined && latest.treeSize >= size) return { signed: false, checkpoint: latest };
      const rootHash = await rootAt(trx, size);
      const body = checkpointBody({ origin: key.name, size, rootHash });
      const note = signNote(body, key.name, key.privateKey, key.publicKey);
      const id = keyId(key.name, key.publicKey).toString('hex');
      await insertCheckpoint(trx, { treeSize: size, rootHash, keyId: id, note });
      return {
        signed: true,
        checkpoint: { treeSize: size, rootHash, keyId: id, note, createdAt: new Date() },
      };
    });
  }

  return {
    /** Signs a checkpoint when the tree has grown since the last one (the minute job; tests call it). */
    signIfGrown,

    /** The newest checkpoint; the first one is signed on first use. */
    async current(): Promise<CheckpointRow> {
      return (await latestCheckpoint(db)) ?? (await signIfGrown()).checkpoint;
    },

    /** The checkpoint key in signed-note verifier format: name+hex key id+base64(0x01 ‖ public key). */
    async verifierKey(): Promise<string> {
      const key = await signingKey();
      return verifierKey(key.name, key.publicKey);
    },
  };
}

export type CheckpointSigner = ReturnType<typeof checkpointSigner>;
