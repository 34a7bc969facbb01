// Escalation with a chosen clock, on the shipped domicile pack (scrutiny: 24 working hours, then the
// approver; the Deputy Commissioner's approval: 24 working hours, then the department administrator).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { TEST_SESSION_SECRET, type TestApp, buildTestApp } from '../../test-support/app.ts';
import {
  type TestOfficer,
  createOfficer,
  domicileInScrutiny,
  signedInClient,
} from '../../test-support/applications.ts';
import { applicationsService } from './service.ts';

const TEST_ISSUER = { publicUrl: 'http://sahulat.test', sessionSecret: TEST_SESSION_SECRET };

let t: TestApp;
let clerk: TestOfficer;
let approver: TestOfficer;
let gwadarApprover: TestOfficer;
const scheduler = systemActor('scheduler');
const MINUTE = 60_000;
/** Pakistan time, written as such. */
const pkt = (local: string) => new Date(`${local}+05:00`);

before(async () => {
  t = await buildTestApp();
  clerk = await createOfficer(t, [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }]);
  approver = await createOfficer(t, [{ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' }]);
  gwadarApprover = await createOfficer(t, [
    { role: 'approver', departmentCode: 'revenue', districtCode: 'GWD' },
  ]);
});
after(() => t.close());

const db = () => t.testDatabase.database.db;

async function enteredAt(number: string, at: Date) {
  await sql`update application set entered_state_at = ${at} where number = ${number}`.execute(db());
}

async function escalationsOf(number: string) {
  const rows = await sql<{ kind: string }>`select e.kind from application_event e
    join application a on a.id = e.application_id
    where a.number = ${number} and e.kind = 'escalated'`.execute(db());
  return rows.rows.length;
}

async function mailsTo(email: string) {
  const rows = await sql<{ event: string; body: string }>`select event, body from notification_message
    where recipient = ${email} and event = 'application.escalated'`.execute(db());
  return rows.rows;
}

const escalate = (now: Date) => t.services.applications.escalateOverdue(scheduler, { now });

describe('escalation of applications waiting too long', () => {
  it('escalates once, after the working hours have run out, to the approver of the office', async () => {
    const { number } = await domicileInScrutiny(t);
    const entered = (await t.services.applications.get(clerk.actor, { number })).application.entered_state_at;
    assert.ok(entered !== null, 'paying the fee started the scrutiny clock');
    const due = await t.services.calendar.deadline(entered, 24);

    assert.ok(!(await escalate(new Date(due.getTime() - MINUTE))).escalated.includes(number));
    assert.ok(!(await t.services.applications.inbox(approver.actor)).some((r) => r.number === number));
    assert.ok((await escalate(new Date(due.getTime() + MINUTE))).escalated.includes(number));
    assert.ok(!(await escalate(new Date(due.getTime() + 60 * MINUTE))).escalated.includes(number), 'once');
    assert.equal(await escalationsOf(number), 1);

    const mails = await mailsTo(approver.email);
    assert.equal(mails.filter((mail) => mail.body.includes(number)).length, 1);
    assert.match(mails[0]?.body ?? '', /more than 24 working hours/);
    assert.equal((await mailsTo(gwadarApprover.email)).length, 0, 'not another district’s approver');
    const audit = await sql<{ action: string }>`select action from audit_event
      where subject_id = ${number} and action = 'application.escalated'`.execute(db());
    assert.equal(audit.rows.length, 1);

    // The approver now sees it in their inbox (the clerk still holds it), marked in words.
    assert.ok((await t.services.applications.inbox(approver.actor)).some((r) => r.number === number));
    assert.ok((await t.services.applications.inbox(clerk.actor)).some((r) => r.number === number));
    assert.ok(!(await t.services.applications.inbox(gwadarApprover.actor)).some((r) => r.number === number));
    const page = await (await signedInClient(t, approver.actor.userId)).get(`/inbox?q=${number}`);
    assert.match(page.body, /Escalated to Deputy Commissioner/);
  });

  it('counts office hours only: a Friday-evening entry waits past the weekend and a holiday', async () => {
    const { number } = await domicileInScrutiny(t);
    // Friday 4 December 2026, 18:00: Monday, Tuesday and Wednesday give the 24 hours, to 17:00.
    await enteredAt(number, pkt('2026-12-04T18:00:00'));
    for (const at of [
      '2026-12-05T12:00:00',
      '2026-12-06T23:00:00',
      '2026-12-07T20:00:00',
      '2026-12-09T16:59:00',
    ])
      assert.ok(!(await escalate(pkt(at))).escalated.includes(number), at);
    assert.ok((await escalate(pkt('2026-12-09T17:00:00'))).escalated.includes(number));

    // Thursday 24 December, 18:00: Friday the 25th is Quaid-e-Azam Day, so Wednesday 30th, not Tuesday.
    const second = await domicileInScrutiny(t);
    await enteredAt(second.number, pkt('2026-12-24T18:00:00'));
    assert.ok(!(await escalate(pkt('2026-12-29T17:30:00'))).escalated.includes(second.number));
    assert.ok((await escalate(pkt('2026-12-30T17:00:00'))).escalated.includes(second.number));
  });

  it('starts again in the next state, escalating to the department administrator', async () => {
    const { number } = await domicileInScrutiny(t);
    await enteredAt(number, pkt('2026-12-01T09:00:00'));
    assert.ok((await escalate(pkt('2026-12-04T09:00:00'))).escalated.includes(number));
    const applications = t.services.applications;
    const version = (await applications.get(clerk.actor, { number })).application.version;
    await applications.act(clerk.actor, number, { action: 'forward', remarks: '', version });
    const forwarded = (await applications.get(clerk.actor, { number })).application;
    assert.equal(forwarded.escalated_to_role, null, 'a new state entry clears the marker');

    const admin = await createOfficer(t, [
      { role: 'department_admin', departmentCode: 'revenue', districtCode: null },
    ]);
    const healthAdmin = await createOfficer(t, [
      { role: 'department_admin', departmentCode: 'health', districtCode: null },
    ]);
    await enteredAt(number, pkt('2026-12-01T09:00:00'));
    assert.ok((await escalate(pkt('2026-12-04T09:00:00'))).escalated.includes(number));
    assert.equal(await escalationsOf(number), 2);
    assert.ok((await applications.inbox(admin.actor)).some((r) => r.number === number));
    assert.deepEqual(await applications.inbox(healthAdmin.actor), []);
    assert.equal((await mailsTo(admin.email)).length, 1);
  });

  it('escalates each application once when two instances run the job at the same moment', async () => {
    const { number } = await domicileInScrutiny(t);
    await enteredAt(number, pkt('2026-12-01T09:00:00'));
    const instances = [1, 2].map(() => applicationsService(db(), TEST_ISSUER));
    const results = await Promise.all(
      instances.map((instance) => instance.escalateOverdue(scheduler, { now: pkt('2026-12-04T09:00:00') })),
    );
    assert.equal(results.filter((result) => result.escalated.includes(number)).length, 1);
    assert.equal(await escalationsOf(number), 1);
    assert.equal((await mailsTo(approver.email)).filter((mail) => mail.body.includes(number)).length, 1);
  });

  it('is for the scheduler only', async () => {
    await assert.rejects(
      t.services.applications.escalateOverdue(approver.actor, { now: new Date() }),
      (error: unknown) => error instanceof AppError && error.code === 'forbidden',
    );
  });
});
