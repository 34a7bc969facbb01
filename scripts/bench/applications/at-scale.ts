// Step 3 of the benchmark, once the applications are loaded: officers for the busiest inboxes, samples of
// existing numbers and CNICs, then the timings and the plans (see queries.ts).
import { sql } from 'kysely';
import type { Role } from '../../../src/platform/actor.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import type { Services } from '../../../src/services.ts';
import { createOfficer } from './people.ts';
import { type QueryActors, type QueryFigures, explainPlans, measureQueries } from './queries.ts';

/** A surname the generator gives about one citizen in 25. */
const SEARCH_NAME = 'Mengal';

export interface InboxScope {
  readonly role: string;
  readonly department: string;
  readonly district: string | null;
  /** Open applications in that scope. */
  readonly open: number;
}

export interface AtScale {
  readonly queries: QueryFigures[];
  readonly scope: { readonly district: InboxScope; readonly province: InboxScope };
  readonly plans: Record<string, string[]>;
}

const OPEN = sql`outcome is null and state <> 'draft' and holder_role is not null`;

async function busiestScopes(db: Database['db']): Promise<{ district: InboxScope; province: InboxScope }> {
  const byDistrict = await sql<{ role: string; department: string; district: string; open: number }>`
    select holder_role as role, department_code as department, district_code as district, count(*) as open
    from application where ${OPEN} group by 1, 2, 3 order by 4 desc limit 1`.execute(db);
  const byDepartment = await sql<{ role: string; department: string; open: number }>`
    select holder_role as role, department_code as department, count(*) as open
    from application where ${OPEN} group by 1, 2 order by 3 desc limit 1`.execute(db);
  const district = byDistrict.rows[0];
  const province = byDepartment.rows[0];
  if (district === undefined || province === undefined)
    throw new Error('No open applications were generated');
  return { district, province: { ...province, district: null } };
}

export async function queriesAtScale(database: Database, services: Services, runs: number): Promise<AtScale> {
  const { db } = database;
  const scope = await busiestScopes(db);
  const actors: QueryActors = {
    districtOfficer: await createOfficer(services, 'district-officer', [
      {
        role: scope.district.role as Role,
        departmentCode: scope.district.department,
        districtCode: scope.district.district,
      },
    ]),
    provinceOfficer: await createOfficer(services, 'province-officer', [
      { role: scope.province.role as Role, departmentCode: scope.province.department, districtCode: null },
    ]),
    auditor: await createOfficer(services, 'auditor', [
      { role: 'auditor', departmentCode: null, districtCode: null },
    ]),
  };
  const numbers = await sql<{ number: string }>`
    select number from application where number is not null order by random() limit ${Math.max(1, runs)}`.execute(
    db,
  );
  const cnics = await sql<{ cnic: string }>`
    select answers->>'applicantCnic' as cnic from application
    where ${OPEN} and holder_role = ${scope.district.role} and department_code = ${scope.district.department}
      and district_code = ${scope.district.district} and answers ? 'applicantCnic'
    order by random() limit 50`.execute(db);
  const samples = {
    numbers: numbers.rows.map((row) => row.number),
    cnics: cnics.rows.map((row) => row.cnic),
    name: SEARCH_NAME,
  };
  return {
    queries: await measureQueries(database, actors, samples, runs),
    scope,
    plans: await explainPlans(database, actors, samples),
  };
}
