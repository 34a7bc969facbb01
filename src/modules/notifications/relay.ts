// The relay: sends what the outbox holds, with retries and exponential backoff, and records each outcome.
//
// Why a polling relay over our own table rather than one pg-boss job per message: the row in
// notification_message already is the durable queue, written in the caller's transaction, so it commits or
// rolls back with the change that causes it. A pg-boss job would be a second copy of the same fact, kept
// in step through pg-boss's executeSql adapter, and its retries would still have to update our row. Polling
// one partial index once a second costs next to nothing; SKIP LOCKED lets every app instance run a relay;
// and tests drive it directly (`drain()`) with no timers.
//
// Delivery is at least once, with duplicates kept as rare as the providers allow: each attempt is recorded
// (attempts + 1, and a lease in next_attempt_at) before the provider is called. A worker that dies mid-send
// leaves the row leased; when the lease ends another attempt goes out with the same message id, which the
// SMS gateway can receive as a client reference ({id} in SMS_GATEWAY_BODY) and which becomes the e-mail's
// Message-ID, so a provider that deduplicates drops the repeat. Without that, a crash can mean one repeat.
import type { AppConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { type Channels, SendError } from './channel.ts';
import { channelsFromConfig } from './channels.ts';
import {
  type NotificationRow,
  claimDueNotifications,
  markNotificationAttemptFailed,
  markNotificationSent,
} from './repo.ts';

export interface RelayOptions {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Replace the configured channels (tests). */
  readonly channels?: Partial<Channels>;
  /** The clock that decides what is due (tests move it forward instead of waiting). */
  readonly now?: () => Date;
  readonly maxAttempts?: number;
  /** The wait after the first failed attempt; it doubles after each further one. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** How long an attempt in progress keeps its message from every other relay. */
  readonly leaseMs?: number;
  readonly pollIntervalMs?: number;
  readonly batchSize?: number;
}

export interface NotificationRelay {
  /** Polls in the background until `stop()`. */
  start(): void;
  /** Finishes the batch in progress, then stops polling and closes provider connections. */
  stop(): Promise<void>;
  /** Sends every message due now, retries included, and resolves with the number of attempts made. */
  drain(): Promise<number>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_BASE_MS = 10_000;

/** 10 s, 20 s, 40 s, 80 s…: a code sent by SMS is still useful when a short gateway outage ends. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** A channel's own refusals keep their classification; anything else (a bug, a library error) is retried. */
function asSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const name = error instanceof Error ? error.name : 'error';
  return new SendError(`unexpected ${name} while sending`, { permanent: false, cause: error });
}

export function createNotificationRelay(db: Db, options: RelayOptions): NotificationRelay {
  const { logger, config } = options;
  const channels: Channels = { ...channelsFromConfig(config, logger), ...options.channels };
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoffBaseMs = options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const backoffMaxMs = options.backoffMaxMs ?? 10 * 60_000;
  const leaseMs = options.leaseMs ?? 3 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const log = logger.child({ component: 'notifications' });

  async function deliver(row: NotificationRow): Promise<void> {
    const outcome = await channels[row.channel].send(row).then(
      (result) => ({ result, failure: undefined }),
      (error: unknown) => ({ result: undefined, failure: asSendError(error) }),
    );
    if (outcome.failure === undefined) {
      // Should this write fail, the lease runs out and the message goes again (at least once, see above).
      const { provider, providerMessageId } = outcome.result;
      await markNotificationSent(db, row.id, now(), provider, providerMessageId);
      return;
    }
    const failure = outcome.failure;
    const giveUp = failure.permanent || row.attempts >= maxAttempts;
    const retryAt = new Date(now().getTime() + backoffDelayMs(row.attempts, backoffBaseMs, backoffMaxMs));
    await markNotificationAttemptFailed(db, row.id, failure.message, giveUp ? undefined : retryAt);
    const details = { messageId: row.id, event: row.event, attempt: row.attempts, err: failure };
    if (giveUp) log.error(details, 'notification failed for good');
    else log.warn({ ...details, retryAt }, 'notification attempt failed; will retry');
  }

  async function runBatch(): Promise<number> {
    const at = now();
    const claimed = await claimDueNotifications(db, at, new Date(at.getTime() + leaseMs), batchSize);
    await Promise.all(claimed.map(deliver));
    return claimed.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopping = true;

  async function pump(): Promise<void> {
    try {
      while (!stopping && (await runBatch()) > 0) {
        // keep going while there is work
      }
    } catch (error: unknown) {
      log.error({ err: error }, 'notification relay could not poll the outbox');
    }
  }

  function tick(): void {
    timer = undefined;
    running = pump().finally(() => {
      running = undefined;
      if (!stopping) timer = setTimeout(tick, pollIntervalMs).unref();
    });
  }

  return {
    start() {
      if (!stopping) return;
      stopping = false;
      const missing = [
        config.smsGateway === undefined ? 'SMS_GATEWAY_URL' : '',
        config.smtp ? '' : 'SMTP_URL',
      ];
      if (config.nodeEnv === 'production' && missing.some(Boolean)) {
        log.warn({ missing: missing.filter(Boolean) }, 'no provider configured: those messages will fail');
      }
      tick();
    },
    async stop() {
      stopping = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
      for (const channel of new Set(Object.values(channels))) channel.close?.();
    },
    async drain() {
      let attempts = 0;
      for (let batch = await runBatch(); batch > 0; batch = await runBatch()) attempts += batch;
      return attempts;
    },
  };
}
