// The log on PostgreSQL: queued and immediate appends, concurrent sequencers that never fork the tree,
// proofs from stored subtrees equal to RFC 9162's, and signed checkpoints checked with Node's Ed25519.
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { LogCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint.js';
import { inTransaction } from '../../platform/db/transaction.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { auditLog } from './audit.ts';
import { parseLeaf, recordHash } from './leaf.ts';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.ts';
import { ed25519PublicKey, parseCheckpointBody, parseVerifierKey } from './note.ts';
import { reference } from './reference-tree.ts';
import { transparencyLog } from './service.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const record = (i: number) => ({
  ids: { applicationNumber: `TST-QTA-2026-${String(i).padStart(6, '0')}` },
  record: { number: i, applicant: 'Personal Name', nonce: Math.random() },
});

async function allLeaves(): Promise<Buffer[]> {
  const size = await t.services.transparencyLog.size();
  const leaves: Buffer[] = [];
  for (let start = 0; start < size; start += 1000) {
    leaves.push(...(await t.services.transparencyLog.entries(start, start + 999)).map((e) => e.data));
  }
  return leaves;
}

describe('transparency log on PostgreSQL', () => {
  it('keeps personal data out of leaves: only identifiers and the record hash', async () => {
    const entry = record(0);
    const { index } = await t.services.transparencyLog.appendNow('test.leaf', entry);
    const leaf = parseLeaf((await t.services.transparencyLog.entry(index))!.data);
    assert.ok(leaf);
    assert.equal(leaf.kind, 'test.leaf');
    assert.deepEqual(leaf.ids, entry.ids);
    assert.equal(leaf.recordHash, recordHash(entry.record));
    const text = (await t.services.transparencyLog.entry(index))!.data.toString('utf8');
    assert.equal(text.includes('Personal Name'), false);
    await assert.rejects(t.services.transparencyLog.append('Not A Kind', entry), { code: 'bad_request' });
  });

  it('sequences queued appends from concurrent writers and sequencers into one unforked tree', async () => {
    const log = t.services.transparencyLog;
    const before = await log.size();
    const db = t.testDatabase.database.db;
    const writers = Array.from({ length: 8 }, (_, w) =>
      inTransaction(db, async (trx) => {
        for (let i = 0; i < 20; i += 1) await transparencyLog(trx).append('test.queued', record(w * 100 + i));
      }),
    );
    const immediate = Array.from({ length: 10 }, (_, i) =>
      inTransaction(db, (trx) => transparencyLog(trx).appendNow('test.immediate', record(1000 + i))),
    );
    const sequencers = Array.from({ length: 4 }, () => log.sequencePending());
    const [appendedNow] = await Promise.all([
      Promise.all(immediate),
      Promise.all(writers),
      Promise.all(sequencers),
    ]);
    const indexes = appendedNow.map((appended) => appended.index);
    await log.sequencePending();
    assert.equal(await log.pendingCount(), 0);
    assert.equal(await log.size(), before + 8 * 20 + 10);
    assert.equal(new Set(indexes).size, 10, 'immediate appends got distinct indices');
    const audit = await auditLog(db);
    assert.deepEqual(audit.problems, []);
    assert.equal(audit.entries, before + 170);
  });

  it('proves inclusion and consistency from stored subtrees exactly as RFC 9162 computes them', async () => {
    const log = t.services.transparencyLog;
    while ((await log.size()) < 300) {
      for (let i = 0; i < 37; i += 1) await log.append('test.more', record(2000 + i));
      await log.sequencePending();
    }
    const leaves = await allLeaves();
    const expected = reference(leaves);
    // Every pair up to 24 leaves, then sizes around powers of two with indices across the tree.
    const sizes = [
      ...Array.from({ length: 24 }, (_, i) => i + 1),
      31,
      32,
      33,
      63,
      64,
      65,
      127,
      128,
      129,
      255,
      256,
      257,
      300,
    ];
    for (const n of sizes) {
      const root = await log.root(n);
      assert.deepEqual(root, expected.root(n), `root ${n}`);
      const sample =
        n <= 24
          ? Array.from({ length: n }, (_, i) => i)
          : [0, 1, 2, n >> 2, (n >> 1) - 1, n >> 1, n - 2, n - 1];
      for (const m of sample) {
        const proof = await log.inclusionProof(m, n);
        assert.deepEqual(proof.hashes, expected.path(m, n), `PATH(${m}, D[${n}])`);
        assert.ok(verifyInclusion(leafHash(leaves[m]!), m, n, proof.hashes, root));
        const first = m + 1;
        const consistency = await log.consistencyProof(first, n);
        assert.deepEqual(consistency.hashes, expected.proof(first, n), `PROOF(${first}, D[${n}])`);
        assert.ok(verifyConsistency(first, n, consistency.hashes, expected.root(first), root));
      }
    }
  });

  it('signs C2SP checkpoints that verify with Node Ed25519 from the published key', async () => {
    const log = t.services.transparencyLog;
    await log.append('test.checkpoint', record(3000));
    const first = await log.tick();
    assert.equal(first.signed, true);
    assert.equal((await log.tick()).signed, false, 'no new checkpoint when the tree did not grow');

    const keyResponse = await t.app.inject({ method: 'GET', url: '/log/key' });
    assert.match(String(keyResponse.headers['content-type']), /^text\/plain/);
    const key = parseVerifierKey(keyResponse.body);
    assert.ok(key, keyResponse.body);
    const noteResponse = await t.app.inject({ method: 'GET', url: '/log/checkpoint' });
    assert.match(String(noteResponse.headers['content-type']), /^text\/plain/);
    const note = noteResponse.body;
    const [body, signatures] = [
      note.slice(0, note.lastIndexOf('\n\n') + 1),
      note.slice(note.lastIndexOf('\n\n') + 2),
    ];
    const line = /^\u2014 (\S+) (\S+)\n$/.exec(signatures);
    assert.ok(line, signatures);
    assert.equal(line[1], key.name);
    const signature = Buffer.from(line[2]!, 'base64');
    assert.deepEqual(signature.subarray(0, 4), key.keyId);
    assert.ok(
      verify(null, Buffer.from(body, 'utf8'), ed25519PublicKey(key.publicKey), signature.subarray(4)),
    );
    assert.equal(
      verify(
        null,
        Buffer.from(body.replace(/\n\d+\n/, '\n1\n'), 'utf8'),
        ed25519PublicKey(key.publicKey),
        signature.subarray(4),
      ),
      false,
    );

    const checkpoint = parseCheckpointBody(body)!;
    assert.equal(checkpoint.size, first.size);
    assert.equal(checkpoint.origin, key.name);
    assert.deepEqual(checkpoint.rootHash, await log.root(first.size));
    // An independent parser of the checkpoint body reads the same size and root.
    const parsed = LogCheckpoint.fromString(body);
    assert.equal(parsed.logSize, BigInt(first.size));
    assert.deepEqual(Buffer.from(parsed.logHash), checkpoint.rootHash);
  });

  it('answers proofs and entries over HTTP, and bad ranges with problem+json', async () => {
    const log = t.services.transparencyLog;
    const { size } = await log.tick();
    const root = await log.root(size);
    const leaves = await allLeaves();
    const get = async (url: string) => t.app.inject({ method: 'GET', url });

    const byIndex = (await get(`/log/proof/inclusion?index=5&size=${size}`)).json<{
      index: number;
      size: number;
      hashes: string[];
    }>();
    assert.equal(byIndex.index, 5);
    const hashes = byIndex.hashes.map((h) => Buffer.from(h, 'base64'));
    assert.ok(verifyInclusion(leafHash(leaves[5]!), 5, size, hashes, root));
    const leaf = leafHash(leaves[7]!).toString('base64');
    const byHash = (await get(`/log/proof/inclusion?hash=${encodeURIComponent(leaf)}`)).json<{
      index: number;
      size: number;
    }>();
    assert.deepEqual([byHash.index, byHash.size], [7, size], 'by hash, at the latest checkpoint');
    // A hash with a '+' sent without URL-encoding (it arrives as a space) still finds its leaf.
    const plusIndex = leaves.findIndex((data) => leafHash(data).toString('base64').includes('+'));
    assert.ok(plusIndex >= 0);
    const raw = await get(`/log/proof/inclusion?hash=${leafHash(leaves[plusIndex]!).toString('base64')}`);
    assert.equal(raw.json<{ index: number }>().index, plusIndex);

    const consistency = (await get(`/log/proof/consistency?from=10&to=${size}`)).json<{
      from: number;
      to: number;
      hashes: string[];
    }>();
    assert.ok(
      verifyConsistency(
        10,
        size,
        consistency.hashes.map((h) => Buffer.from(h, 'base64')),
        await log.root(10),
        root,
      ),
    );

    const page = (await get('/log/entries?start=3&end=5')).json<{
      entries: { index: number; data: string }[];
    }>();
    assert.deepEqual(
      page.entries.map((e) => e.index),
      [3, 4, 5],
    );
    assert.deepEqual(Buffer.from(page.entries[0]!.data, 'base64'), leaves[3]);
    const capped = (await get('/log/entries?start=0&end=5000')).json<{ entries: unknown[] }>();
    assert.equal(capped.entries.length, Math.min(1000, size));

    for (const url of [
      `/log/proof/inclusion?index=${size}&size=${size}`,
      `/log/proof/inclusion?index=0&size=${size + 1000}`,
      '/log/proof/inclusion?index=-1&size=3',
      '/log/proof/inclusion?size=3',
      `/log/proof/inclusion?index=1&hash=${encodeURIComponent(leaf)}`,
      '/log/proof/consistency?from=9&to=3',
      '/log/proof/consistency?from=0&to=3',
      '/log/proof/consistency?from=abc',
      `/log/entries?start=${size}&end=${size + 3}`,
      '/log/entries?start=5&end=2',
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 400, url);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, url);
      assert.equal(response.json<{ status: number }>().status, 400);
    }
    const unknown = await get(
      `/log/proof/inclusion?hash=${encodeURIComponent(Buffer.alloc(32).toString('base64'))}`,
    );
    assert.equal(unknown.statusCode, 404);
  });
});
