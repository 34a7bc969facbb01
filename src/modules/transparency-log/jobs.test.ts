// The minute job: scheduled when the app has background jobs, and one run sequences what is queued and
// signs a checkpoint for the grown tree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { CHECKPOINT_QUEUE } from './jobs.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ jobs: true });
});
after(() => t.close());

describe('transparency log job', () => {
  it('is scheduled every minute and, when run, sequences and signs', async () => {
    const db = t.testDatabase.database.db;
    const schedules = await sql<{
      name: string;
      cron: string;
    }>`select name, cron from pgboss.schedule`.execute(db);
    assert.ok(schedules.rows.some((row) => row.name === CHECKPOINT_QUEUE && row.cron === '* * * * *'));

    const log = t.services.transparencyLog;
    await log.append('test.job', { ids: { n: 1 }, record: { n: 1, nonce: Math.random() } });
    await log.append('test.job', { ids: { n: 2 }, record: { n: 2, nonce: Math.random() } });
    await t.jobs!.boss.send(CHECKPOINT_QUEUE, {});
    for (let tries = 0; tries < 100 && (await log.current()).treeSize < 2; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(await log.pendingCount(), 0);
    assert.equal((await log.current()).treeSize, 2);
  });
});
