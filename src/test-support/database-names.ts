// Shared between the global setup (parent process) and the test files (child processes).
import type pg from 'pg';

export const ADMIN_URL_VARIABLE = 'SAHULAT_TEST_ADMIN_URL';
export const TEMPLATE_VARIABLE = 'SAHULAT_TEST_TEMPLATE';
/** Every database a test creates starts with this, so leftovers can be found and dropped. */
export const TEST_DATABASE_PREFIX = 'sahulat_test_db_';

export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`);
}
