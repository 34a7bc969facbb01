import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ANONYMOUS, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ jobs: true });
});
after(() => t.close());

describe('identity housekeeping', () => {
  it('is scheduled daily and deletes only what has ended', async () => {
    const db = t.testDatabase.database.db;
    const schedules = await sql<{
      name: string;
      cron: string;
    }>`select name, cron from pgboss.schedule`.execute(db);
    assert.ok(
      schedules.rows.some((row) => row.name === 'identity-housekeeping' && row.cron === '10 3 * * *'),
    );

    const citizen = await createCitizen(db);
    const live = await t.services.identity.sessions.create(
      { id: citizen.id, kind: 'citizen' },
      { ip: null, userAgent: null },
      true,
    );
    const old = await t.services.identity.sessions.create(
      { id: citizen.id, kind: 'citizen' },
      { ip: null, userAgent: null },
      true,
    );
    await sql`update user_session set revoked_at = now() - interval '8 days' where id = ${old.sessionId}`.execute(
      db,
    );

    const result = await t.services.identity.housekeeping(systemActor('test'));
    assert.ok(result.sessions >= 1);
    const left = await sql<{ id: string }>`select id from user_session where user_id = ${citizen.id}`.execute(
      db,
    );
    assert.deepEqual(
      left.rows.map((row) => row.id),
      [live.sessionId],
    );
    await assert.rejects(
      t.services.identity.housekeeping(ANONYMOUS),
      (e: unknown) => e instanceof AppError && e.code === 'forbidden',
    );
  });
});
