// All SQL for accounts and role assignments.
import type { Generated } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Role, RoleGrant } from '../../platform/actor.ts';

export type AccountTables = {
  user_account: {
    id: Generated<string>;
    kind: 'citizen' | 'staff';
    full_name: string;
    email: string | null;
    mobile: string | null;
    password_hash: string | null;
    status: Generated<'active' | 'disabled'>;
    preferred_locale: Generated<string>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  role_assignment: {
    id: Generated<string>;
    user_id: string;
    role: Role;
    department_code: string | null;
    district_code: string | null;
    granted_by: string;
    granted_at: Generated<Date>;
  };
};

const tables = (db: Db) => db.$extendTables<AccountTables>();

export interface NewAccount {
  readonly kind: 'citizen' | 'staff';
  readonly fullName: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly passwordHash: string;
}

export async function findAccountIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('user_account')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}

export async function insertAccount(db: Db, account: NewAccount): Promise<string> {
  const row = await tables(db)
    .insertInto('user_account')
    .values({
      kind: account.kind,
      full_name: account.fullName,
      email: account.email,
      mobile: account.mobile,
      password_hash: account.passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRoleGrant(
  db: Db,
  userId: string,
  grant: RoleGrant,
  grantedBy: string,
): Promise<void> {
  await tables(db)
    .insertInto('role_assignment')
    .values({
      user_id: userId,
      role: grant.role,
      department_code: grant.departmentCode,
      district_code: grant.districtCode,
      granted_by: grantedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function roleGrantsOf(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await tables(db)
    .selectFrom('role_assignment')
    .select(['role', 'department_code', 'district_code'])
    .where('user_id', '=', userId)
    .orderBy('granted_at')
    .execute();
  return rows.map((row) => ({
    role: row.role,
    departmentCode: row.department_code,
    districtCode: row.district_code,
  }));
}
