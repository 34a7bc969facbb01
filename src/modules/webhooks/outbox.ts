// Publishing an event: called by the module that changes something (payments), inside its own transaction.
// One delivery row per enabled subscription that wants the event type and covers its department is written
// there, so the rows commit or roll back with the change: a payment rolled back sends nothing, and a committed
// one cannot lose its events. When the app runs jobs, a pg-boss job is sent in the same transaction to wake
// the delivery worker at once (within a savepoint, so a job-system problem never undoes the payment); the
// worker's minute sweep catches anything else.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { WebhookEventDataOf, WebhookEventType } from './events.ts';
import { insertDeliveries } from './repo.ts';

export interface PublishedEvent<T extends WebhookEventType> {
  readonly type: T;
  /** The department whose subscriptions (and everyone's) receive it. */
  readonly departmentCode: string | null;
  readonly data: WebhookEventDataOf[T];
  readonly at: Date;
}

type Waker = (trx: Db) => Promise<void>;
let waker: Waker | undefined;

/**
 * Set by the jobs wiring when this instance runs jobs; returns the undo for when it stops. The waker must
 * never fail the caller's transaction (jobs.ts runs it in a savepoint).
 */
export function setDeliveryWaker(wake: Waker): () => void {
  waker = wake;
  return () => {
    if (waker === wake) waker = undefined;
  };
}

/** Queues the event for its subscribers in the caller's transaction; returns the event id and copies. */
export async function publishWebhookEvent<T extends WebhookEventType>(
  trx: Db,
  event: PublishedEvent<T>,
): Promise<{ id: string; queued: number }> {
  if (!trx.isTransaction) throw new Error('Webhook events are published inside the change’s transaction');
  const id = randomUUID();
  const body = JSON.stringify({ id, type: event.type, createdAt: event.at.toISOString(), data: event.data });
  const queued = await insertDeliveries(trx, {
    id,
    type: event.type,
    departmentCode: event.departmentCode,
    body,
  });
  const wake = waker;
  if (queued > 0 && wake !== undefined) await wake(trx);
  return { id, queued };
}
