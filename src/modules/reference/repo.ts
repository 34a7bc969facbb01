// All SQL for the reference data (divisions, districts, departments).
import type { Db } from '../../platform/db/database.ts';

export type ReferenceTables = {
  division: { code: string; name_en: string; name_ur: string; sort_order: number };
  district: { code: string; division_code: string; name_en: string; name_ur: string; active: boolean };
  department: { code: string; name_en: string; name_ur: string; active: boolean };
};

const tables = (db: Db) => db.$extendTables<ReferenceTables>();

export interface NamedRow {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUr: string;
}

export interface DistrictRow extends NamedRow {
  readonly divisionCode: string;
}

export async function selectDivisions(db: Db): Promise<NamedRow[]> {
  const rows = await tables(db)
    .selectFrom('division')
    .select(['code', 'name_en', 'name_ur'])
    .orderBy('sort_order')
    .execute();
  return rows.map((row) => ({ code: row.code, nameEn: row.name_en, nameUr: row.name_ur }));
}

export async function selectActiveDistricts(db: Db): Promise<DistrictRow[]> {
  const rows = await tables(db)
    .selectFrom('district')
    .innerJoin('division', 'division.code', 'district.division_code')
    .select(['district.code', 'district.division_code', 'district.name_en', 'district.name_ur'])
    .where('district.active', '=', true)
    .orderBy('division.sort_order')
    .orderBy('district.name_en')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    divisionCode: row.division_code,
    nameEn: row.name_en,
    nameUr: row.name_ur,
  }));
}

export async function selectActiveDepartments(db: Db): Promise<NamedRow[]> {
  const rows = await tables(db)
    .selectFrom('department')
    .select(['code', 'name_en', 'name_ur'])
    .where('active', '=', true)
    .orderBy('name_en')
    .execute();
  return rows.map((row) => ({ code: row.code, nameEn: row.name_en, nameUr: row.name_ur }));
}
