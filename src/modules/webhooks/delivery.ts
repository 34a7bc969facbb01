// Delivering the outbox: each due delivery is POSTed to its subscriber, signed, with a short timeout. A 2xx
// answer is delivered; anything else (another status, a redirect, no answer in time, a refused connection) is
// a failed attempt, tried again after 1 minute, then 4, 16, 64 minutes, about 4 hours and then every 8 hours,
// 8 attempts in all over about 22 hours; then it is failed for good. Every attempt is recorded with its status
// code, error and duration. Delivery is at least once: the attempt is counted (and the row leased) before the
// request goes, so a worker that dies mid-request leaves it to be sent again when the lease ends; receivers
// drop repeats by the event id.
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger.ts';
import { type ClaimedDelivery, claimDueDeliveries, insertAttempt, settleDelivery } from './repo.ts';
import { SIGNATURE_HEADER, secretSealer, signWithSecrets } from './signing.ts';

export interface DispatcherOptions {
  readonly sessionSecret: string;
  readonly logger: Logger;
  /** The clock that decides what is due (tests move it forward instead of waiting). */
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  /** The wait after the first failed attempt; it is multiplied by 4 after each further one. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** How long an attempt in progress keeps its delivery from every other worker. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_TIMEOUT_MS = 10_000;
const MINUTE = 60_000;

/** 1, 4, 16, 64, 256 minutes, then the cap (8 hours). */
export function retryDelayMs(attempt: number, baseMs = MINUTE, maxMs = 8 * 60 * MINUTE): number {
  return Math.min(maxMs, baseMs * 4 ** Math.max(0, attempt - 1));
}

export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `could not connect (${cause.code})`;
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'request failed';
}

export function webhookDispatcher(db: Db, options: DispatcherOptions) {
  const now = options.now ?? (() => new Date());
  const post = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const leaseMs = options.leaseMs ?? 2 * MINUTE;
  const batchSize = options.batchSize ?? 10;
  const sealer = secretSealer(options.sessionSecret);
  const log = options.logger.child({ component: 'webhooks' });

  function secretsOf(row: ClaimedDelivery, at: Date): string[] {
    const secrets = [sealer.open(row.subscription_id, row.secret_sealed)];
    if (row.previous_secret_sealed !== null && (row.previous_secret_expires_at ?? at) > at)
      secrets.push(sealer.open(row.subscription_id, row.previous_secret_sealed));
    return secrets;
  }

  async function send(row: ClaimedDelivery, at: Date): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await post(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Sahulat-Webhooks/1',
          [SIGNATURE_HEADER]: signWithSecrets(secretsOf(row, at), row.body, at),
          'x-sahulat-event': row.event_type,
          'x-sahulat-event-id': row.event_id,
          'x-sahulat-delivery': row.id,
        },
        body: row.body,
        // A redirect is not an answer: the subscription's URL is the one an administrator registered.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The answer's body is not read: only its status counts, and it may be large or slow.
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        statusCode: response.status,
        error: ok ? null : `HTTP ${response.status}`,
        durationMs: elapsed(),
      };
    } catch (error: unknown) {
      return { statusCode: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() };
    }
  }

  async function deliver(row: ClaimedDelivery, at: Date): Promise<void> {
    const outcome = await send(row, at);
    await insertAttempt(db, {
      delivery_id: row.id,
      attempt: row.attempts,
      started_at: at,
      duration_ms: outcome.durationMs,
      status_code: outcome.statusCode,
      error: outcome.error,
    });
    if (outcome.error === null && outcome.statusCode !== null) {
      await settleDelivery(db, row.id, { delivered: true, at: now(), statusCode: outcome.statusCode });
      return;
    }
    const giveUp = row.attempts >= maxAttempts;
    const retryAt = giveUp
      ? undefined
      : new Date(now().getTime() + retryDelayMs(row.attempts, options.backoffBaseMs, options.backoffMaxMs));
    await settleDelivery(db, row.id, {
      delivered: false,
      statusCode: outcome.statusCode,
      error: outcome.error ?? 'failed',
      retryAt,
    });
    const details = {
      deliveryId: row.id,
      event: row.event_type,
      attempt: row.attempts,
      error: outcome.error,
    };
    if (giveUp) log.error(details, 'webhook delivery failed for good');
    else log.warn({ ...details, retryAt }, 'webhook delivery attempt failed; will retry');
  }

  async function runBatch(): Promise<number> {
    const at = now();
    const claimed = await claimDueDeliveries(db, at, new Date(at.getTime() + leaseMs), batchSize);
    await Promise.all(claimed.map((row) => deliver(row, at)));
    return claimed.length;
  }

  return {
    /** Sends every delivery due now (up to `maxBatches` batches) and resolves with the attempts made. */
    async drain(maxBatches = 100): Promise<number> {
      let attempts = 0;
      for (let batches = 0; batches < maxBatches; batches++) {
        const made = await runBatch();
        attempts += made;
        if (made === 0) break;
      }
      return attempts;
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof webhookDispatcher>;
