// A fresh database per test file, cloned from the migrated template in 50-100 ms.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { processEnvironment } from '../platform/config.ts';
import { type Database, openDatabase, withDatabaseName } from '../platform/db/database.ts';
import {
  ADMIN_URL_VARIABLE,
  RUN_PREFIX_VARIABLE,
  TEMPLATE_VARIABLE,
  dropDatabase,
} from './database-names.ts';

export interface TestDatabase {
  readonly name: string;
  readonly connectionString: string;
  readonly database: Database;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

function requireVariable(name: string): string {
  const value = processEnvironment()[name];
  if (value === undefined) {
    throw new Error(`${name} is not set: run tests with "npm test" (its global setup prepares the database)`);
  }
  return value;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: requireVariable(ADMIN_URL_VARIABLE) });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = requireVariable(TEMPLATE_VARIABLE);
  const name = `${requireVariable(RUN_PREFIX_VARIABLE)}${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(`create database ${name} template ${admin.escapeIdentifier(template)}`),
  );
  const connectionString = withDatabaseName(requireVariable(ADMIN_URL_VARIABLE), name);
  const database = openDatabase(connectionString, { max: 5, applicationName: 'sahulat-test' });
  return {
    name,
    connectionString,
    database,
    async destroy() {
      await database.close();
      await withAdmin((admin) => dropDatabase(admin, name));
    },
  };
}
