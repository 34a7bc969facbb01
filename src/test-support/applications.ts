// Test helpers for the officers' side of applications: staff with real sessions, and a domicile
// application of Revenue, Quetta taken through submission and the counter fee into scrutiny (the
// Quetta Revenue clerk holds it; after 24 working hours it escalates to the approver).
import { type Actor, type RoleGrant, systemActor } from '../platform/actor.ts';
import type { TestApp } from './app.ts';
import { createCitizen } from './factories.ts';
import { FormClient } from './form-client.ts';

/** A complete Revenue, Quetta domicile form, step by step (file fields hold stand-in document keys). */
export const DOMICILE_ANSWERS: Record<string, Record<string, string>> = {
  applicant: {
    applicantCnic: '54400-7654321-3',
    fullName: 'Gul Khan',
    fatherName: 'Sher Khan',
    dateOfBirth: '1998-03-23',
    gender: 'male',
    mobile: '0300 1234567',
    purpose: 'education',
  },
  residence: {
    district: 'QTA',
    tehsil: 'Quetta City',
    permanentAddress: 'House 12, Street 4, Satellite Town, Quetta',
    yearsResident: '20',
    residenceBasis: 'born-here',
    otherDomicile: 'no',
  },
  documents: {
    cnicCopy: 'a'.repeat(32),
    fatherCnicCopy: 'b'.repeat(32),
    residenceProof: 'c'.repeat(32),
    photo: 'd'.repeat(32),
  },
};

export interface TestOfficer {
  readonly actor: Actor & { kind: 'user' };
  readonly email: string;
  readonly name: string;
}

/** A staff account with `grants`, and its actor. */
export async function createOfficer(
  t: TestApp,
  grants: readonly RoleGrant[],
  name = `Officer ${Math.random().toString(36).slice(2, 8)}`,
): Promise<TestOfficer> {
  const email = `officer.${Math.random().toString(36).slice(2)}@sahulat.test`;
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName: name,
    grants: [...grants],
  });
  return {
    actor: { kind: 'user', userId: id, label: name, accountKind: 'staff', grants: [...grants] },
    email,
    name,
  };
}

/** A page client signed in as `userId` (staff sessions count as past the second step). */
export async function signedInClient(
  t: TestApp,
  userId: string,
  kind: 'staff' | 'citizen' = 'staff',
): Promise<FormClient> {
  const { token } = await t.services.identity.sessions.create(
    { id: userId, kind },
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const client = new FormClient(t.app);
  client.cookies.set('sid', token);
  return client;
}

/** A Quetta domicile application, submitted and paid at the counter: now in scrutiny with the clerk. */
export async function domicileInScrutiny(t: TestApp): Promise<{ number: string; applicant: Actor }> {
  const submitted = await domicileAwaitingFee(t);
  await payFeeAtCounter(t, submitted.number);
  return submitted;
}

/** A Quetta domicile application, submitted: waiting for its fee, with a bill (PSID). */
export async function domicileAwaitingFee(t: TestApp): Promise<{ number: string; applicant: Actor }> {
  const citizen = await createCitizen(t.testDatabase.database.db);
  const applicant: Actor = {
    kind: 'user',
    userId: citizen.id,
    label: 'Test Citizen',
    accountKind: 'citizen',
    grants: [],
  };
  const applications = t.services.applications;
  const id = await applications.startDraft(applicant, {
    serviceCode: 'domicile-certificate',
    districtCode: 'QTA',
  });
  let version = 1;
  for (const [stepId, raw] of Object.entries(DOMICILE_ANSWERS)) {
    version = (await applications.saveStep(applicant, id, { stepId, raw, version })).version;
  }
  const { number } = await applications.submit(applicant, id, version);
  return { number, applicant };
}

/**
 * The application's fee paid in cash at a Quetta facilitation centre: the operator records it against the
 * application's bill (PSID), which moves the application on. Returns the bill's PSID and the receipt.
 */
export async function payFeeAtCounter(
  t: TestApp,
  number: string,
): Promise<{ psid: string; receiptNumber: string }> {
  const operator = await createOfficer(t, [{ role: 'operator', departmentCode: null, districtCode: 'QTA' }]);
  const { application } = await t.services.applications.get(operator.actor, { number });
  const [bill] = await t.services.payments.bills.billsFor(operator.actor, 'application', application.id);
  if (bill === undefined) throw new Error(`No bill was issued for ${number}`);
  const { receiptNumber } = await t.services.payments.recordCounterPayment(operator.actor, {
    psid: bill.psid,
    amountPaisa: bill.amount_paisa,
    receiptBookNumber: 'QTA-FC-0001',
  });
  return { psid: bill.psid, receiptNumber };
}
