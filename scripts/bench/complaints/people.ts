// The people of the lifecycles: citizens with sessions (each may file FILINGS_PER_DAY complaints a day, so
// there must be enough of them), and for every office the lifecycles file to (each department of the
// category tree in each of the busiest districts) a grievance officer and a field officer with staff
// sessions. Each is a Browser on the running server.
import { sql } from 'kysely';
import { FILINGS_PER_DAY } from '../../../src/modules/complaints/abuse.ts';
import { categoryTree } from '../../../src/modules/complaints/categories.ts';
import { sessionsService } from '../../../src/modules/identity/sessions.ts';
import type { Db } from '../../../src/platform/db/database.ts';
import type { Services } from '../../../src/services.ts';
import { createCitizensWithSessions, createOfficer } from '../applications/people.ts';
import { Browser } from './browser.ts';
import type { Cast } from './lifecycle.ts';

interface Office {
  readonly grievanceOfficer: Browser;
  readonly fieldOfficer: Browser;
  readonly fieldOfficerId: string;
}

export interface People {
  readonly citizens: number;
  readonly districts: readonly string[];
  readonly offices: number;
  /** How many lifecycles the citizens can file today. */
  readonly capacity: number;
  /** The people of lifecycle `turn`: sub-types and districts take turns, citizens too. */
  cast(turn: number): Cast;
}

/** The districts with the most complaints (Quetta first when there are none yet). */
async function busiestDistricts(db: Db, count: number): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    select d.code from district d left join complaint c on c.district_code = d.code
    where d.active group by d.code
    order by count(c.id) desc, case d.code when 'QTA' then 0 else 1 end, d.code limit ${count}`.execute(db);
  return rows.rows.map((row) => row.code);
}

export async function createPeople(
  db: Db,
  services: Services,
  address: string,
  options: { citizens: number; districts: number },
): Promise<People> {
  const subTypes = [...categoryTree().subTypes.values()].map(({ subType }) => subType);
  const departments = [...new Set(subTypes.map((subType) => subType.department))];
  const districts = await busiestDistricts(db, options.districts);
  const sessions = sessionsService(db);
  const client = { ip: '127.0.0.1', userAgent: 'sahulat-bench' };
  const offices = new Map<string, Office>();
  for (const district of districts) {
    for (const department of departments) {
      const browserOf = async (role: 'grievance_officer' | 'field_officer') => {
        const name = `${role === 'grievance_officer' ? 'go' : 'fo'}-${department}-${district}`.toLowerCase();
        const actor = await createOfficer(services, name, [
          { role, departmentCode: department, districtCode: district },
        ]);
        if (actor.kind !== 'user') throw new Error('An officer is not a user');
        const { token } = await sessions.create({ id: actor.userId, kind: 'staff' }, client, true);
        const browser = new Browser(address, token);
        // The first page sets the CSRF cookie; done now, since lifecycles share an officer's browser.
        const inbox = await browser.get('/complaints/inbox');
        if (inbox.status !== 200) throw new Error(`${role} inbox answered ${inbox.status}`);
        return { browser, id: actor.userId };
      };
      const grievance = await browserOf('grievance_officer');
      const field = await browserOf('field_officer');
      offices.set(`${department}/${district}`, {
        grievanceOfficer: grievance.browser,
        fieldOfficer: field.browser,
        fieldOfficerId: field.id,
      });
    }
  }
  const citizens = (await createCitizensWithSessions(db, options.citizens)).map(
    (citizen) => new Browser(address, citizen.sessionToken),
  );
  return {
    citizens: citizens.length,
    districts,
    offices: offices.size,
    capacity: citizens.length * FILINGS_PER_DAY,
    cast(turn) {
      const subType = subTypes[turn % subTypes.length];
      const district = districts[Math.floor(turn / subTypes.length) % districts.length];
      const citizen = citizens[turn % citizens.length];
      const office =
        subType === undefined ? undefined : offices.get(`${subType.department}/${district ?? ''}`);
      if (subType === undefined || district === undefined || citizen === undefined || office === undefined)
        throw new Error('No cast for this turn');
      return { citizen, ...office, subType: subType.code, district };
    },
  };
}
