// Shared by this module's tests: a clock the test moves by hand, a silent relay set-up, a recording channel.
import { loadConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { findNotification, type NotificationRow } from './repo.ts';
import { type NotificationRequest, notificationsService } from './service.ts';

export const testConfig = loadConfig({ NODE_ENV: 'test' });
export const silentLogger = createLogger('silent');

export interface ManualClock {
  readonly now: () => Date;
  readonly advance: (ms: number) => void;
}

/** Starts a little ahead of the database's clock, so a message enqueued just now is already due. */
export function manualClock(): ManualClock {
  let time = Date.now() + 1000;
  return {
    now: () => new Date(time),
    advance(ms) {
      time += ms;
    },
  };
}

export const OTP_SMS: NotificationRequest = {
  event: 'otp.verifyMobile',
  channel: 'sms',
  recipient: '+923001234567',
  locale: 'en',
  params: { code: '482913', minutes: 10 },
};

/** Enqueues one message in its own committed transaction; returns its id. */
export function enqueueCommitted(db: Db, request: NotificationRequest = OTP_SMS): Promise<string> {
  return db.transaction().execute((trx) => notificationsService(db).enqueue(trx, request));
}

export async function messageRow(db: Db, id: string): Promise<NotificationRow> {
  const row = await findNotification(db, id);
  if (row === undefined) throw new Error(`message ${id} is not in the outbox`);
  return row;
}

export interface RecordingChannel extends Channel {
  readonly sent: OutgoingMessage[];
}

export function recordingChannel(provider = 'recording'): RecordingChannel {
  const sent: OutgoingMessage[] = [];
  return {
    provider,
    sent,
    async send(message) {
      sent.push(message);
      return { provider, providerMessageId: `${provider}-${sent.length}` };
    },
  };
}
