// All SQL for accounts and role assignments.
import type { Generated } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Role, RoleGrant } from '../../../platform/actor.ts';

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
    cnic: string | null;
    full_name_ur: string | null;
    mobile_verified_at: Date | null;
    email_verified_at: Date | null;
    totp_secret: string | null;
    totp_enrolled_at: Date | null;
    totp_last_step: number | null;
    last_sign_in_at: Date | null;
    password_changed_at: Date | null;
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

export interface StaffRow {
  readonly id: string;
  readonly fullName: string;
  readonly email: string | null;
  readonly status: 'active' | 'disabled';
  readonly mfaEnrolled: boolean;
  readonly grants: RoleGrant[];
}

/** Staff accounts, optionally only those holding a role in `departmentCode`, with their grants. */
export async function selectStaff(db: Db, departmentCode?: string): Promise<StaffRow[]> {
  let query = tables(db)
    .selectFrom('user_account')
    .select(['id', 'full_name', 'email', 'status', 'totp_enrolled_at'])
    .where('kind', '=', 'staff')
    .orderBy('full_name');
  if (departmentCode !== undefined) {
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('role_assignment').select('user_id').where('department_code', '=', departmentCode),
    );
  }
  const accounts = await query.execute();
  if (accounts.length === 0) return [];
  const grants = await tables(db)
    .selectFrom('role_assignment')
    .select(['user_id', 'role', 'department_code', 'district_code'])
    .where(
      'user_id',
      'in',
      accounts.map((account) => account.id),
    )
    .orderBy('granted_at')
    .execute();
  return accounts.map((account) => ({
    id: account.id,
    fullName: account.full_name,
    email: account.email,
    status: account.status,
    mfaEnrolled: account.totp_enrolled_at !== null,
    grants: grants
      .filter((grant) => grant.user_id === account.id)
      .map((grant) => ({
        role: grant.role,
        departmentCode: grant.department_code,
        districtCode: grant.district_code,
      })),
  }));
}

export async function deleteRoleGrant(db: Db, userId: string, grant: RoleGrant): Promise<boolean> {
  const result = await tables(db)
    .deleteFrom('role_assignment')
    .where('user_id', '=', userId)
    .where('role', '=', grant.role)
    .where((eb) =>
      grant.departmentCode === null
        ? eb('department_code', 'is', null)
        : eb('department_code', '=', grant.departmentCode),
    )
    .where((eb) =>
      grant.districtCode === null
        ? eb('district_code', 'is', null)
        : eb('district_code', '=', grant.districtCode),
    )
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setAccountStatus(
  db: Db,
  userId: string,
  status: 'active' | 'disabled',
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('user_account')
    .set({ status, updated_at: new Date() })
    .where('id', '=', userId)
    .where('kind', '=', 'staff')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface OfficerContact {
  readonly id: string;
  readonly fullName: string;
  readonly email: string | null;
  readonly locale: string;
}

/** Active staff holding `role` over a department and district (a grant with null there covers every one). */
export async function selectOfficersHolding(
  db: Db,
  office: { role: Role; departmentCode: string; districtCode: string },
): Promise<OfficerContact[]> {
  const rows = await tables(db)
    .selectFrom('user_account')
    .select(['id', 'full_name', 'email', 'preferred_locale'])
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('role_assignment')
        .select('user_id')
        .where('role', '=', office.role)
        .where((w) =>
          w.or([w('department_code', 'is', null), w('department_code', '=', office.departmentCode)]),
        )
        .where((w) => w.or([w('district_code', 'is', null), w('district_code', '=', office.districtCode)])),
    )
    .orderBy('full_name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    locale: row.preferred_locale,
  }));
}

/** The names of staff accounts among `ids` (citizens' are never returned). */
export async function selectStaffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tables(db)
    .selectFrom('user_account')
    .select(['id', 'full_name'])
    .where('kind', '=', 'staff')
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.full_name]));
}
