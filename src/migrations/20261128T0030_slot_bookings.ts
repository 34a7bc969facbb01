// Bookable hours (the bulldozer service): one row per application and hour booked. Capacity per service,
// district and hour is enforced in the transaction that books, under a lock on that district's day.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slot_booking')
    .addColumn('application_id', 'uuid', (col) =>
      col.notNull().references('application.id').onDelete('cascade'),
    )
    .addColumn('service_code', 'text', (col) => col.notNull())
    .addColumn('district_code', 'text', (col) => col.notNull())
    .addColumn('slot_hour', 'timestamptz', (col) => col.notNull())
    .addPrimaryKeyConstraint('slot_booking_pkey', ['application_id', 'slot_hour'])
    .execute();
  await db.schema
    .createIndex('slot_booking_hour_idx')
    .on('slot_booking')
    .columns(['service_code', 'district_code', 'slot_hour'])
    .execute();
}
