// The Citizen Feedback Monitoring Programme end to end: a decision queues a survey and its SMS in the same
// transaction; the survey is answered once, within 14 days, without signing in; a bribery report opens a
// case only the department's integrity officer sees; the monthly report counts it all.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createOfficer, domicileInScrutiny, signedInClient } from '../../test-support/applications.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { inSample } from './queue.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(async () => {
  await t.close();
});

/** A Revenue, Quetta domicile application refused by the approver; returns its number and survey token. */
async function decidedApplication(): Promise<{ number: string; token: string }> {
  const { number } = await domicileInScrutiny(t);
  const applications = t.services.applications;
  const clerk = await createOfficer(t, [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }]);
  let current = await applications.get(clerk.actor, { number });
  await applications.act(clerk.actor, number, {
    action: 'forward',
    remarks: '',
    version: current.application.version,
  });
  const approver = await createOfficer(t, [
    { role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' },
  ]);
  current = await applications.get(approver.actor, { number });
  await applications.act(approver.actor, number, {
    action: 'reject',
    remarks: 'Not resident',
    version: current.application.version,
  });
  const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
  const sms = messages.find((m) => m.event === 'feedback.requested' && m.body.includes(number));
  assert.ok(sms !== undefined, 'the survey SMS is in the outbox');
  const token = /\/f\/([A-Za-z0-9_-]+)/.exec(sms.body)?.[1];
  assert.ok(token !== undefined);
  return { number, token };
}

const ANSWERS = { satisfied: 'somewhat', delayed: 'yes', bribeAsked: 'no', comment: 'Slow queue' };

async function answer(token: string, fields: Record<string, string>) {
  const client = new FormClient(t.app);
  const page = await client.get(`/f/${token}`);
  if (page.statusCode !== 200) return page;
  return client.post(`/f/${token}`, fields);
}

describe('feedback requests', () => {
  it('queues a request and a short SMS when an application is decided, and after cash at the counter', async () => {
    const { number, token } = await decidedApplication();
    const db = t.testDatabase.database.db;
    const rows = await sql<{ subject_kind: string; token_hash: string; expires_at: Date; created_at: Date }>`
      select subject_kind, token_hash, expires_at, created_at from feedback_request
      where subject_number = ${number} or subject_kind = 'payment'`.execute(db);
    const request = rows.rows.find((r) => r.subject_kind === 'application');
    assert.ok(request !== undefined);
    assert.notEqual(request.token_hash, token, 'only the hash is stored');
    const days = (request.expires_at.getTime() - request.created_at.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 14) < 0.01);
    assert.ok(
      rows.rows.some((r) => r.subject_kind === 'payment'),
      'the counter payment was surveyed too',
    );
    const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
    const sms = messages.find((m) => m.event === 'feedback.requested' && m.body.includes(number));
    assert.ok(sms !== undefined && sms.channel === 'sms' && sms.body.length <= 160, sms?.body);
  });

  it('samples deterministically per subject', () => {
    assert.equal(inSample('application', 'DOM-QTA-2026-000001', 0), false);
    assert.equal(inSample('application', 'DOM-QTA-2026-000001', 100), true);
    const chosen = Array.from({ length: 400 }, (_, i) => inSample('complaint', `C-${i}`, 25));
    assert.deepEqual(
      chosen,
      Array.from({ length: 400 }, (_, i) => inSample('complaint', `C-${i}`, 25)),
    );
    const share = chosen.filter(Boolean).length / 400;
    assert.ok(share > 0.15 && share < 0.35, `about a quarter sampled (${share})`);
  });
});

describe('the survey page', () => {
  it('is answered once, without signing in, and re-asks with errors when incomplete', async () => {
    const { token } = await decidedApplication();
    const incomplete = await answer(token, { satisfied: 'yes' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /error-summary/);
    assert.match(incomplete.body, /value="yes" checked/);
    const done = await answer(token, ANSWERS);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /Thank you/);
    // The language switch reopens the same link (which then says it was answered), not a missing page.
    assert.ok(done.body.includes(`href="/f/${token}?lang=ur"`), 'the switch keeps the link');
    const again = await new FormClient(t.app).get(`/f/${token}`);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /already been answered/);
  });

  it('refuses an expired link and an unknown one, in plain words', async () => {
    const { number, token } = await decidedApplication();
    await sql`update feedback_request set expires_at = now() - interval '1 minute'
      where subject_number = ${number}`.execute(t.testDatabase.database.db);
    const expired = await answer(token, ANSWERS);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /expired/);
    const unknown = await new FormClient(t.app).get('/f/AAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /do not recognise/);
  });

  it('refuses a comment over 1,000 characters', async () => {
    const { token } = await decidedApplication();
    const response = await answer(token, { ...ANSWERS, comment: 'x'.repeat(1001) });
    assert.equal(response.statusCode, 400);
  });
});

