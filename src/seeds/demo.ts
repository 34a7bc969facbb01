// Demo data for a fresh development machine: staff accounts with a published password (listed in the
// README). Config refuses SEED_DEMO in production. Reference data (districts, departments) is not demo
// data: migrations load it everywhere.
import type { RoleGrant } from '../platform/actor.ts';
import { systemActor } from '../platform/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Services } from '../services.ts';
import { hasSeedRun, markSeedRun } from './repo.ts';

export const DEMO_PASSWORD = 'Sahulat-Demo-2026';

export const DEMO_STAFF: readonly { email: string; fullName: string; grants: RoleGrant[] }[] = [
  {
    email: 'admin@sahulat.test',
    fullName: 'Demo Platform Administrator (S&IT)',
    grants: [{ role: 'platform_admin', departmentCode: null, districtCode: null }],
  },
  {
    email: 'approver.revenue.quetta@sahulat.test',
    fullName: 'Demo Approver, Revenue, Quetta',
    grants: [{ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' }],
  },
  {
    email: 'auditor@sahulat.test',
    fullName: 'Demo Auditor',
    grants: [{ role: 'auditor', departmentCode: null, districtCode: null }],
  },
];

/** Loads the demo accounts once per database; returns whether it did anything. */
export async function seedDemo(db: Db, services: Services, logger: Logger): Promise<boolean> {
  if (await hasSeedRun(db, 'demo')) return false;
  const actor = systemActor('seed:demo');
  for (const staff of DEMO_STAFF) {
    try {
      await services.accounts.createStaffAccount(actor, { ...staff, password: DEMO_PASSWORD });
    } catch (error: unknown) {
      // An earlier, interrupted run may have created some of them already.
      if (!(isAppError(error) && error.code === 'conflict')) throw error;
    }
  }
  await markSeedRun(db, 'demo');
  logger.info({ accounts: DEMO_STAFF.map((staff) => staff.email) }, 'demo data loaded');
  return true;
}
