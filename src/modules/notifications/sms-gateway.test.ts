import assert from 'node:assert/strict';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SmsGatewayConfig } from '../../platform/config.ts';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';
import { SendError } from './channel.ts';
import { backoffDelayMs, createNotificationRelay } from './relay.ts';
import { smsGatewayChannel } from './sms-gateway.ts';
import { LRI, PDI } from './templates.ts';
import {
  OTP_SMS,
  enqueueCommitted,
  manualClock,
  messageRow,
  silentLogger,
  testConfig,
} from './test-helpers.ts';

interface GatewayRequest {
  readonly headers: IncomingHttpHeaders;
  readonly json: Record<string, unknown>;
}

/** A stand-in SMS gateway on 127.0.0.1 that answers each request with the next status in `statuses`. */
let server: Server;
let gatewayUrl: string;
const requests: GatewayRequest[] = [];
let statuses: number[] = [];

let testDb: TestDatabase;
before(async () => {
  testDb = await createTestDatabase();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      requests.push({ headers: request.headers, json: JSON.parse(body) as Record<string, unknown> });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 200 ? JSON.stringify({ messageId: `gw-${requests.length}` }) : '{"error":"x"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await testDb.destroy();
});

const GATEWAY: SmsGatewayConfig = {
  url: '',
  authHeader: { name: 'Authorization', value: 'Bearer test-token-123' },
  bodyTemplate: '{"sender":"Sahulat","msisdn":"{to}","message":{"text":"{text}"},"ref":"{id}"}',
};

function requestsFor(id: string): GatewayRequest[] {
  return requests.filter((request) => request.json['ref'] === id);
}

describe('the SMS gateway adapter', () => {
  it('posts the body template with JSON-escaped values and the configured header', async () => {
    statuses = [200];
    const channel = smsGatewayChannel({ ...GATEWAY, url: gatewayUrl });
    const text = 'Quote " backslash \\ newline\nend {to} سہولت';
    const result = await channel.send({
      id: 'a1b2',
      event: 'otp.verifyMobile',
      channel: 'sms',
      recipient: '+923001234567',
      locale: 'ur',
      subject: null,
      body: text,
    });
    const [request] = requestsFor('a1b2');
    assert.ok(request !== undefined);
    assert.deepEqual(request.json, {
      sender: 'Sahulat',
      msisdn: '+923001234567',
      message: { text },
      ref: 'a1b2',
    });
    assert.equal(request.headers.authorization, 'Bearer test-token-123');
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(result.provider, 'sms-gateway');
    assert.equal(result.providerMessageId, `gw-${requests.length}`);
  });

  it('treats 4xx as permanent and 5xx or no answer as worth retrying', async () => {
    const message = { ...OTP_SMS, id: 'b2', locale: 'en', subject: null, body: 'x' };
    statuses = [400];
    const channel = smsGatewayChannel({ ...GATEWAY, url: gatewayUrl });
    await assert.rejects(channel.send(message), (e: unknown) => e instanceof SendError && e.permanent);
    statuses = [503];
    await assert.rejects(channel.send(message), (e: unknown) => e instanceof SendError && !e.permanent);
    const closed = smsGatewayChannel({ ...GATEWAY, url: 'http://127.0.0.1:9/send' }, { timeoutMs: 2000 });
    await assert.rejects(closed.send(message), (e: unknown) => e instanceof SendError && !e.permanent);
  });
});

describe('the relay over the SMS gateway', () => {
  const BASE_MS = 1000;
  function relayFor(clock: ReturnType<typeof manualClock>) {
    return createNotificationRelay(testDb.database.db, {
      config: testConfig,
      logger: silentLogger,
      channels: { sms: smsGatewayChannel({ ...GATEWAY, url: gatewayUrl }) },
      now: clock.now,
      backoffBaseMs: BASE_MS,
    });
  }

  it('retries after a 500 with backoff, then sends the Urdu text intact', async () => {
    const db = testDb.database.db;
    const clock = manualClock();
    const relay = relayFor(clock);
    const id = await enqueueCommitted(db, { ...OTP_SMS, locale: 'ur' });
    statuses = [500];
    assert.equal(await relay.drain(), 1);
    let row = await messageRow(db, id);
    assert.equal(row.status, 'queued');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'SMS gateway answered HTTP 500');
    assert.equal(row.next_attempt_at.getTime() - clock.now().getTime(), BASE_MS);

    clock.advance(BASE_MS - 1);
    assert.equal(await relay.drain(), 0, 'not before the backoff has passed');
    clock.advance(1);
    statuses = [200];
    assert.equal(await relay.drain(), 1);
    row = await messageRow(db, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.equal(row.provider, 'sms-gateway');
    assert.match(row.provider_message_id ?? '', /^gw-\d+$/);
    const sent = requestsFor(id);
    assert.equal(sent.length, 2);
    const text = (sent[1]?.json['message'] as { text: string }).text;
    assert.equal(text, row.body);
    assert.ok(text.includes(`${LRI}482913${PDI}`), 'the code stays isolated inside the Urdu text');
  });

  it('gives up after the maximum attempts, doubling the wait each time', async () => {
    const db = testDb.database.db;
    const clock = manualClock();
    const relay = relayFor(clock);
    const id = await enqueueCommitted(db);
    statuses = Array.from({ length: 10 }, () => 500);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      assert.equal(await relay.drain(), 1, `attempt ${attempt}`);
      const row = await messageRow(db, id);
      assert.equal(row.attempts, attempt);
      if (attempt < 5) {
        assert.equal(row.status, 'queued');
        const wait = row.next_attempt_at.getTime() - clock.now().getTime();
        assert.equal(wait, BASE_MS * 2 ** (attempt - 1));
        assert.equal(wait, backoffDelayMs(attempt, BASE_MS, 60_000));
        clock.advance(wait);
      }
    }
    const row = await messageRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'SMS gateway answered HTTP 500');
    assert.equal(row.sent_at, null);
    clock.advance(24 * 60 * 60_000);
    assert.equal(await relay.drain(), 0, 'a failed message is never tried again');
    assert.equal(requestsFor(id).length, 5);
  });

  it('fails at once on a permanent refusal', async () => {
    const db = testDb.database.db;
    const relay = relayFor(manualClock());
    const id = await enqueueCommitted(db);
    statuses = [422];
    await relay.drain();
    const row = await messageRow(db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.equal(requestsFor(id).length, 1);
  });
});
