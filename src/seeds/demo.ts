// Demo data for a fresh development machine: a citizen and officers with published passwords and a
// published TOTP secret (listed in the README). Config refuses SEED_DEMO in production. Reference data
// (districts, departments) is not demo data: migrations load it everywhere.
import type { RoleGrant } from '../platform/actor.ts';
import { systemActor } from '../platform/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Services } from '../services.ts';
import type { DocumentStore } from '../platform/storage/document-store.ts';
import { seedDemoApplications } from './demo-applications.ts';
import { seedDemoComplaints } from './demo-complaints.ts';
import { hasSeedRun, markSeedRun } from './repo.ts';

/** The authenticator secret every demo officer shares (add it to an authenticator app to sign in). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const DEMO_CITIZEN = {
  cnic: '54400-1234567-1',
  password: 'Balochistan-2026',
  mobile: '+923001234567',
  fullName: 'Demo Citizen',
  fullNameUr: 'نمونہ شہری',
} as const;
export const DEMO_ADMIN = { email: 'admin@sahulat.example', password: 'Admin-Sahulat-2026' } as const;
export const DEMO_OFFICER_PASSWORD = 'Officer-2026';

const province = (role: RoleGrant['role']): RoleGrant => ({ role, departmentCode: null, districtCode: null });
const scoped = (role: RoleGrant['role'], departmentCode: string, districtCode: string | null): RoleGrant => ({
  role,
  departmentCode,
  districtCode,
});

/** Officers for the services and grievance work: who does what, where. */
export const DEMO_OFFICERS: readonly { email: string; fullName: string; grants: RoleGrant[] }[] = [
  {
    email: 'operator.quetta@sahulat.example',
    fullName: 'Facilitation Centre Operator, Quetta',
    // A facilitation centre serves every department's citizens in its district.
    grants: [{ role: 'operator', departmentCode: null, districtCode: 'QTA' }],
  },
  {
    email: 'clerk.revenue.quetta@sahulat.example',
    fullName: 'Clerk, Revenue, Quetta',
    grants: [scoped('clerk', 'revenue', 'QTA')],
  },
  {
    email: 'verifier.revenue.quetta@sahulat.example',
    fullName: 'Verifier, Revenue, Quetta',
    grants: [scoped('verifier', 'revenue', 'QTA')],
  },
  {
    email: 'approver.revenue.quetta@sahulat.example',
    fullName: 'Deputy Commissioner (Approver), Quetta',
    grants: [scoped('approver', 'revenue', 'QTA')],
  },
  {
    email: 'approver.revenue.gwadar@sahulat.example',
    fullName: 'Deputy Commissioner (Approver), Gwadar',
    grants: [scoped('approver', 'revenue', 'GWD')],
  },
  {
    email: 'approver.transport.quetta@sahulat.example',
    fullName: 'Licensing Authority, Transport, Quetta',
    grants: [scoped('approver', 'transport', 'QTA')],
  },
  {
    email: 'approver.industries@sahulat.example',
    fullName: 'Registrar, Industries & Commerce',
    grants: [scoped('approver', 'industries', null)],
  },
  {
    email: 'approver.food@sahulat.example',
    fullName: 'Food Safety Officer, Balochistan Food Authority',
    grants: [scoped('approver', 'food-authority', null)],
  },
  {
    email: 'clerk.police.quetta@sahulat.example',
    fullName: 'Tenant Registration, Police, Quetta',
    grants: [scoped('clerk', 'police', 'QTA')],
  },
  {
    email: 'clerk.agriculture.quetta@sahulat.example',
    fullName: 'Bulldozer Booking, Agriculture, Quetta',
    grants: [scoped('clerk', 'agriculture', 'QTA')],
  },
  {
    email: 'field.food.quetta@sahulat.example',
    fullName: 'Field Inspector, Balochistan Food Authority, Quetta',
    grants: [scoped('field_officer', 'food-authority', 'QTA')],
  },
  {
    email: 'approver.police.quetta@sahulat.example',
    fullName: 'SHO (Approver), Police, Quetta',
    grants: [scoped('approver', 'police', 'QTA')],
  },
  {
    email: 'approver.agriculture.quetta@sahulat.example',
    fullName: 'Agricultural Engineer (Approver), Quetta',
    grants: [scoped('approver', 'agriculture', 'QTA')],
  },
  {
    email: 'grievance.lg.quetta@sahulat.example',
    fullName: 'Grievance Officer, Local Government, Quetta',
    grants: [scoped('grievance_officer', 'local-government', 'QTA')],
  },
  {
    email: 'field.lg.quetta@sahulat.example',
    fullName: 'Field Officer, Local Government, Quetta',
    grants: [scoped('field_officer', 'local-government', 'QTA')],
  },
  // The province's contact centre files complaints for callers, for any department and district.
  {
    email: 'contact.centre@sahulat.example',
    fullName: 'Contact-Centre Agent, Province',
    grants: [province('contact_centre_agent')],
  },
  // Takes complaints escalated to the province, and decides appeals against filing suspensions.
  {
    email: 'grievance.province@sahulat.example',
    fullName: 'Provincial Grievance Cell',
    grants: [province('grievance_officer')],
  },
  {
    email: 'admin.revenue@sahulat.example',
    fullName: 'Department Administrator, Revenue',
    grants: [scoped('department_admin', 'revenue', null)],
  },
  {
    email: 'me.pnd@sahulat.example',
    fullName: 'M&E Focal Person, P&D',
    grants: [scoped('me_focal_person', 'pnd', null)],
  },
  { email: 'auditor@sahulat.example', fullName: 'Auditor (read-only)', grants: [province('auditor')] },
  {
    email: 'finance.revenue@sahulat.example',
    fullName: 'Finance Officer, Revenue',
    grants: [scoped('finance_officer', 'revenue', null)],
  },
  // Province-wide: runs a day's reconciliation by hand and sees every department's collections.
  {
    email: 'finance@sahulat.example',
    fullName: 'Finance Officer, Province',
    grants: [province('finance_officer')],
  },
];

