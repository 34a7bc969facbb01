// The transparency log's use cases. Appends come from other modules' services inside their own
// transactions (never from HTTP); everything else is public reading, so no actor is needed to read.
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type CheckpointSigner, type LogSecrets, checkpointSigner } from './checkpoints.ts';
import { type LeafContent, type LogRecord, leafBytes, leafContent, parseLeaf } from './leaf.ts';
import { leafHash, verifyInclusion } from './merkle.ts';
import { openNote, parseCheckpointBody, parseVerifierKey } from './note.ts';
import { consistencyProof, inclusionProof, rootAt } from './proofs.ts';
import { entriesBetween, enqueue, indexOfLeafHash, pendingCount, treeSize } from './repo.ts';
import { appendImmediately, sequenceBatch } from './sequencer.ts';

/** At most this many entries per `/log/entries` page. */
export const MAX_ENTRIES_PAGE = 1000;
const SEQUENCE_BATCH = 2000;

export interface ProvenEntry {
  readonly index: number;
  readonly data: Buffer;
  readonly leaf: LeafContent | undefined;
  readonly leafHash: Buffer;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly proof: Buffer[];
  /** The proof leads to the root of a checkpoint whose signature verifies with the log's key. */
  readonly verified: boolean;
  /** The signed note it was checked against. */
  readonly checkpoint: string;
}

export interface PublicEntry {
  readonly index: number;
  readonly data: Buffer;
}

export function transparencyLog(db: Db) {
  return {
    /**
     * Queues an entry in the caller's transaction; the sequencer gives it its index within a minute. `ids`
     * are published in clear; only the SHA-256 of `record` is.
     */
    async append(kind: string, entry: LogRecord): Promise<{ queued: number }> {
      const data = leafBytes(leafContent(kind, entry, new Date()));
      return { queued: await enqueue(db, kind, data) };
    },

    /**
     * Appends now, in the caller's transaction, for records that must state their log index (credentials).
     * Appends of this kind are serialised until each caller's transaction ends: keep those transactions short.
     */
    async appendNow(
      kind: string,
      entry: LogRecord,
    ): Promise<{ index: number; leafHash: Buffer; data: Buffer }> {
      const data = leafBytes(leafContent(kind, entry, new Date()));
      const appended = await appendImmediately(db, { kind, data, queuedAt: new Date() });
      return { index: appended.index, leafHash: appended.leafHash, data };
    },

    /** Sequences every queued append (in batches); returns how many were added. */
    async sequencePending(): Promise<number> {
      let total = 0;
      for (;;) {
        const added = await sequenceBatch(db, SEQUENCE_BATCH);
        total += added;
        if (added < SEQUENCE_BATCH) return total;
      }
    },

    pendingCount: () => pendingCount(db),
    size: () => treeSize(db),
    root: (size: number) => rootAt(db, size),
    inclusionProof: (index: number, size: number) => inclusionProof(db, index, size),
    consistencyProof: (from: number, to: number) => consistencyProof(db, from, to),

    async indexOfLeafHash(hash: Buffer): Promise<number> {
      if (hash.length !== 32) throw new AppError('bad_request', 'hash must be 32 bytes, base64');
      const index = await indexOfLeafHash(db, hash);
      if (index === undefined) throw notFound('A log entry with this leaf hash');
      return index;
    },

    /** Entries start..end inclusive (RFC 9162 get-entries), at most MAX_ENTRIES_PAGE, cut at the tree's end. */
    async entries(start: number, end: number): Promise<PublicEntry[]> {
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
        throw new AppError('bad_request', 'start and end must be whole numbers with 0 ≤ start ≤ end');
      }
      const size = await treeSize(db);
      if (start >= size) throw new AppError('bad_request', `The log has ${size} entries; start is beyond it`);
      const last = Math.min(end, start + MAX_ENTRIES_PAGE - 1, size - 1);
      const rows = await entriesBetween(db, start, last + 1);
      return rows.map((row) => ({ index: row.index, data: row.data }));
    },

    async entry(index: number): Promise<PublicEntry | undefined> {
      const [row] = await entriesBetween(db, index, index + 1);
      return row === undefined ? undefined : { index: row.index, data: row.data };
    },
  };
}

export type TransparencyLog = ReturnType<typeof transparencyLog>;

/** The log with its checkpoint signer: what src/services.ts wires. */
export function transparencyLogService(db: Db, secrets: LogSecrets) {
  const log = transparencyLog(db);
  const signer: CheckpointSigner = checkpointSigner(db, secrets);
  return {
    ...log,
    ...signer,
    /**
     * An entry with its inclusion proof against the newest signed checkpoint (signing one first if the
     * entry is newer), checked here as any outside verifier would: the note's signature with the log key,
     * then RFC 9162 §2.1.3.2 up to the signed root.
     */
    async provenEntry(index: number): Promise<ProvenEntry | undefined> {
      const entry = await log.entry(index);
      if (entry === undefined) return undefined;
      let checkpoint = await signer.current();
      if (checkpoint.treeSize <= index) checkpoint = (await signer.signIfGrown()).checkpoint;
      const key = parseVerifierKey(await signer.verifierKey());
      const body = key === undefined ? undefined : openNote(checkpoint.note, key);
      const signed = body === undefined ? undefined : parseCheckpointBody(body);
      const size = signed?.size ?? checkpoint.treeSize;
      const hash = leafHash(entry.data);
      const proof = await log.inclusionProof(index, size);
      return {
        index,
        data: entry.data,
        leaf: parseLeaf(entry.data),
        leafHash: hash,
        treeSize: size,
        rootHash: signed?.rootHash ?? checkpoint.rootHash,
        proof: proof.hashes,
        verified: signed !== undefined && verifyInclusion(hash, index, size, proof.hashes, signed.rootHash),
        checkpoint: checkpoint.note,
      };
    },

    /** The minute job: sequence what is queued, then sign a checkpoint if the tree grew. */
    async tick(): Promise<{ sequenced: number; signed: boolean; size: number }> {
      const sequenced = await log.sequencePending();
      const { signed, checkpoint } = await signer.signIfGrown();
      return { sequenced, signed, size: checkpoint.treeSize };
    },
  };
}

export type TransparencyLogService = ReturnType<typeof transparencyLogService>;
