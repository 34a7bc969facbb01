import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { hash as argon2Hash } from '@node-rs/argon2';
import {
  ARGON2_PARAMETERS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  generatePassword,
  hashPassword,
  needsRehash,
  passwordLength,
  verifyPassword,
} from './password.ts';

describe('argon2id password hashing', () => {
  it('stores a self-describing argon2id hash with the OWASP parameters and a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.notEqual(first, second, 'salted');
    assert.equal(await verifyPassword('correct horse battery staple', first), true);
    assert.equal(await verifyPassword('correct horse battery stapl', first), false);
    assert.equal(await verifyPassword('Correct horse battery staple', first), false, 'case matters');
  });

  it('accepts any characters and compares after NFKC normalisation', async () => {
    const urdu = await hashPassword('میرا پاس ورڈ بہت لمبا ہے');
    assert.equal(await verifyPassword('میرا پاس ورڈ بہت لمبا ہے', urdu), true);
    // Composed é (NFC) and e + combining accent (NFD) are the same password.
    const cafe = await hashPassword('caf\u00e9 au lait 42');
    assert.equal(await verifyPassword('cafe\u0301 au lait 42', cafe), true);
    // Full-width Latin letters and digits (some mobile keyboards) fold to ASCII.
    const ascii = await hashPassword('quetta hills 2026');
    assert.equal(await verifyPassword('ｑｕｅｔｔａ ｈｉｌｌｓ ２０２６', ascii), true);
    assert.equal(await verifyPassword('quetta  hills 2026', ascii), false, 'spaces are significant');
  });

  it('returns false, never throws, for a stored value that is not a usable hash', async () => {
    for (const stored of [
      '',
      'not a hash',
      '$argon2id$',
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$',
      '$argon2id$v=19$m=x,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$',
      'scrypt$32768$8$1$$',
      'scrypt$4294967296$8$1$c2FsdA$aGFzaA', // absurd cost: refused before any work
    ]) {
      assert.equal(await verifyPassword('anything at all', stored), false, stored);
    }
  });

  it('still verifies a hash from the earlier scrypt scheme, and asks for it to be replaced', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('old staff password', salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const legacy = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    assert.equal(await verifyPassword('old staff password', legacy), true);
    assert.equal(await verifyPassword('old staff passwort', legacy), false);
    assert.equal(needsRehash(legacy), true);
  });

  it('says when a hash needs upgrading to the current parameters', async () => {
    assert.equal(needsRehash(await hashPassword('a perfectly fine password')), false);
    const weaker = await argon2Hash('a perfectly fine password', { memoryCost: 12_288, timeCost: 3 });
    assert.equal(needsRehash(weaker), true);
    const current = await hashPassword('a perfectly fine password');
    assert.equal(needsRehash(current.replace('$argon2id$', '$argon2i$')), true, 'argon2i');
    assert.equal(needsRehash(current.replace('$v=19$', '$v=16$')), true, 'version 0x10');
    const longer = await argon2Hash('a perfectly fine password', { ...ARGON2_PARAMETERS, outputLen: 64 });
    assert.equal(needsRehash(longer), true, 'another output length');
    assert.equal(needsRehash('garbage'), true);
  });

  it('counts length in Unicode code points after NFKC, with the ASVS limits of 8 and 128', () => {
    assert.equal(MIN_PASSWORD_LENGTH, 8);
    assert.equal(MAX_PASSWORD_LENGTH, 128);
    assert.equal(passwordLength('😀😀😀😀'), 4, 'one emoji is one character, not two UTF-16 units');
    assert.equal(passwordLength('cafe\u0301'), 4, 'NFKC composes the accent');
  });

  it('generates random 20-character passwords', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    assert.equal(passwords.size, 50);
    for (const password of passwords) assert.match(password, /^[A-Za-z0-9_-]{20}$/);
  });

  it('measures the cost of one hash on this machine (reported, not asserted)', async (t) => {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await hashPassword(`measured password ${String(i)}`);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[5] ?? 0;
    t.diagnostic(`argon2id m=19456 KiB, t=2, p=1: median ${median.toFixed(1)} ms per hash`);
    assert.ok(median > 0);
  });
});
