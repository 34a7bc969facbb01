// The people of the applications benchmark: citizens with live sessions (their cookies are what the load
// generator sends), and officers created through the accounts service, acting as the server would see them.
import type { Actor, RoleGrant } from '../../../src/platform/actor.ts';
import { systemActor } from '../../../src/platform/actor.ts';
import type { Db } from '../../../src/platform/db/database.ts';
import { hashPassword } from '../../../src/modules/identity/accounts/password.ts';
import { insertCitizen, updateAccount } from '../../../src/modules/identity/accounts/repo-identity.ts';
import { sessionsService } from '../../../src/modules/identity/sessions.ts';
import type { Services } from '../../../src/services.ts';

export interface BenchCitizen {
  readonly id: string;
  readonly cnic: string;
  readonly fullName: string;
  readonly mobile: string;
  /** The session cookie's value. */
  readonly sessionToken: string;
}

/** `count` verified citizens (one shared password hash: no one signs in with it) and a session each. */
export async function createCitizensWithSessions(db: Db, count: number): Promise<BenchCitizen[]> {
  const passwordHash = await hashPassword('Bench citizen password 2026');
  const sessions = sessionsService(db);
  const citizens: BenchCitizen[] = [];
  for (let i = 0; i < count; i += 1) {
    // 5 then 12 digits, and +92301…: apart from the generated citizens (6…, +92333…).
    const cnic = `5${String(i + 1).padStart(12, '0')}`;
    const mobile = `+92301${String(i + 1).padStart(7, '0')}`;
    const fullName = `Bench Citizen ${i + 1}`;
    const id = await insertCitizen(db, {
      cnic,
      fullName,
      fullNameUr: null,
      mobile,
      email: null,
      passwordHash,
      preferredLocale: 'en',
    });
    await updateAccount(db, id, { mobile_verified_at: new Date() });
    const { token } = await sessions.create(
      { id, kind: 'citizen' },
      { ip: '127.0.0.1', userAgent: 'sahulat-bench' },
      true,
    );
    citizens.push({ id, cnic, fullName, mobile, sessionToken: token });
  }
  return citizens;
}

/** A staff account with these grants, and the actor its session would resolve to. */
export async function createOfficer(
  services: Services,
  name: string,
  grants: readonly RoleGrant[],
): Promise<Actor> {
  const created = await services.accounts.createStaffAccount(systemActor('bench'), {
    email: `bench-${name}@sahulat.example`,
    fullName: `Bench ${name}`,
    password: 'Bench-Officer-2026-password',
    grants,
  });
  const actor = await services.identity.sessions.actorOfAccount(created.id);
  if (actor === undefined) throw new Error(`The officer ${name} is not active`);
  return actor;
}
