import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestDatabase, createTestDatabase } from '../../../test-support/database.ts';
import {
  RECOVERY_CODE_BITS,
  consumeRecoveryCode,
  generateRecoveryCodes,
  matchRecoveryCode,
  remainingRecoveryCodes,
  replaceRecoveryCodes,
} from './recovery-codes.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(() => test.destroy());

async function newOfficer(): Promise<string> {
  const { rows } = await test.database.pool.query<{ id: string }>(
    `insert into user_account (kind, full_name) values ('staff', 'Recovery Test') returning id`,
  );
  return rows[0]!.id;
}

describe('recovery codes', () => {
  it('makes ten distinct xxxx-xxxx-xxxx codes of 60 random bits from an unambiguous alphabet', () => {
    const { codes, hashes } = generateRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes)
      assert.match(code, /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
    assert.ok(RECOVERY_CODE_BITS >= 50, `${String(RECOVERY_CODE_BITS)} bits`);
    assert.equal(hashes.length, 10);
    for (const [i, hash] of hashes.entries()) {
      assert.match(hash, /^[0-9a-f]{64}$/);
      assert.ok(!hash.includes(codes[i]!.replace(/-/g, '')));
    }
    assert.equal(generateRecoveryCodes(3).codes.length, 3);
  });

  it('matches a code typed in capitals, without hyphens or with look-alike letters', () => {
    const { codes, hashes } = generateRecoveryCodes();
    const code = codes[4]!;
    assert.equal(matchRecoveryCode(code, hashes), hashes[4]);
    assert.equal(matchRecoveryCode(` ${code.toUpperCase().replace(/-/g, '')} `, hashes), hashes[4]);
    const lookAlike = code.replace(/0/g, 'O').replace(/1/g, 'l');
    assert.equal(matchRecoveryCode(lookAlike, hashes), hashes[4]);
    assert.equal(
      matchRecoveryCode(code.slice(0, -1) + (code.endsWith('z') ? 'y' : 'z'), hashes),
      null,
      'one off',
    );
    assert.equal(matchRecoveryCode('', hashes), null);
    assert.equal(matchRecoveryCode('uuuu-uuuu-uuuu', hashes), null, 'u is not in the alphabet');
    assert.equal(matchRecoveryCode(`${code}0`, hashes), null, 'one character too many');
  });

  it('spends each stored code once, and replacing them voids the old set', async () => {
    const db = test.database.db;
    const userId = await newOfficer();
    const first = generateRecoveryCodes();
    await replaceRecoveryCodes(db, userId, first.hashes);
    assert.equal(await remainingRecoveryCodes(db, userId), 10);
    assert.equal(await consumeRecoveryCode(db, userId, first.codes[0]!.toUpperCase()), true);
    assert.equal(await consumeRecoveryCode(db, userId, first.codes[0]!), false, 'already used');
    assert.equal(await consumeRecoveryCode(db, userId, 'not a code'), false);
    assert.equal(await remainingRecoveryCodes(db, userId), 9);

    const otherUser = await newOfficer();
    assert.equal(await consumeRecoveryCode(db, otherUser, first.codes[1]!), false, "another account's code");

    const second = generateRecoveryCodes();
    await replaceRecoveryCodes(db, userId, second.hashes);
    assert.equal(await consumeRecoveryCode(db, userId, first.codes[1]!), false, 'old set voided');
    assert.equal(await consumeRecoveryCode(db, userId, second.codes[1]!), true);
    assert.equal(await remainingRecoveryCodes(db, userId), 9);
  });

  it('lets exactly one of several simultaneous requests spend a code', async () => {
    const db = test.database.db;
    const userId = await newOfficer();
    const { codes, hashes } = generateRecoveryCodes();
    await replaceRecoveryCodes(db, userId, hashes);
    // Open every pooled connection first, so the requests really overlap instead of queueing on a connect.
    await Promise.all(Array.from({ length: 5 }, () => test.database.pool.query('select pg_sleep(0.02)')));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => consumeRecoveryCode(db, userId, codes[2]!)),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('disappears with the account', async () => {
    const db = test.database.db;
    const userId = await newOfficer();
    await replaceRecoveryCodes(db, userId, generateRecoveryCodes().hashes);
    await test.database.pool.query('delete from user_account where id = $1', [userId]);
    assert.equal(await remainingRecoveryCodes(db, userId), 0);
  });
});
