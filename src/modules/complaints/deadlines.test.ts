// The clock's work with a clock the test controls: escalation district → division → province, each level
// seeing the complaint in its inbox only once it arrives; and closing 10 days after resolution.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import type { ClosedComplaint } from './closing.ts';
import { DEADLINES_QUEUE } from './deadlines.ts';
import { type ComplaintsService, complaintsService } from './service.ts';
import { SYSTEM, citizen, form, grant, messagesTo, officer } from './test-helpers.ts';

let t: TestApp;
let complaints: ComplaintsService;
const closed: ClosedComplaint[] = [];
const HOUR = 3_600_000;

before(async () => {
  t = await buildTestApp();
  complaints = complaintsService(t.testDatabase.database.db, {
    publicUrl: t.config.publicUrl,
    sessionSecret: t.config.sessionSecret,
    onClosed: async (_trx, c) => void closed.push(c),
  });
});
after(() => t.close());

const inInbox = async (actor: Parameters<ComplaintsService['inbox']>[0], number: string) =>
  (await complaints.inbox(actor)).some((row) => row.number === number);

describe('deadlines', () => {
  it('escalates a complaint past its deadline to the division, then the province', async () => {
    const person = await citizen(t);
    // A police complaint (24 hours) in Pishin, a district of the Quetta division.
    const start = new Date(Date.now() - 1000);
    const filed = await complaints.file(
      person,
      'citizen',
      form({ subType: 'police-fir-refused', district: 'PSN' }),
      {},
      start,
    );
    if (filed.kind !== 'filed') throw new Error('not filed');
    const district = await officer(t, [grant('grievance_officer', 'police', 'PSN')]);
    // A commissioner's grievance cell: every department, granted in Quetta, a district of the same division.
    const division = await officer(t, [grant('grievance_officer', null, 'QTA')]);
    const otherDivision = await officer(t, [grant('grievance_officer', null, 'GWD')]);
    const province = await officer(t, [grant('grievance_officer', 'police', null)]);

    assert.equal(await inInbox(district, filed.number), true);
    assert.equal(await inInbox(division, filed.number), false, 'not the division’s yet');
    assert.equal(
      (await complaints.get(division, filed.number)).actions.includes('assign'),
      false,
      'the division sees but cannot act yet',
    );

    assert.equal(
      await complaints.escalateOverdue(SYSTEM, new Date(start.getTime() + 23 * HOUR)),
      0,
      'nothing before the deadline',
    );
    await complaints.escalateOverdue(SYSTEM, new Date(start.getTime() + 25 * HOUR));
    const once = await complaints.get(district, filed.number);
    assert.equal(once.complaint.escalation_level, 2);
    assert.equal(
      once.complaint.due_at?.getTime(),
      start.getTime() + 49 * HOUR,
      'the sub-type’s hours again from the escalation',
    );
    assert.equal(await inInbox(division, filed.number), true);
    assert.equal(await inInbox(otherDivision, filed.number), false);
    assert.equal(await inInbox(province, filed.number), false);
    assert.ok((await complaints.get(division, filed.number)).actions.includes('assign'));
    assert.equal(await inInbox(district, filed.number), true, 'the district officer still holds it');

    await complaints.escalateOverdue(SYSTEM, new Date(start.getTime() + 50 * HOUR));
    assert.equal((await complaints.get(district, filed.number)).complaint.escalation_level, 3);
    assert.equal(await inInbox(province, filed.number), true);
    await complaints.escalateOverdue(SYSTEM, new Date(start.getTime() + 100 * HOUR));
    const last = await complaints.get(province, filed.number);
    assert.equal(last.complaint.escalation_level, 3, 'the province is the last level');
    assert.deepEqual(
      last.events.map((event) => event.kind),
      ['filed', 'escalatedToDivision', 'escalatedToProvince'],
    );
    const told = (await messagesTo(t, person.mobile)).filter(
      (message) => message.event === 'complaint.escalated',
    );
    assert.equal(told.length, 2);
    assert.ok(told.some((message) => message.body.includes('province')));
  });

  it('does not escalate resolved, rejected or already escalated-to-province complaints', async () => {
    const person = await citizen(t);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    const start = new Date(Date.now() - 1000);
    const filed = await complaints.file(person, 'citizen', form(), {}, start);
    if (filed.kind !== 'filed') throw new Error('not filed');
    await complaints.act(grievance, filed.number, { action: 'reject', remarks: 'Not ours', version: 1 });
    await complaints.escalateOverdue(SYSTEM, new Date(start.getTime() + 1000 * HOUR));
    assert.equal((await complaints.get(grievance, filed.number)).complaint.escalation_level, 1);
  });

  it('closes a resolved complaint 10 days on without a rating, and calls the closing hook once', async () => {
    const person = await citizen(t);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    const field = await officer(t, [grant('field_officer', 'local-government', 'QTA')]);
    const start = new Date(Date.now() - 1000);
    const filed = await complaints.file(
      person,
      'citizen',
      form({ subType: 'garbage-not-collected' }),
      {},
      start,
    );
    if (filed.kind !== 'filed') throw new Error('not filed');
    await complaints.act(
      grievance,
      filed.number,
      { action: 'assign', remarks: '', version: 1, fieldOfficerId: field.userId },
      {},
      start,
    );
    await complaints.act(
      field,
      filed.number,
      { action: 'resolve', remarks: 'Collected', version: 2 },
      {},
      start,
    );
    await complaints.autoCloseResolved(SYSTEM, new Date(start.getTime() + 9 * 24 * HOUR));
    assert.equal((await complaints.get(person, filed.number)).complaint.state, 'resolved');
    await complaints.autoCloseResolved(SYSTEM, new Date(start.getTime() + 10 * 24 * HOUR + HOUR));
    await complaints.autoCloseResolved(SYSTEM, new Date(start.getTime() + 11 * 24 * HOUR));
    const done = await complaints.get(person, filed.number);
    assert.equal(done.complaint.state, 'closed');
    assert.equal(done.complaint.rating, null);
    assert.equal(done.events.at(-1)?.kind, 'autoClosed');
    assert.deepEqual(
      closed.filter((c) => c.number === filed.number).map((c) => c.how),
      ['auto'],
    );
    assert.ok((await messagesTo(t, person.mobile)).some((message) => message.event === 'complaint.closed'));
  });

  it('is scheduled every 15 minutes when the app runs background jobs', async () => {
    const withJobs = await buildTestApp({ jobs: true });
    try {
      const schedules = (await withJobs.jobs?.boss.getSchedules(DEADLINES_QUEUE)) ?? [];
      assert.deepEqual(
        schedules.map((schedule) => schedule.cron),
        ['*/15 * * * *'],
      );
    } finally {
      await withJobs.close();
    }
  });

  it('runs only for the scheduler', async () => {
    await assert.rejects(
      complaints.escalateOverdue(await citizen(t)),
      (error) => isAppError(error) && error.code === 'forbidden',
    );
  });
});
