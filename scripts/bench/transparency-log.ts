// The transparency log at scale, on a throw-away database: builds a tree of --leaves leaves (10,000,000 by
// default) in SQL, leaves and subtree hashes alike, checks a corner of it against the sequencer's own
// hashing, then on top of it measures queued appends per second, the sequencer's leaves per second,
// immediate appends (appendNow) per second, and inclusion and consistency proof times. Reports; asserts nothing.
//   node --import tsx scripts/bench/transparency-log.ts [--leaves 10000000] [--appends 20000] [--connections 4]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/modules/transparency-log/merkle.ts';
import { Frontier } from '../../src/modules/transparency-log/sequencer.ts';
import { transparencyLog, transparencyLogService } from '../../src/modules/transparency-log/service.ts';
import { throwAwayDatabase } from './applications/database.ts';
import { percentiles } from './harness.ts';

const { values } = parseArgs({
  options: {
    leaves: { type: 'string', default: '10000000' },
    appends: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '4' },
  },
});
const LEAVES = Number(values.leaves);
const APPENDS = Number(values.appends);
const CONNECTIONS = Number(values.connections);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const seconds = (start: number) => (performance.now() - start) / 1000;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-tlog-'));
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
};
delete env['NODE_ENV'];
const config = loadConfig(env);
const bench = await throwAwayDatabase(config, createLogger('warn'));
const db = bench.database.db;
const figures: Record<string, number | string> = { leaves: LEAVES, database: bench.kind };

try {
  // 1. The tree, built in SQL: leaves in chunks, then each level from the one below (complete pairs only).
  const buildStarted = performance.now();
  let started = buildStarted;
  const CHUNK = 1_000_000;
  for (let first = 0; first < LEAVES; first += CHUNK) {
    const last = Math.min(first + CHUNK, LEAVES) - 1;
    await sql`insert into log_entry (index, kind, data, leaf_hash, queued_at)
      select i, 'bench.leaf', d, sha256('\\x00'::bytea || d), now()
      from generate_series(${first}::bigint, ${last}::bigint) as i
      cross join lateral (select convert_to('{"i":' || i || ',"kind":"bench.leaf"}', 'UTF8') as d) as x`.execute(
      db,
    );
    log(`leaves ${last + 1}/${LEAVES}`);
  }
  figures['buildLeavesSeconds'] = seconds(started);
  started = performance.now();
  await sql`insert into log_node (level, index, hash)
    select 1, index / 2, sha256('\\x01'::bytea || string_agg(leaf_hash, ''::bytea order by index))
    from log_entry where index < ${LEAVES - (LEAVES % 2)} group by index / 2`.execute(db);
  for (let level = 2; 2 ** level <= LEAVES; level += 1) {
    const below = Math.floor(LEAVES / 2 ** (level - 1));
    await sql`insert into log_node (level, index, hash)
      select ${level}, index / 2, sha256('\\x01'::bytea || string_agg(hash, ''::bytea order by index))
      from log_node where level = ${level - 1} and index < ${below - (below % 2)} group by index / 2`.execute(
      db,
    );
  }
  figures['buildNodesSeconds'] = seconds(started);
  await sql`analyze log_entry`.execute(db);
  await sql`analyze log_node`.execute(db);
  log(`tree of ${LEAVES} leaves built in ${Math.round(seconds(buildStarted))} s`);

  // 2. The SQL-built subtrees agree with the sequencer's hashing (first 4,096 leaves).
  const frontier = new Frontier(0, new Map());
  const sample = Math.min(4096, 2 ** Math.floor(Math.log2(LEAVES)));
  const rows = await sql<{
    data: Buffer;
  }>`select data from log_entry where index < ${sample} order by index`.execute(db);
  for (const row of rows.rows) frontier.add(leafHash(row.data));
  const stored = await sql<{ hash: Buffer }>`select hash from log_node
    where level = ${Math.log2(sample)} and index = 0`.execute(db);
  figures['sqlTreeMatchesSequencer'] = String(
    stored.rows[0]?.hash.equals(frontier.root() ?? Buffer.alloc(0)) === true,
  );

  // 3. A baseline for what follows: bare single-row INSERT transactions at the same concurrency.
  await sql`create table bench_baseline (id bigint generated always as identity, data bytea)`.execute(db);
  started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; i < APPENDS; i += CONNECTIONS) {
        await sql`insert into bench_baseline (data) values (${Buffer.from(String(i))})`.execute(db);
      }
    }),
  );
  figures['baselineInsertsPerSecond'] = Math.round(APPENDS / seconds(started));

  // 4. Queued appends from several connections (each its own transaction here), then the sequencer.
  const service = transparencyLogService(db, config);
  started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; i < APPENDS; i += CONNECTIONS) {
        await service.append('bench.queued', { ids: { n: i }, record: { n: i, nonce: Math.random() } });
      }
    }),
  );
  figures['queuedAppendsPerSecond'] = Math.round(APPENDS / seconds(started));
  started = performance.now();
  const sequenced = await service.sequencePending();
  figures['sequencedLeavesPerSecond'] = Math.round(sequenced / seconds(started));

  // 5. Immediate appends (each in its own transaction, serialised by the sequencer lock).
  const IMMEDIATE = Math.min(APPENDS, 5000);
  started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; i < IMMEDIATE; i += CONNECTIONS) {
        await inTransaction(db, (trx) =>
          transparencyLog(trx).appendNow('bench.now', { ids: { n: i }, record: { n: i } }),
        );
      }
    }),
  );
  figures['immediateAppendsPerSecond'] = Math.round(IMMEDIATE / seconds(started));

  // 6. Proofs at the full size: root, inclusion and consistency, 500 each, each checked.
  const size = await service.size();
  figures['treeSize'] = size;
  started = performance.now();
  const root = await service.root(size);
  figures['rootMs'] = performance.now() - started;
  const inclusion: number[] = [];
  const consistency: number[] = [];
  let failures = 0;
  for (let i = 0; i < 500; i += 1) {
    const index = Math.floor(Math.random() * size);
    let t0 = performance.now();
    const proof = await service.inclusionProof(index, size);
    inclusion.push(performance.now() - t0);
    const [entry] = await service.entries(index, index);
    if (entry === undefined || !verifyInclusion(leafHash(entry.data), index, size, proof.hashes, root))
      failures += 1;
    const from = 1 + Math.floor(Math.random() * (size - 1));
    t0 = performance.now();
    const consistent = await service.consistencyProof(from, size);
    consistency.push(performance.now() - t0);
    if (i < 50 && !verifyConsistency(from, size, consistent.hashes, await service.root(from), root))
      failures += 1;
  }
  const p = (times: number[]) => percentiles(times);
  figures['inclusionProofMs'] = JSON.stringify(p(inclusion));
  figures['consistencyProofMs'] = JSON.stringify(p(consistency));
  figures['proofFailures'] = failures;
  const tableSizes = await sql<{ name: string; size: string }>`
    select relname as name, pg_size_pretty(pg_total_relation_size(oid)) as size from pg_class
    where relname in ('log_entry', 'log_node')`.execute(db);
  for (const row of tableSizes.rows) figures[`${row.name}Size`] = row.size;
} finally {
  await bench.dispose();
  await rm(dataDir, { recursive: true, force: true });
}

for (const [name, value] of Object.entries(figures)) process.stdout.write(`${name.padEnd(28)} ${value}\n`);
process.stdout.write(
  `${JSON.stringify({ benchmark: 'transparency-log', node: process.version, ...figures })}\n`,
);
