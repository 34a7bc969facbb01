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
