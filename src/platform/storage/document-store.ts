// Where uploaded documents live. Callers keep a document's key, type, size and hash in their own tables;
// the store keeps only the bytes. Keys are random (128 bits, lowercase hex) and never come from the
// uploader's file name, so a key can neither collide with another upload nor point outside the store.
// The default store is the local disk under DATA_DIR/documents; an object store can implement the same
// interface later.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { type DocumentType, MAX_DOCUMENT_BYTES, sha256Hex, sniffDocumentType } from './content-type.ts';

export interface StoredDocument {
  /** Generated: 32 lowercase hex characters (128 random bits). */
  readonly key: string;
  readonly type: DocumentType;
  readonly size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
}

export interface DocumentStore {
  /** Stores bytes already checked with `checkUpload`; refuses bytes that are not really `type`. */
  put(bytes: Uint8Array, type: DocumentType): Promise<StoredDocument>;
  /** The bytes, or undefined when no document has this key. Throws on a key of the wrong shape. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Removes the document; deleting a missing one is not an error. Throws on a key of the wrong shape. */
  delete(key: string): Promise<void>;
}

const KEY_SHAPE = /^[0-9a-f]{32}$/;

export function isDocumentKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export function newDocumentKey(): string {
  return randomBytes(16).toString('hex');
}

function requireKey(key: string): void {
  if (!isDocumentKey(key)) throw new AppError('bad_request', 'Not a document key');
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Documents under `rootDir/<first two characters of the key>/<key>`, each file mode 0600. */
export function localDiskStore(rootDir: string): DocumentStore {
  const root = path.resolve(rootDir);
  const fileFor = (key: string) => path.join(root, key.slice(0, 2), key);

  async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A reader never sees half a file: write beside the target, flush to disk, then rename over it.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // whatever the process umask
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // Make the rename itself durable.
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  return {
    async put(bytes, type) {
      if (bytes.length === 0 || bytes.length > MAX_DOCUMENT_BYTES) {
        throw new AppError('bad_request', 'Document is empty or too large');
      }
      if (sniffDocumentType(bytes) !== type) {
        throw new AppError('bad_request', `Document content is not ${type}`);
      }
      const key = newDocumentKey();
      await writeAtomically(fileFor(key), bytes);
      return { key, type, size: bytes.length, sha256: sha256Hex(bytes) };
    },
    async get(key) {
      requireKey(key);
      try {
        return new Uint8Array(await readFile(fileFor(key)));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      requireKey(key);
      await rm(fileFor(key), { force: true });
    },
  };
}

export function documentsDir(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

/** The default store: local disk under `DATA_DIR/documents` (pass `config.dataDir`). */
export function documentStoreFor(dataDir: string): DocumentStore {
  return localDiskStore(documentsDir(dataDir));
}
