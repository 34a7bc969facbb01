// SQL for the identity side of accounts: look-ups for sign-in, citizen registration, verification, TOTP.
import type { Db } from '../../../platform/db/database.ts';
import type { AccountTables } from './repo.ts';

const tables = (db: Db) => db.$extendTables<AccountTables>();

export interface AccountRecord {
  readonly id: string;
  readonly kind: 'citizen' | 'staff';
  readonly status: 'active' | 'disabled';
  readonly fullName: string;
  readonly fullNameUr: string | null;
  readonly cnic: string | null;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly mobileVerifiedAt: Date | null;
  readonly emailVerifiedAt: Date | null;
  readonly passwordHash: string | null;
  readonly totpSecret: string | null;
  readonly totpEnrolledAt: Date | null;
  readonly totpLastStep: number | null;
  readonly preferredLocale: string;
  readonly createdAt: Date;
  readonly lastSignInAt: Date | null;
}

function selectAccounts(db: Db) {
  return tables(db)
    .selectFrom('user_account')
    .select([
      'id',
      'kind',
      'status',
      'full_name',
      'full_name_ur',
      'cnic',
      'email',
      'mobile',
      'mobile_verified_at',
      'email_verified_at',
      'password_hash',
      'totp_secret',
      'totp_enrolled_at',
      'totp_last_step',
      'preferred_locale',
      'created_at',
      'last_sign_in_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAccounts>['executeTakeFirstOrThrow']>>;

function toRecord(row: Row): AccountRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fullName: row.full_name,
    fullNameUr: row.full_name_ur,
    cnic: row.cnic,
    email: row.email,
    mobile: row.mobile,
    mobileVerifiedAt: row.mobile_verified_at,
    emailVerifiedAt: row.email_verified_at,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnrolledAt: row.totp_enrolled_at,
    totpLastStep: row.totp_last_step,
    preferredLocale: row.preferred_locale,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

export async function findAccountById(db: Db, id: string): Promise<AccountRecord | undefined> {
  const row = await selectAccounts(db).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

export async function findAccountByCnic(db: Db, cnic: string): Promise<AccountRecord | undefined> {
  const row = await selectAccounts(db).where('cnic', '=', cnic).executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRecord | undefined> {
  const row = await selectAccounts(db)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row === undefined ? undefined : toRecord(row);
}

export interface NewCitizen {
  readonly cnic: string;
  readonly fullName: string;
  readonly fullNameUr: string | null;
  readonly mobile: string;
  readonly email: string | null;
  /** Null for an account opened for a citizen at a facilitation-centre counter (no password yet). */
  readonly passwordHash: string | null;
  readonly preferredLocale: string;
}

export async function insertCitizen(db: Db, citizen: NewCitizen): Promise<string> {
  const row = await tables(db)
    .insertInto('user_account')
    .values({
      kind: 'citizen',
      cnic: citizen.cnic,
      full_name: citizen.fullName,
      full_name_ur: citizen.fullNameUr,
      mobile: citizen.mobile,
      email: citizen.email,
      password_hash: citizen.passwordHash,
      preferred_locale: citizen.preferredLocale,
      password_changed_at: citizen.passwordHash === null ? null : new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type AccountUpdate = Partial<{
  mobile_verified_at: Date;
  email_verified_at: Date;
  password_hash: string;
  password_changed_at: Date;
  totp_secret: string;
  totp_enrolled_at: Date;
  totp_last_step: number;
  last_sign_in_at: Date;
  mobile: string;
  email: string;
  status: 'active' | 'disabled';
  preferred_locale: string;
}>;

export async function updateAccount(db: Db, id: string, changes: AccountUpdate): Promise<void> {
  await tables(db)
    .updateTable('user_account')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Records a used TOTP step only if it is newer than the last one (a code can never be replayed). */
export async function advanceTotpStep(db: Db, id: string, step: number): Promise<boolean> {
  const result = await tables(db)
    .updateTable('user_account')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
