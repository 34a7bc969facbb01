// Reference data is public: anyone, signed in or not, may read it. Loaded once and cached, since it
// changes only through migrations (a restart applies them).
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  type DistrictRow,
  type NamedRow,
  selectActiveDepartments,
  selectActiveDistricts,
  selectDivisions,
} from './repo.ts';

export interface ReferenceData {
  readonly divisions: readonly NamedRow[];
  readonly districts: readonly DistrictRow[];
  readonly departments: readonly NamedRow[];
}

export function referenceService(db: Db) {
  let cached: Promise<ReferenceData> | undefined;
  const load = async (): Promise<ReferenceData> => {
    const [divisions, districts, departments] = await Promise.all([
      selectDivisions(db),
      selectActiveDistricts(db),
      selectActiveDepartments(db),
    ]);
    return { divisions, districts, departments };
  };
  return {
    async referenceData(_actor: Actor): Promise<ReferenceData> {
      cached ??= load().catch((error: unknown) => {
        cached = undefined; // do not cache a failure
        throw error;
      });
      return cached;
    },
  };
}

export type ReferenceService = ReturnType<typeof referenceService>;

/** The name in the reader's language; English when a row has no name in it. */
export function localName(row: NamedRow, localeCode: string): string {
  return localeCode === 'ur' ? row.nameUr : row.nameEn;
}
