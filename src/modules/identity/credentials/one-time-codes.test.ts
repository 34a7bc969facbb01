import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { type TestDatabase, createTestDatabase } from '../../../test-support/database.ts';
import { type VerifyResult, oneTimeCodes } from './one-time-codes.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(() => test.destroy());

const KEY = randomBytes(32);
/** A service on a clock the test moves by hand. */
function withClock(start = new Date('2026-11-27T10:00:00Z')) {
  let now = start.getTime();
  const codes = oneTimeCodes({ key: KEY, clock: () => new Date(now) });
  return {
    codes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
const mobile = () => `+92300${String(randomInt(1_000_000, 9_999_999))}`;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const isRateLimited = (messageKey: string, params: Record<string, number>) => (error: unknown) =>
  error instanceof AppError &&
  error.code === 'rate_limited' &&
  error.fieldErrors[0]?.messageKey === messageKey &&
  JSON.stringify(error.fieldErrors[0].params) === JSON.stringify(params);

/** Opens every pooled connection, so simultaneous requests really overlap instead of queueing on a connect. */
const warmPool = () =>
  Promise.all(Array.from({ length: 5 }, () => test.database.pool.query('select pg_sleep(0.02)')));

/** A 6-digit code other than `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time codes', () => {
  it('issues a random 6-digit code, stores only its keyed hash, and accepts it once', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const { rows: users } = await test.database.pool.query<{ id: string }>(
      `insert into user_account (kind, full_name) values ('citizen', 'Code Test') returning id`,
    );
    const userId = users[0]!.id;
    const destination = mobile();
    const issued = await codes.issueCode(db, { purpose: 'verify_mobile', destination, userId });
    assert.match(issued.code, /^\d{6}$/);
    const { rows } = await test.database.pool.query<{ code_hash: string; send_count: number }>(
      'select code_hash, send_count from one_time_code where id = $1',
      [issued.id],
    );
    assert.match(rows[0]!.code_hash, /^[0-9a-f]{64}$/);
    assert.equal(rows[0]!.send_count, 1);

    const elsewhere = oneTimeCodes({ key: randomBytes(32), clock: () => new Date('2026-11-27T10:00:00Z') });
    const wrongKey = await elsewhere.verifyCode(db, {
      purpose: 'verify_mobile',
      destination,
      code: issued.code,
    });
    assert.equal(wrongKey.status, 'wrong', 'the hash depends on the server key');
    assert.deepEqual(
      await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: issued.code }),
      {
        status: 'ok',
        id: issued.id,
        userId,
      },
    );
    assert.deepEqual(
      await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: issued.code }),
      {
        status: 'not_found',
      },
    );
  });

  it('keeps codes apart by purpose and destination, and compares e-mail addresses in lower case', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = `Naseem.${randomBytes(4).toString('hex')}@Example.PK`;
    const issued = await codes.issueCode(db, { purpose: 'verify_email', destination });
    const result = await codes.verifyCode(db, { purpose: 'password_reset', destination, code: issued.code });
    assert.equal(result.status, 'not_found');
    const ok = await codes.verifyCode(db, {
      purpose: 'verify_email',
      destination: destination.toLowerCase(),
      code: ` ${issued.code.slice(0, 3)} ${issued.code.slice(3)} `,
    });
    assert.equal(ok.status, 'ok');
  });

  it('expires after 10 minutes', async () => {
    const { codes, advance } = withClock();
    const db = test.database.db;
    const destination = mobile();
    const first = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    advance(10 * MINUTE - SECOND);
    assert.equal(
      (await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: first.code })).status,
      'ok',
    );

    const second = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    assert.equal(
      second.expiresAt.getTime() - (Date.parse('2026-11-27T10:00:00Z') + 10 * MINUTE - SECOND),
      10 * MINUTE,
    );
    advance(10 * MINUTE);
    const late = await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: second.code });
    assert.deepEqual(late, { status: 'expired' });
  });

  it('dies after 5 wrong tries, even for the right code', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    const { code } = await codes.issueCode(db, { purpose: 'password_reset', destination });
    const results: VerifyResult[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(await codes.verifyCode(db, { purpose: 'password_reset', destination, code: other(code) }));
    }
    assert.deepEqual(results, [
      { status: 'wrong', attemptsLeft: 4 },
      { status: 'wrong', attemptsLeft: 3 },
      { status: 'wrong', attemptsLeft: 2 },
      { status: 'wrong', attemptsLeft: 1 },
      { status: 'too_many_attempts' },
    ]);
    const right = await codes.verifyCode(db, { purpose: 'password_reset', destination, code });
    assert.deepEqual(right, { status: 'too_many_attempts' });
  });

  it('counts malformed input as a wrong try', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    for (const typed of ['', 'abcdef', '12345', '1234567']) {
      const result = await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: typed });
      assert.equal(result.status, 'wrong', typed);
    }
  });

  it('lets exactly one of several simultaneous checks of the right code succeed', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    const { code } = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    await warmPool();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => codes.verifyCode(db, { purpose: 'verify_mobile', destination, code })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), ['not_found', 'not_found', 'not_found', 'ok']);
  });

  it('loses no wrong try when many arrive at once', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    const { code } = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    await warmPool();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: other(code) }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'wrong').length, 4);
    assert.equal(results.filter((r) => r.status === 'too_many_attempts').length, 4);
    const { rows } = await test.database.pool.query<{ attempts: number }>(
      'select attempts from one_time_code where destination = $1',
      [destination],
    );
    assert.deepEqual(rows, [{ attempts: 5 }]);
  });

  it('throttles sending: one a minute and five an hour per purpose and destination', async () => {
    const { codes, advance } = withClock();
    const db = test.database.db;
    const destination = mobile();
    await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    advance(25 * SECOND);
    await assert.rejects(
      codes.issueCode(db, { purpose: 'verify_mobile', destination }),
      isRateLimited('validation.codeResendTooSoon', { seconds: 35 }),
    );
    await codes.issueCode(db, { purpose: 'change_mobile', destination }); // another purpose is separate
    advance(35 * SECOND);
    for (let sent = 2; sent <= 5; sent++) {
      await codes.issueCode(db, { purpose: 'verify_mobile', destination });
      advance(MINUTE);
    }
    // Five sent at 0, 1, 2, 3 and 4 minutes; now 5 minutes: the first leaves the window at 60 minutes.
    await assert.rejects(
      codes.issueCode(db, { purpose: 'verify_mobile', destination }),
      isRateLimited('validation.codeSendLimit', { minutes: 55 }),
    );
    advance(55 * MINUTE + SECOND);
    const again = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    const { rows } = await test.database.pool.query<{ send_count: number }>(
      'select send_count from one_time_code where id = $1',
      [again.id],
    );
    assert.equal(rows[0]!.send_count, 5, 'the fifth in the rolling hour');
  });

  it('lets only one of two simultaneous requests send a code', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    await warmPool();
    const results = await Promise.allSettled([
      codes.issueCode(db, { purpose: 'verify_mobile', destination }),
      codes.issueCode(db, { purpose: 'verify_mobile', destination }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
  });

  it('voids the previous code when a new one is issued', async () => {
    const { codes, advance } = withClock();
    const db = test.database.db;
    const destination = mobile();
    const first = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    advance(MINUTE);
    const second = await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    const { rows } = await test.database.pool.query<{ id: string; superseded: boolean }>(
      'select id, superseded_at is not null as superseded from one_time_code where destination = $1 order by created_at',
      [destination],
    );
    assert.deepEqual(rows, [
      { id: first.id, superseded: true },
      { id: second.id, superseded: false },
    ]);
    if (first.code !== second.code) {
      const old = await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: first.code });
      assert.equal(old.status, 'wrong');
    }
    const result = await codes.verifyCode(db, { purpose: 'verify_mobile', destination, code: second.code });
    assert.deepEqual(result, { status: 'ok', id: second.id, userId: null });
  });

  it('works inside the caller’s transaction and rolls back with it', async () => {
    const { codes } = withClock();
    const db = test.database.db;
    const destination = mobile();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await codes.issueCode(trx, { purpose: 'verify_mobile', destination });
        throw new Error('the sign-up failed later');
      }),
      /sign-up failed/,
    );
    const issued = await db
      .transaction()
      .execute((trx) => codes.issueCode(trx, { purpose: 'verify_mobile', destination }));
    const ok = await db
      .transaction()
      .execute((trx) => codes.verifyCode(trx, { purpose: 'verify_mobile', destination, code: issued.code }));
    assert.equal(ok.status, 'ok');
  });

  it('purges old codes and refuses a short key', async () => {
    const { codes, advance } = withClock(new Date('2026-01-01T00:00:00Z'));
    const db = test.database.db;
    const destination = mobile();
    await codes.issueCode(db, { purpose: 'verify_mobile', destination });
    advance(25 * 60 * MINUTE);
    assert.ok((await codes.purgeOldCodes(db)) >= 1);
    const { rows } = await test.database.pool.query('select 1 from one_time_code where destination = $1', [
      destination,
    ]);
    assert.equal(rows.length, 0);
    assert.throws(() => oneTimeCodes({ key: 'too short' }), /at least 32 bytes/);
  });
});
