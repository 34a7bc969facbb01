// Writes audit events. Callers pass their open transaction so the audit row commits with the change it records.
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/database.ts';

export interface AuditEvent {
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly ip?: string;
  readonly userAgent?: string;
  readonly details?: Record<string, unknown>;
}

export async function insertAuditEvent(db: Kysely<PlatformTables>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      actor_id: event.actorId,
      actor_label: event.actorLabel,
      action: event.action,
      subject_type: event.subjectType ?? null,
      subject_id: event.subjectId ?? null,
      ip: event.ip ?? null,
      user_agent: event.userAgent ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export async function auditEventsFor(db: Kysely<PlatformTables>, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}

/** Events a person did or that were about their account, newest first (for "download my data"). */
export async function auditEventsInvolving(db: Kysely<PlatformTables>, userId: string, limit = 1000) {
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'action', 'subject_type', 'subject_id', 'ip', 'user_agent', 'details'])
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb.and([eb('subject_type', '=', 'user_account'), eb('subject_id', '=', userId)]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export interface AuditFilters {
  readonly action?: string;
  readonly actor?: string;
  readonly subjectId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Keyset pagination: only events with an id below this. */
  readonly beforeId?: number;
  readonly limit: number;
}

/** Audit events matching every given filter, newest first. `action` matches a prefix (e.g. `sign_in.`). */
export async function searchAuditEvents(db: Kysely<PlatformTables>, filters: AuditFilters) {
  let query = db.selectFrom('audit_event').selectAll();
  if (filters.action !== undefined) query = query.where('action', 'like', `${escapeLike(filters.action)}%`);
  if (filters.actor !== undefined)
    query = query.where('actor_label', 'ilike', `%${escapeLike(filters.actor)}%`);
  if (filters.subjectId !== undefined) query = query.where('subject_id', '=', filters.subjectId);
  if (filters.from !== undefined) query = query.where('occurred_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('occurred_at', '<', filters.to);
  if (filters.beforeId !== undefined) query = query.where('id', '<', filters.beforeId);
  return query.orderBy('id', 'desc').limit(filters.limit).execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
