import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, ping } from './database.ts';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(() => test.destroy());

describe('the connection pool', () => {
  it('survives the server terminating an idle connection, and reports it', async () => {
    const errors: Error[] = [];
    const database = openDatabase(test.connectionString, {
      max: 1,
      onIdleError: (error) => errors.push(error),
    });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = rows[0]?.pid;
      await sql`select pg_terminate_backend(${pid})`.execute(test.database.db);
      for (let waited = 0; errors.length === 0 && waited < 2000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(errors.length, 1, 'the idle error reached the handler instead of crashing the process');
      await ping(database.db); // a fresh connection replaces the dead one
    } finally {
      await database.close();
    }
  });

  it('reads bigint counts as numbers and dates as plain strings', async () => {
    const { rows } = await sql<{
      n: number;
      d: string;
    }>`select count(*) as n, date '2026-03-23' as d`.execute(test.database.db);
    assert.deepEqual(rows[0], { n: 1, d: '2026-03-23' });
  });
});
