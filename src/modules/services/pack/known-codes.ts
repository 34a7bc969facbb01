// The department and district codes that src/migrations/20261127T0910_reference_geography_and_departments.ts
// loads, for checking packs without a database (npm run packs:check, CI). At start the loader passes the
// database's own lists instead; known-codes.test.ts fails when this copy and the database disagree.
import type { KnownCodes } from './types.ts';

export const MIGRATION_KNOWN_CODES: KnownCodes = {
  departments: [
    'sit',
    'sgad',
    'pnd',
    'finance',
    'home',
    'police',
    'revenue',
    'excise',
    'health',
    'education',
    'agriculture',
    'local-government',
    'industries',
    'food-authority',
    'law',
    'transport',
    'cw',
  ],
  // prettier-ignore
  districts: [
    'QTA', 'PSN', 'KAB', 'CMN', 'KLT', 'MST', 'KHZ', 'AWN', 'LSB', 'HUB', 'KCH', 'GWD',
    'PJG', 'KRN', 'WSK', 'CHG', 'NSK', 'NSB', 'JFB', 'JML', 'KCI', 'SBP', 'UMD', 'SBI',
    'ZRT', 'KHL', 'DBG', 'HRN', 'LHR', 'ZHB', 'KSF', 'SRN', 'LRL', 'BKN', 'MSK', 'DKI',
  ],
};
