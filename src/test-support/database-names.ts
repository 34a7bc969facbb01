// Shared between the global setup (parent process) and the test files (child processes).
import type pg from 'pg';

export const ADMIN_URL_VARIABLE = 'SAHULAT_TEST_ADMIN_URL';
export const TEMPLATE_VARIABLE = 'SAHULAT_TEST_TEMPLATE';
/** Every database a test run creates starts with this, then the test runner's pid, so that a run can
 * find and drop what a dead run left behind without touching a concurrent live run's databases. */
export const TEST_DATABASE_PREFIX = 'sahulat_t_';
export const RUN_PREFIX_VARIABLE = 'SAHULAT_TEST_RUN_PREFIX';

export function runPrefix(runnerPid: number): string {
  return `${TEST_DATABASE_PREFIX}${runnerPid}_`;
}

/** The runner pid inside a database name made by `runPrefix`, or undefined. */
export function runnerPidOf(databaseName: string): number | undefined {
  const match = new RegExp(`^${TEST_DATABASE_PREFIX}(\\d+)_`).exec(databaseName);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`);
}
