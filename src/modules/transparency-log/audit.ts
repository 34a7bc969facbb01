// `log:verify`: recomputes the whole tree from the stored leaf data and compares it with every stored leaf
// hash, subtree hash and signed checkpoint, naming each row that disagrees. Reads in aligned chunks, so
// memory stays flat at any size.
import type { Db } from '../../platform/db/database.ts';
import { EMPTY_ROOT, leafHash, nodeId } from './merkle.ts';
import { keyId, openNote, parseCheckpointBody } from './note.ts';
import {
  type CheckpointRow,
  type StoredNode,
  allCheckpoints,
  entriesBetween,
  nodeHashes,
  nodesInRange,
} from './repo.ts';
import { signingKeysById } from './repo-keys.ts';
import { Frontier } from './sequencer.ts';

/** Leaves per read: 2^12, so every subtree up to level 12 lies inside one chunk. */
const CHUNK_LEVEL = 12;
const CHUNK = 2 ** CHUNK_LEVEL;

export interface LogAudit {
  readonly entries: number;
  readonly nodes: number;
  readonly checkpoints: number;
  readonly problems: string[];
}

const leavesOf = (node: { level: number; index: number }) => {
  const width = 2 ** node.level;
  return { first: node.index * width, last: (node.index + 1) * width - 1 };
};

function checkCheckpoint(
  checkpoint: CheckpointRow,
  root: Buffer,
  keys: Map<string, { name: string; publicKey: Buffer }>,
): string[] {
  const problems: string[] = [];
  const where = `log_checkpoint ${checkpoint.treeSize}`;
  if (!root.equals(checkpoint.rootHash)) {
    problems.push(
      `${where}: its root differs from the tree recomputed from the entries (an entry below index ${checkpoint.treeSize} was changed)`,
    );
  }
  const key = keys.get(checkpoint.keyId);
  const body =
    key === undefined
      ? undefined
      : openNote(checkpoint.note, {
          name: key.name,
          keyId: keyId(key.name, key.publicKey),
          publicKey: key.publicKey,
        });
  const parsed = body === undefined ? undefined : parseCheckpointBody(body);
  if (key === undefined || parsed === undefined) {
    problems.push(`${where}: the signed note does not verify with the log's key ${checkpoint.keyId}`);
  } else if (
    parsed.size !== checkpoint.treeSize ||
    !parsed.rootHash.equals(checkpoint.rootHash) ||
    parsed.origin !== key.name
  ) {
    problems.push(`${where}: the signed note states another origin, size or root than the row`);
  } else if (!root.equals(parsed.rootHash)) {
    problems.push(`${where}: the signed root differs from the tree recomputed from the entries`);
  }
  return problems;
}

export async function auditLog(db: Db): Promise<LogAudit> {
  const problems: string[] = [];
  const badLeaves: number[] = [];
  const checkpoints = await allCheckpoints(db);
  const keys = await signingKeysById(db);
  const frontier = new Frontier(0, new Map());
  let nodesChecked = 0;
  let pendingCheckpoint = 0;
  /** Subtrees above one chunk, compared once their chunk is read. */
  let high: StoredNode[] = [];

  const settleCheckpoints = () => {
    while (
      pendingCheckpoint < checkpoints.length &&
      (checkpoints[pendingCheckpoint] as CheckpointRow).treeSize <= frontier.size
    ) {
      const checkpoint = checkpoints[pendingCheckpoint] as CheckpointRow;
      if (checkpoint.treeSize === frontier.size) {
        problems.push(...checkCheckpoint(checkpoint, frontier.root() ?? EMPTY_ROOT, keys));
      }
      pendingCheckpoint += 1;
    }
  };
  const compare = (computed: StoredNode, stored: Buffer | undefined) => {
    nodesChecked += 1;
    if (stored !== undefined && stored.equals(computed.hash)) return;
    const { first, last } = leavesOf(computed);
    if (badLeaves.some((leaf) => leaf >= first && leaf <= last)) return; // already named below it
    problems.push(
      stored === undefined
        ? `log_node level ${computed.level} index ${computed.index} (entries ${first}..${last}): missing`
        : `log_node level ${computed.level} index ${computed.index} (entries ${first}..${last}): its hash differs from the one recomputed from the entries`,
    );
  };

  settleCheckpoints();
  for (let start = 0; ; start += CHUNK) {
    const entries = await entriesBetween(db, start, start + CHUNK);
    if (entries.length === 0) break;
    const stored = new Map(
      (await nodesInRange(db, { from: 1, to: CHUNK_LEVEL }, { start, end: start + CHUNK })).map((node) => [
        nodeId(node),
        node.hash,
      ]),
    );
    for (const entry of entries) {
      if (entry.index !== frontier.size) {
        problems.push(`log_entry ${frontier.size}: missing (the next stored entry is ${entry.index})`);
        return { entries: frontier.size, nodes: nodesChecked, checkpoints: checkpoints.length, problems };
      }
      const recomputed = leafHash(entry.data);
      if (!recomputed.equals(entry.leafHash)) {
        badLeaves.push(entry.index);
        problems.push(
          `log_entry ${entry.index}: its data does not match its leaf_hash (the entry was altered)`,
        );
      }
      for (const node of frontier.add(recomputed)) {
        if (node.level <= CHUNK_LEVEL) compare(node, stored.get(nodeId(node)));
        else high.push(node);
      }
      settleCheckpoints();
    }
    if (high.length > 0) {
      const found = await nodeHashes(db, high);
      for (const node of high) compare(node, found.get(nodeId(node)));
      high = [];
    }
    if (entries.length < CHUNK) break;
  }
  for (const checkpoint of checkpoints.slice(pendingCheckpoint)) {
    problems.push(
      `log_checkpoint ${checkpoint.treeSize}: beyond the ${frontier.size} stored entries (entries were removed)`,
    );
  }
  return { entries: frontier.size, nodes: nodesChecked, checkpoints: checkpoints.length, problems };
}
