// Test factories: every call makes unique people, so tests never depend on each other's rows.
import { randomInt } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import { hashPassword } from '../modules/identity/accounts/password.ts';
import { insertCitizen, updateAccount } from '../modules/identity/accounts/repo-identity.ts';

export const TEST_PASSWORD = 'Quetta valley in spring 2026';

export function uniqueCnic(): string {
  return `5${String(randomInt(0, 1e12)).padStart(12, '0')}`;
}

export function uniqueMobile(): string {
  return `+92300${String(randomInt(0, 1e7)).padStart(7, '0')}`;
}

export interface TestCitizen {
  readonly id: string;
  readonly cnic: string;
  readonly mobile: string;
  readonly password: string;
}

export async function createCitizen(
  db: Db,
  options: { verified?: boolean; password?: string } = {},
): Promise<TestCitizen> {
  const cnic = uniqueCnic();
  const mobile = uniqueMobile();
  const password = options.password ?? TEST_PASSWORD;
  const id = await insertCitizen(db, {
    cnic,
    fullName: `Test Citizen ${cnic.slice(-4)}`,
    fullNameUr: null,
    mobile,
    email: null,
    passwordHash: await hashPassword(password),
    preferredLocale: 'en',
  });
  if (options.verified !== false) await updateAccount(db, id, { mobile_verified_at: new Date() });
  return { id, cnic, mobile, password };
}