/** Creates an account unless an earlier, interrupted run already did; returns its id or undefined. */
async function once(create: () => Promise<string>): Promise<string | undefined> {
  try {
    return await create();
  } catch (error: unknown) {
    if (isAppError(error) && error.code === 'conflict') return undefined;
    throw error;
  }
}

/**
 * Loads the demo accounts once per database (and, given a document store, demo applications and
 * complaints); returns whether it did anything.
 */
export async function seedDemo(
  db: Db,
  services: Services,
  logger: Logger,
  store?: DocumentStore,
): Promise<boolean> {
  if (await hasSeedRun(db, 'demo')) return false;
  const actor = systemActor('seed:demo');
  const staff = [
    {
      email: DEMO_ADMIN.email,
      fullName: 'Platform Administrator (S&IT)',
      grants: [province('platform_admin')],
      password: DEMO_ADMIN.password,
    },
    ...DEMO_OFFICERS.map((officer) => ({ ...officer, password: DEMO_OFFICER_PASSWORD })),
  ];
  const ids = new Map<string, string>();
  for (const person of staff) {
    const id = await once(async () => (await services.accounts.createStaffAccount(actor, person)).id);
    if (id !== undefined) {
      ids.set(person.email, id);
      await services.identity.provisionSecondFactor(actor, id, DEMO_TOTP_SECRET);
    }
  }
  const citizenId = await once(() => services.identity.provisionCitizen(actor, DEMO_CITIZEN));
  if (store !== undefined && citizenId !== undefined) {
    const officer = (email: string) => {
      const found = DEMO_OFFICERS.find((o) => o.email === email);
      const id = ids.get(email);
      if (found === undefined || id === undefined) throw new Error(`Demo officer ${email} is missing`);
      return { id, label: found.fullName, grants: found.grants };
    };
    const citizen = {
      kind: 'user',
      userId: citizenId,
      label: DEMO_CITIZEN.fullName,
      accountKind: 'citizen',
      grants: [],
    } as const;
    await seedDemoApplications(services, store, citizen, officer);
    await seedDemoComplaints(services, store, citizen, officer);
  }
  await markSeedRun(db, 'demo');
  logger.info({ accounts: staff.length + 1 }, 'demo data loaded');
  return true;
}
