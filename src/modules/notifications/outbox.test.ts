import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';
import { createNotificationRelay } from './relay.ts';
import { claimDueNotifications, recentNotifications } from './repo.ts';
import { notificationsService } from './service.ts';
import {
  OTP_SMS,
  enqueueCommitted,
  manualClock,
  messageRow,
  recordingChannel,
  silentLogger,
  testConfig,
} from './test-helpers.ts';

let testDb: TestDatabase;
before(async () => {
  testDb = await createTestDatabase();
});
after(async () => {
  await testDb.destroy();
});

describe('the notifications outbox', () => {
  it('never stores or sends a message whose transaction rolled back, and sends a committed one once', async () => {
    const db = testDb.database.db;
    const service = notificationsService(db);
    const recipient = '+923331112222';
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await service.enqueue(trx, { ...OTP_SMS, recipient });
        throw new Error('the change that caused the message failed');
      }),
      /the change that caused the message failed/,
    );
    const afterRollback = await recentNotifications(db, 200);
    assert.equal(afterRollback.filter((row) => row.recipient === recipient).length, 0);

    const sms = recordingChannel();
    const clock = manualClock();
    const relay = createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms },
      now: clock.now,
    });
    assert.equal(await relay.drain(), 0);
    assert.equal(sms.sent.length, 0, 'nothing was sent for the rolled-back change');

    const id = await enqueueCommitted(db, { ...OTP_SMS, recipient });
    assert.equal((await messageRow(db, id)).status, 'queued');
    assert.equal(await relay.drain(), 1);
    assert.deepEqual(
      sms.sent.map((message) => [message.id, message.recipient]),
      [[id, recipient]],
    );
    const row = await messageRow(db, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.provider, 'recording');
    assert.equal(row.provider_message_id, 'recording-1');
    assert.ok(row.sent_at instanceof Date);
    assert.equal(await relay.drain(), 0, 'a sent message is not sent again');
  });

  it('must be given an open transaction and a well-formed recipient', async () => {
    const db = testDb.database.db;
    const service = notificationsService(db);
    await assert.rejects(service.enqueue(db, OTP_SMS), /open transaction/);
    await db.transaction().execute(async (trx) => {
      await assert.rejects(service.enqueue(trx, { ...OTP_SMS, recipient: '03001234567' }), AppError);
      await assert.rejects(
        service.enqueue(trx, { ...OTP_SMS, channel: 'email', recipient: 'not an address' }),
        AppError,
      );
    });
  });

  it('sends to the development outbox by default: marked sent and written to the log', async () => {
    const db = testDb.database.db;
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const clock = manualClock();
    const relay = createNotificationRelay(db, { config: testConfig, logger: pino(sink), now: clock.now });
    const id = await enqueueCommitted(db, {
      ...OTP_SMS,
      locale: 'ur',
      params: { code: '735102', minutes: 5 },
    });
    await relay.drain();
    const row = await messageRow(db, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.provider, 'dev-outbox');
    assert.equal(row.locale, 'ur');
    const logged = lines.find((line) => line.includes(id));
    assert.ok(logged?.includes('735102'), 'the code is in the development log');
  });

  it('fails a message at once in production when no provider is configured', async () => {
    const db = testDb.database.db;
    const production = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'p'.repeat(40),
      PUBLIC_URL: 'https://sahulat.example.gov.pk',
      DATABASE_URL: 'postgres://app@db.example/sahulat',
    });
    const clock = manualClock();
    const relay = createNotificationRelay(db, { config: production, logger: silentLogger, now: clock.now });
    const id = await enqueueCommitted(db);
    await relay.drain();
    const row = await messageRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /SMS_GATEWAY_URL/);
  });

  it('records the attempt before sending: a crashed attempt is retried only after its lease', async () => {
    const db = testDb.database.db;
    const clock = manualClock();
    const sms = recordingChannel();
    const leaseMs = 60_000;
    const relay = createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms },
      now: clock.now,
      leaseMs,
    });
    const id = await enqueueCommitted(db);
    // A worker claims the message, then dies before the provider answers.
    const at = clock.now();
    const claimed = await claimDueNotifications(db, at, new Date(at.getTime() + leaseMs), 10);
    assert.deepEqual(
      claimed.map((row) => [row.id, row.attempts]),
      [[id, 1]],
    );
    assert.equal(await relay.drain(), 0, 'another worker leaves a leased message alone');
    clock.advance(leaseMs - 1);
    assert.equal(await relay.drain(), 0);
    clock.advance(1);
    assert.equal(await relay.drain(), 1);
    assert.deepEqual(
      sms.sent.map((message) => message.id),
      [id],
      'the retry carries the same id (the providers’ idempotency key)',
    );
    const row = await messageRow(db, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
  });

  it('lets two relays drain at once without sending any message twice', async () => {
    const db = testDb.database.db;
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        enqueueCommitted(db, { ...OTP_SMS, recipient: `+9230000000${String(index).padStart(2, '0')}` }),
      ),
    );
    const clock = manualClock();
    const channels = [recordingChannel(), recordingChannel()];
    const relays = channels.map((sms) =>
      createNotificationRelay(db, {
        config: testConfig,
        logger: silentLogger,
        channels: { sms },
        now: clock.now,
        batchSize: 3,
      }),
    );
    await Promise.all(relays.map((relay) => relay.drain()));
    const sent = channels.flatMap((channel) => channel.sent.map((message) => message.id));
    assert.deepEqual([...sent].sort(), [...ids].sort());
  });

  it('retries after an unexpected error from a channel', async () => {
    const db = testDb.database.db;
    const clock = manualClock();
    const broken = {
      provider: 'broken',
      send: () => Promise.reject(new TypeError('a bug in an adapter')),
    };
    const relay = createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms: broken },
      now: clock.now,
    });
    const id = await enqueueCommitted(db);
    await relay.drain();
    const row = await messageRow(db, id);
    assert.equal(row.status, 'queued');
    assert.equal(row.last_error, 'unexpected TypeError while sending');
    // Settle it so that no other test's relay picks it up.
    clock.advance(60 * 60_000);
    const sms = recordingChannel();
    await createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms },
      now: clock.now,
    }).drain();
    assert.equal((await messageRow(db, id)).status, 'sent');
  });

  it('sends in the background once started, and stops cleanly', async () => {
    const db = testDb.database.db;
    const sms = recordingChannel();
    const relay = createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms },
      pollIntervalMs: 20,
    });
    relay.start();
    try {
      const id = await enqueueCommitted(db);
      const deadline = Date.now() + 5000;
      while ((await messageRow(db, id)).status !== 'sent' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal((await messageRow(db, id)).status, 'sent');
    } finally {
      await relay.stop();
    }
    const later = await enqueueCommitted(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await messageRow(db, later)).status, 'queued', 'a stopped relay sends nothing');
    await createNotificationRelay(db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms },
    }).drain();
  });
});
