// Webhook subscriptions: administrators register the systems that want to hear of payments, refunds and
// bills (validation.ts says who manages which), disable and enable them, rotate their secrets and watch the
// recent deliveries. A secret is shown once, when made; it is stored sealed. Events are published by the
// modules that change things (outbox.ts) and delivered by the worker (delivery.ts, jobs.ts).
import { randomUUID } from 'node:crypto';
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { referenceService } from '../reference/service.ts';
import {
  type AttemptRow,
  type DeliveryRow,
  type SubscriptionRow,
  attemptsOf,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  recentDeliveries,
  updateSubscription,
} from './repo.ts';
import { PREVIOUS_SECRET_GRACE_MS, newWebhookSecret, secretSealer } from './signing.ts';
import { type SubscriptionInput, canManage, checkSubscription, managedDepartments } from './validation.ts';

export interface WebhooksOptions {
  readonly sessionSecret: string;
  /** http://localhost subscribers, for development (never in production). */
  readonly allowLocalHttp: boolean;
}

export interface DeliveryView extends DeliveryRow {
  readonly attemptList: readonly AttemptRow[];
}

const RECENT_DELIVERIES = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function webhooksService(db: Db, options: WebhooksOptions) {
  const sealer = secretSealer(options.sessionSecret);

  function departmentsOf(actor: Actor): string[] | null {
    if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
    const departments = managedDepartments(actor);
    if (departments === undefined) throw forbidden('Only administrators manage webhook subscriptions');
    return departments;
  }

  async function mine(actor: Actor, trx: Db, id: string, forUpdate = false): Promise<SubscriptionRow> {
    const departments = departmentsOf(actor);
    const found = UUID.test(id) ? await findSubscription(trx, id, { forUpdate }) : undefined;
    if (found === undefined || !canManage(departments, found.department_code)) throw notFound('Subscription');
    return found;
  }

  const audit = (trx: Db, actor: Actor, action: string, row: SubscriptionRow, details = {}) =>
    insertAuditEvent(trx, {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: `webhook.${action}`,
      subjectType: 'webhook_subscription',
      subjectId: row.id,
      details: { name: row.name, ...details },
    });

  return {
    /** The subscriptions the actor manages, and the departments they may choose (null: any, or all). */
    async list(actor: Actor): Promise<{ subscriptions: SubscriptionRow[]; departments: string[] | null }> {
      const departments = departmentsOf(actor);
      return { subscriptions: await listSubscriptions(db, departments), departments };
    },

    /** Registers a subscriber; the secret is returned this once. */
    async create(
      actor: Actor,
      input: SubscriptionInput,
    ): Promise<{ subscription: SubscriptionRow; secret: string }> {
      const departments = departmentsOf(actor);
      const known = (await referenceService(db).referenceData(actor)).departments.map((row) => row.code);
      const { value, problems } = checkSubscription(input, {
        allowLocalHttp: options.allowLocalHttp,
        departments,
        knownDepartments: known,
      });
      if (problems.length > 0) throw validationFailed('The subscription is not complete', problems);
      const id = randomUUID();
      const secret = newWebhookSecret();
      return inTransaction(db, async (trx) => {
        const subscription = await insertSubscription(trx, {
          id,
          ...value,
          secretSealed: sealer.seal(id, secret),
          createdBy: actorId(actor),
        });
        await audit(trx, actor, 'subscription_created', subscription, {
          url: value.url,
          events: value.events,
          department: value.departmentCode,
        });
        return { subscription, secret };
      });
    },

    /** One subscription with its recent deliveries and their attempts, newest first. */
    async subscription(actor: Actor, id: string) {
      const subscription = await mine(actor, db, id);
      const deliveries = await recentDeliveries(db, subscription.id, RECENT_DELIVERIES);
      const attempts = await attemptsOf(
        db,
        deliveries.map((delivery) => delivery.id),
      );
      const views: DeliveryView[] = deliveries.map((delivery) => ({
        ...delivery,
        attemptList: attempts.filter((attempt) => attempt.delivery_id === delivery.id),
      }));
      return { subscription, deliveries: views };
    },

    async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<void> {
      await inTransaction(db, async (trx) => {
        const subscription = await mine(actor, trx, id, true);
        if (subscription.enabled === enabled) return;
        await updateSubscription(trx, subscription.id, { enabled });
        await audit(trx, actor, enabled ? 'subscription_enabled' : 'subscription_disabled', subscription);
      });
    },

    /** A new secret, returned this once; the old one still signs for a day so the receiver can switch. */
    async rotateSecret(actor: Actor, id: string, now = new Date()) {
      return inTransaction(db, async (trx) => {
        const subscription = await mine(actor, trx, id, true);
        const secret = newWebhookSecret();
        const previous = sealer.open(subscription.id, subscription.secret_sealed);
        const previousUntil = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
        await updateSubscription(trx, subscription.id, {
          secret_sealed: sealer.seal(subscription.id, secret),
          previous_secret_sealed: sealer.seal(subscription.id, previous),
          previous_secret_expires_at: previousUntil,
        });
        await audit(trx, actor, 'secret_rotated', subscription, {
          previousUntil: previousUntil.toISOString(),
        });
        return { subscription, secret, previousUntil };
      });
    },
  };
}

export type WebhooksService = ReturnType<typeof webhooksService>;

/** For the modules that publish events, inside their own transaction (outbox.ts). */
export { publishWebhookEvent } from './outbox.ts';
