import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../errors.ts';
import { documentsDir, documentStoreFor, isDocumentKey, localDiskStore } from './document-store.ts';
import { tinyJpeg, tinyPdf, tinyPng } from './test-fixtures.ts';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

const refusedKey = (error: unknown) => isAppError(error) && error.code === 'bad_request';

describe('localDiskStore', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-documents-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('puts, gets and deletes a document under DATA_DIR/documents/<2>/<key>', async () => {
    const store = documentStoreFor(dataDir);
    const pdf = tinyPdf();
    const stored = await store.put(pdf, 'pdf');
    assert.ok(isDocumentKey(stored.key), stored.key);
    assert.match(stored.key, /^[0-9a-f]{32}$/);
    assert.deepEqual(stored, {
      key: stored.key,
      type: 'pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const file = path.join(dataDir, 'documents', stored.key.slice(0, 2), stored.key);
    assert.equal(documentsDir(dataDir), path.join(dataDir, 'documents'));
    assert.equal((await stat(file)).size, pdf.length);
    assert.deepEqual(await store.get(stored.key), pdf);

    await store.delete(stored.key);
    assert.equal(await store.get(stored.key), undefined);
    await store.delete(stored.key); // deleting again is not an error
  });

  it('gives every document its own random key, even for identical bytes', async () => {
    const store = documentStoreFor(dataDir);
    const png = tinyPng();
    const [a, b] = await Promise.all([store.put(png, 'png'), store.put(png, 'png')]);
    assert.notEqual(a.key, b.key);
    assert.equal(a.sha256, b.sha256);
  });

  it('writes files with mode 0600 and leaves no temporary file behind', async () => {
    const root = path.join(dataDir, 'atomic');
    const store = localDiskStore(root);
    const stored = await Promise.all([store.put(tinyJpeg(), 'jpeg'), store.put(tinyPng(), 'png')]);
    const files = await filesUnder(root);
    assert.deepEqual(files.sort(), stored.map((s) => path.join(s.key.slice(0, 2), s.key)).sort());
    for (const file of files) {
      assert.equal((await stat(path.join(root, file))).mode & 0o777, 0o600, file);
    }
    assert.equal((await stat(root)).mode & 0o777, 0o700);
  });

  it('returns undefined for a well-formed key that was never stored', async () => {
    assert.equal(await documentStoreFor(dataDir).get('0123456789abcdef0123456789abcdef'), undefined);
  });

  it('refuses keys that are not the generated shape, so nothing outside the store is reached', async () => {
    const store = documentStoreFor(dataDir);
    const outside = path.join(dataDir, 'secret.txt');
    await writeFile(outside, 'not a document');
    const keys = [
      '../secret.txt',
      '../../etc/passwd',
      `..${path.sep}..${path.sep}secret.txt`,
      '0123456789ABCDEF0123456789ABCDEF',
      '0123456789abcdef0123456789abcde',
      '0123456789abcdef0123456789abcdef0',
      '0123456789abcdef0123456789abcdef/',
      '',
      outside,
    ];
    for (const key of keys) {
      await assert.rejects(store.get(key), refusedKey, `get ${key}`);
      await assert.rejects(store.delete(key), refusedKey, `delete ${key}`);
    }
    assert.equal((await stat(outside)).isFile(), true);
  });

  it('refuses bytes that are not what the caller says they are, or too big', async () => {
    const store = localDiskStore(path.join(dataDir, 'refused'));
    await assert.rejects(store.put(tinyPng(), 'pdf'), refusedKey);
    await assert.rejects(store.put(new TextEncoder().encode('<html></html>'), 'pdf'), refusedKey);
    await assert.rejects(store.put(new Uint8Array(), 'pdf'), refusedKey);
    await assert.rejects(store.put(tinyPdf(5 * 1024 * 1024 + 1), 'pdf'), refusedKey);
    await assert.rejects(stat(path.join(dataDir, 'refused')), { code: 'ENOENT' });
  });
});
