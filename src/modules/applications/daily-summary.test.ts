// The officers' morning summary with a chosen clock, and both application jobs on the pg-boss schedule.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createOfficer, domicileInScrutiny } from '../../test-support/applications.ts';
import { DAILY_SUMMARY_CRON, DAILY_SUMMARY_QUEUE, ESCALATION_CRON, ESCALATION_QUEUE } from './jobs.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp({ jobs: true });
});
after(() => t.close());

const scheduler = systemActor('scheduler');
const pkt = (local: string) => new Date(`${local}+05:00`);
const db = () => t.testDatabase.database.db;

async function summariesTo(email: string) {
  const rows = await sql<{ locale: string; subject: string; body: string }>`
    select locale, subject, body from notification_message
    where recipient = ${email} and event = 'inbox.daily-summary' order by created_at`.execute(db());
  return rows.rows;
}

describe('the daily summary', () => {
  it('is scheduled with the escalation job', async () => {
    const schedules = await sql<{ name: string; cron: string; timezone: string | null }>`
      select name, cron, options->>'tz' as timezone from pgboss.schedule`.execute(db());
    const found = new Map(schedules.rows.map((row) => [row.name, row.cron]));
    assert.equal(found.get(ESCALATION_QUEUE), ESCALATION_CRON);
    assert.equal(found.get(DAILY_SUMMARY_QUEUE), DAILY_SUMMARY_CRON);
  });

  it('tells each officer of an office with open work what is overdue, due and escalated', async () => {
    const quetta = { departmentCode: 'revenue', districtCode: 'QTA' };
    const bilal = await createOfficer(t, [{ role: 'clerk', ...quetta }]);
    const sana = await createOfficer(t, [{ role: 'clerk', ...quetta }]);
    await sql`update user_account set preferred_locale = 'ur' where id = ${sana.actor.userId}`.execute(db());
    const gwadar = await createOfficer(t, [
      { role: 'clerk', departmentCode: 'revenue', districtCode: 'GWD' },
    ]);

    // Monday 7 December 2026, 08:00: one overdue, one due today, one due tomorrow, one later but escalated.
    const due = ['2026-12-04T17:00:00', '2026-12-07T15:00:00', '2026-12-08T12:00:00', '2026-12-10T12:00:00'];
    for (const [index, at] of due.entries()) {
      const { number } = await domicileInScrutiny(t);
      await sql`update application set due_at = ${pkt(at)},
        escalated_at = ${index === 3 ? pkt('2026-12-04T17:00:00') : null},
        escalated_to_role = ${index === 3 ? 'approver' : null}
        where number = ${number}`.execute(db());
    }

    const result = await t.services.applications.sendDailySummaries(scheduler, {
      now: pkt('2026-12-07T08:00:00'),
    });
    assert.deepEqual(result, { offices: 1, messages: 2 });
    const [english] = await summariesTo(bilal.email);
    assert.ok(english !== undefined);
    assert.equal(english.subject, 'Your inbox today: 1 overdue, 1 due today');
    assert.match(english.body, /Open applications for Clerk, Board of Revenue, Quetta/);
    assert.match(
      english.body,
      /Overdue: 1\nDue today: 1\nDue by the end of the next working day: 1\nEscalated: 1\nOpen in all: 4/,
    );
    assert.ok(english.body.includes(`${t.config.publicUrl}/inbox`));
    const [urdu] = await summariesTo(sana.email);
    assert.ok(urdu !== undefined);
    assert.equal(urdu.locale, 'ur');
    assert.match(urdu.subject, /اِن باکس/);
    assert.deepEqual(await summariesTo(gwadar.email), [], 'nothing open in Gwadar: no e-mail');

    // Weekends and public holidays send nothing (Friday 25 December is Quaid-e-Azam Day).
    for (const day of ['2026-12-05T08:00:00', '2026-12-25T08:00:00']) {
      assert.deepEqual(await t.services.applications.sendDailySummaries(scheduler, { now: pkt(day) }), {
        offices: 0,
        messages: 0,
      });
    }
    assert.equal((await summariesTo(bilal.email)).length, 1);
  });
});
