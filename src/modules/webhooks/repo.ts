// All SQL of the webhooks module: subscriptions, the delivery outbox and its attempts.
import { CompiledQuery, type Generated, type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export type WebhookTables = {
  webhook_subscription: {
    id: Generated<string>;
    name: string;
    url: string;
    events: string[];
    department_code: string | null;
    secret_sealed: string;
    previous_secret_sealed: string | null;
    previous_secret_expires_at: Date | null;
    enabled: Generated<boolean>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  webhook_delivery: {
    id: Generated<string>;
    subscription_id: string;
    event_id: string;
    event_type: string;
    body: string;
    status: Generated<DeliveryStatus>;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    last_status_code: number | null;
    last_error: string | null;
    created_at: Generated<Date>;
    delivered_at: Date | null;
  };
  webhook_attempt: {
    id: Generated<number>;
    delivery_id: string;
    attempt: number;
    started_at: Date;
    duration_ms: number;
    status_code: number | null;
    error: string | null;
  };
};

const tables = (db: Db) => db.$extendTables<WebhookTables>();

export type SubscriptionRow = Selectable<WebhookTables['webhook_subscription']>;
export type DeliveryRow = Selectable<WebhookTables['webhook_delivery']>;
export type AttemptRow = Selectable<WebhookTables['webhook_attempt']>;

export async function insertSubscription(
  db: Db,
  subscription: {
    id: string;
    name: string;
    url: string;
    events: readonly string[];
    departmentCode: string | null;
    secretSealed: string;
    createdBy: string | null;
  },
): Promise<SubscriptionRow> {
  return tables(db)
    .insertInto('webhook_subscription')
    .values({
      id: subscription.id,
      name: subscription.name,
      url: subscription.url,
      events: [...subscription.events],
      department_code: subscription.departmentCode,
      secret_sealed: subscription.secretSealed,
      previous_secret_sealed: null,
      previous_secret_expires_at: null,
      created_by: subscription.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Subscriptions of the given departments (null: all, department-wide ones included), newest first. */
export async function listSubscriptions(
  db: Db,
  departments: readonly string[] | null,
): Promise<SubscriptionRow[]> {
  let query = tables(db).selectFrom('webhook_subscription').selectAll();
  if (departments !== null) {
    if (departments.length === 0) return [];
    query = query.where('department_code', 'in', [...departments]);
  }
  return query.orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findSubscription(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SubscriptionRow | undefined> {
  let query = tables(db).selectFrom('webhook_subscription').selectAll().where('id', '=', id);
  if (options.forUpdate === true) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

export async function updateSubscription(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      SubscriptionRow,
      'enabled' | 'secret_sealed' | 'previous_secret_sealed' | 'previous_secret_expires_at'
    >
  >,
): Promise<void> {
  await tables(db)
    .updateTable('webhook_subscription')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * The outbox write: one delivery of the event for each enabled subscription that wants its type and
 * covers its department, in the caller's transaction. Returns how many were queued.
 */
export async function insertDeliveries(
  db: Db,
  event: { id: string; type: string; departmentCode: string | null; body: string },
): Promise<number> {
  const result = await sql`
    insert into webhook_delivery (subscription_id, event_id, event_type, body)
    select id, ${event.id}::uuid, ${event.type}, ${event.body}
    from webhook_subscription
    where enabled
      and ${event.type} = any (events)
      and (department_code is null or department_code = ${event.departmentCode})
    on conflict (subscription_id, event_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

export interface ClaimedDelivery {
  readonly id: string;
  readonly subscription_id: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly body: string;
  /** This attempt's number (already counted). */
  readonly attempts: number;
  readonly url: string;
  readonly secret_sealed: string;
  readonly previous_secret_sealed: string | null;
  readonly previous_secret_expires_at: Date | null;
}

/**
 * Claims up to `limit` deliveries due at `now` (of enabled subscriptions) and records the attempt before
 * anything is sent: `attempts` goes up and `next_attempt_at` moves to `leaseUntil`, in one statement. SKIP
 * LOCKED lets every app instance's worker claim at once without taking the same row; the lease keeps a
 * claimed row from every other worker until the attempt is settled, or until it runs out after a crash.
 */
export async function claimDueDeliveries(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
    with due as (
      select d.id
      from webhook_delivery d
      join webhook_subscription s on s.id = d.subscription_id and s.enabled
      where d.status = 'pending' and d.next_attempt_at <= ${now}
      order by d.next_attempt_at
      limit ${limit}
      for update of d skip locked
    )
    update webhook_delivery d
    set attempts = d.attempts + 1, next_attempt_at = ${leaseUntil}
    from due, webhook_subscription s
    where d.id = due.id and s.id = d.subscription_id
    returning d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts,
      s.url, s.secret_sealed, s.previous_secret_sealed, s.previous_secret_expires_at`.execute(db);
  return result.rows;
}

export async function insertAttempt(db: Db, attempt: Omit<AttemptRow, 'id'>): Promise<void> {
  await tables(db).insertInto('webhook_attempt').values(attempt).execute();
}

/** Settles an attempt: delivered, tried again at `retryAt`, or (retryAt undefined) failed for good. */
export async function settleDelivery(
  db: Db,
  id: string,
  outcome:
    | { delivered: true; at: Date; statusCode: number }
    | { delivered: false; statusCode: number | null; error: string; retryAt: Date | undefined },
): Promise<void> {
  const changes = outcome.delivered
    ? {
        status: 'delivered' as const,
        delivered_at: outcome.at,
        last_status_code: outcome.statusCode,
        last_error: null,
      }
    : {
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        ...(outcome.retryAt === undefined
          ? { status: 'failed' as const }
          : { next_attempt_at: outcome.retryAt }),
      };
  await tables(db)
    .updateTable('webhook_delivery')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function recentDeliveries(
  db: Db,
  subscriptionId: string,
  limit: number,
): Promise<DeliveryRow[]> {
  return tables(db)
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function attemptsOf(db: Db, deliveryIds: readonly string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return tables(db)
    .selectFrom('webhook_attempt')
    .selectAll()
    .where('delivery_id', 'in', [...deliveryIds])
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
}

/** Forgets finished deliveries (and their attempts) created before `before`, a batch at a time. */
export async function pruneFinishedDeliveries(db: Db, before: Date, batch = 1000): Promise<number> {
  const result = await sql`
    delete from webhook_delivery
    where id in (
      select id from webhook_delivery
      where status <> 'pending' and created_at < ${before}
      limit ${batch}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Runs `work` inside a savepoint of the caller's transaction, and on failure rolls back only to it: for the
 * optional wake-up of the delivery worker, which must never undo the payment it follows.
 */
export async function withSavepoint(trx: Db, name: string, work: () => Promise<void>): Promise<unknown> {
  await sql`savepoint ${sql.id(name)}`.execute(trx);
  try {
    await work();
    await sql`release savepoint ${sql.id(name)}`.execute(trx);
    return undefined;
  } catch (error: unknown) {
    await sql`rollback to savepoint ${sql.id(name)}`.execute(trx);
    return error;
  }
}

/** The caller's transaction as pg-boss's database adapter, so a job it sends commits or rolls back with it. */
export function transactionExecutor(trx: Db): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    async executeSql(text, values = []) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}
