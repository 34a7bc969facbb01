// Escalation of applications that stay too long in a state: when the application entered its state (the
// clock of the pack's `escalate.afterHours`), and the escalation marker, set once per state entry. The
// escalation role's officers see escalated applications in their inbox, so that lookup gets an index too.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('application')
    .addColumn('entered_state_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('escalated_to_role', 'text')
    .execute();
  // Small and part of introducing the column: the last history event that led into the current state,
  // else the submission. Drafts have no state clock.
  await sql`update application a
    set entered_state_at = coalesce(
      (select max(e.occurred_at) from application_event e
        where e.application_id = a.id and e.to_state = a.state),
      a.submitted_at,
      a.updated_at)
    where a.state <> 'draft'`.execute(db);
  // The escalation job: open, not yet escalated applications of one pack state, longest in it first.
  await sql`create index application_escalation_idx
    on application (service_code, pack_version, state, entered_state_at)
    where outcome is null and state <> 'draft' and escalated_at is null`.execute(db);
  // The inbox of the escalation role (beside application_inbox_idx for the holder role).
  await sql`create index application_escalated_inbox_idx
    on application (department_code, district_code, escalated_to_role, due_at)
    where outcome is null and escalated_to_role is not null`.execute(db);
}
