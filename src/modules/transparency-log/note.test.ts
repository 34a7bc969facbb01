// C2SP signed notes and checkpoints: the example from Go's golang.org/x/mod/sumdb/note documentation (the
// reference implementation) verifies with our code, and our own notes round-trip and refuse tampering.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  checkpointBody,
  keyId,
  openNote,
  parseCheckpointBody,
  parseVerifierKey,
  rawPublicKey,
  signNote,
  verifierKey,
} from './note.ts';

const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function freshKey(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name, privateKey, raw: rawPublicKey(publicKey) };
}

describe('signed notes (C2SP signed-note, tlog-checkpoint)', () => {
  it("verifies the Go reference implementation's example note and key", () => {
    const key = parseVerifierKey(GO_VERIFIER_KEY);
    assert.ok(key);
    assert.equal(key.keyId.toString('hex'), 'c74f20a3');
    assert.equal(verifierKey(key.name, key.publicKey), GO_VERIFIER_KEY);
    assert.equal(openNote(GO_NOTE, key), GO_TEXT);
    assert.equal(openNote(GO_NOTE.replace('answer', 'question'), key), undefined);
  });

  it('signs checkpoints that open with the verifier key, including keys whose base64 has a "+"', () => {
    let sawPlus = false;
    for (let i = 0; i < 40; i += 1) {
      const key = freshKey('sahulat.example/log');
      const published = verifierKey(key.name, key.raw);
      sawPlus ||= published.split('+').length > 3;
      const parsed = parseVerifierKey(published);
      assert.ok(parsed, published);
      assert.deepEqual(parsed.keyId, keyId(key.name, key.raw));
      const body = checkpointBody({ origin: key.name, size: 12345, rootHash: Buffer.alloc(32, i) });
      const note = signNote(body, key.name, key.privateKey, key.raw);
      assert.equal(openNote(note, parsed), body);
      assert.deepEqual(parseCheckpointBody(body), {
        origin: key.name,
        size: 12345,
        rootHash: Buffer.alloc(32, i),
      });
      assert.equal(openNote(note.replace('12345', '12346'), parsed), undefined, 'size changed');
      const other = freshKey(key.name);
      assert.equal(
        openNote(note, parseVerifierKey(verifierKey(other.name, other.raw))!),
        undefined,
        'other key',
      );
    }
    assert.ok(sawPlus, 'some keys had a "+" in their base64');
  });

  it('refuses malformed checkpoint bodies and keys', () => {
    assert.equal(parseCheckpointBody('origin\n-1\nAAAA\n'), undefined);
    assert.equal(parseCheckpointBody('origin\n01\n' + Buffer.alloc(32).toString('base64') + '\n'), undefined);
    assert.equal(parseCheckpointBody('\n1\n' + Buffer.alloc(32).toString('base64') + '\n'), undefined);
    assert.equal(
      parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
      undefined,
    );
    assert.equal(parseVerifierKey('no key here'), undefined);
  });
});
