// Accounts and scoped role assignments. Citizens sign up themselves; staff are created by an administrator
// (or `npm run cli -- user:create-admin`) and act through role assignments scoped to a department and a
// district, or the whole province when both are null.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_account')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('citizen', 'staff')`))
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('mobile', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'disabled')`),
    )
    .addColumn('preferred_locale', 'text', (col) => col.notNull().defaultTo('en'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // E-mail addresses compare case-insensitively; one account per address.
  await sql`create unique index user_account_email_key on user_account (lower(email)) where email is not null`.execute(
    db,
  );
  await sql`create unique index user_account_mobile_key on user_account (mobile) where mobile is not null`.execute(
    db,
  );

  await db.schema
    .createTable('role_assignment')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('department_code', 'text', (col) => col.references('department.code'))
    .addColumn('district_code', 'text', (col) => col.references('district.code'))
    .addColumn('granted_by', 'text', (col) => col.notNull())
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index role_assignment_scope_key on role_assignment
    (user_id, role, coalesce(department_code, ''), coalesce(district_code, ''))`.execute(db);
}