describe('integrity cases and the monthly report', () => {
  it('opens a case for a bribery report: the integrity officer sees and closes it, the office never', async () => {
    const { number, token } = await decidedApplication();
    await answer(token, { ...ANSWERS, bribeAsked: 'yes', comment: 'Asked for 2000 extra' });
    const integrity = await createOfficer(t, [
      { role: 'integrity_officer', departmentCode: 'revenue', districtCode: null },
    ]);
    const client = await signedInClient(t, integrity.actor.userId);
    const page = await client.get('/integrity/cases');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(number) && page.body.includes('Asked for 2000 extra'));

    for (const role of ['clerk', 'approver', 'grievance_officer', 'department_admin'] as const) {
      const officer = await createOfficer(t, [{ role, departmentCode: 'revenue', districtCode: 'QTA' }]);
      const response = await (await signedInClient(t, officer.actor.userId)).get('/integrity/cases');
      assert.equal(response.statusCode, 403, role);
    }
    const otherDepartment = await createOfficer(t, [
      { role: 'integrity_officer', departmentCode: 'health', districtCode: null },
    ]);
    const theirs = await (await signedInClient(t, otherDepartment.actor.userId)).get('/integrity/cases');
    assert.ok(theirs.statusCode === 200 && !theirs.body.includes(number));

    const [open] = (await t.services.feedback.cases(integrity.actor)).filter(
      (c) => c.subject_number === number,
    );
    assert.ok(open !== undefined);
    const closed = await client.post(`/integrity/cases/${open.id}`, {
      outcome: 'action_taken',
      note: 'Warned',
    });
    assert.equal(closed.statusCode, 303);
    const audit = await sql<{ action: string }>`select action from audit_event
      where actor_id = ${integrity.actor.userId}`.execute(t.testDatabase.database.db);
    const actions = audit.rows.map((r) => r.action);
    assert.ok(actions.includes('integrity.cases.viewed') && actions.includes('integrity.case.action_taken'));
  });

  it('reports response rate, satisfaction, bribery and actions per office, on screen and as CSV', async () => {
    const month = new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 7);
    const admin = await createOfficer(t, [
      { role: 'platform_admin', departmentCode: null, districtCode: null },
    ]);
    const figures = await t.services.feedback.monthlyReport(admin.actor, month);
    const quetta = figures.find((r) => r.department_code === 'revenue' && r.district_code === 'QTA');
    assert.ok(quetta !== undefined);
    const counted = await sql<{ sent: number; answered: number; bribery: number }>`
      select count(*)::int as sent, count(answered_at)::int as answered,
        count(*) filter (where bribe_asked)::int as bribery
      from feedback_request where department_code = 'revenue' and district_code = 'QTA'`.execute(
      t.testDatabase.database.db,
    );
    assert.deepEqual(
      { sent: quetta.sent, answered: quetta.answered, bribery: quetta.bribery },
      counted.rows[0],
    );
    assert.equal(quetta.bribery, 1);
    assert.equal(quetta.actions_taken, 1);

    const client = await signedInClient(t, admin.actor.userId);
    const page = await client.get(`/feedback/reports?month=${month}`);
    assert.equal(page.statusCode, 200);
    const csv = await client.get(`/feedback/reports.csv?month=${month}`);
    assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
    assert.ok(csv.body.includes(`revenue,QTA,${quetta.sent},${quetta.answered},`));

    const healthAdmin = await createOfficer(t, [
      { role: 'department_admin', departmentCode: 'health', districtCode: null },
    ]);
    const theirs = await t.services.feedback.monthlyReport(healthAdmin.actor, month);
    assert.ok(theirs.every((r) => r.department_code === 'health'));
    const clerk = await createOfficer(t, [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }]);
    const refused = await (await signedInClient(t, clerk.actor.userId)).get('/feedback/reports');
    assert.equal(refused.statusCode, 403);
  });
});
