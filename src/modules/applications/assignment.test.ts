// Claim, assign and release on the shipped domicile pack: who may, the optimistic version, the history,
// audit and e-mail rows, the inbox's words and filters, and that the citizen never sees an officer's name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import {
  type TestOfficer,
  createOfficer,
  domicileInScrutiny,
  signedInClient,
} from '../../test-support/applications.ts';

let t: TestApp;
let clerk: TestOfficer;
let colleague: TestOfficer;
let verifier: TestOfficer;
let gwadarClerk: TestOfficer;
const REVENUE_QUETTA = { departmentCode: 'revenue', districtCode: 'QTA' };

before(async () => {
  t = await buildTestApp();
  clerk = await createOfficer(t, [{ role: 'clerk', ...REVENUE_QUETTA }], 'Bilal Ahmed');
  colleague = await createOfficer(t, [{ role: 'clerk', ...REVENUE_QUETTA }], 'Sana Baloch');
  verifier = await createOfficer(t, [{ role: 'verifier', ...REVENUE_QUETTA }]);
  gwadarClerk = await createOfficer(t, [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'GWD' }]);
});
after(() => t.close());

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

async function versionOf(number: string): Promise<number> {
  return (await t.services.applications.get(clerk.actor, { number })).application.version;
}

async function rowsFor(number: string) {
  const db = t.testDatabase.database.db;
  const audit = await sql<{
    action: string;
  }>`select action from audit_event where subject_id = ${number} order by id`.execute(db);
  const events = await sql<{ kind: string; actor_label: string }>`select kind, actor_label
    from application_event e join application a on a.id = e.application_id
    where a.number = ${number} order by e.id`.execute(db);
  return { audit: audit.rows.map((row) => row.action), events: events.rows };
}

describe('claiming and assigning applications', () => {
  it('lets an officer holding the role claim it once; a stale version is a conflict', async () => {
    const applications = t.services.applications;
    const { number } = await domicileInScrutiny(t);
    const version = await versionOf(number);

    await assert.rejects(applications.claim(verifier.actor, number, version), isCode('forbidden'));
    await assert.rejects(applications.claim(gwadarClerk.actor, number, version), isCode('not_found'));
    await applications.claim(clerk.actor, number, version);
    assert.equal((await applications.get(clerk.actor, { number })).application.version, version + 1);
    // Someone else has it: a claim says so; a change on the version seen before is refused as stale.
    await assert.rejects(
      applications.claim(colleague.actor, number, version + 1),
      (error: unknown) =>
        isCode('conflict')(error) &&
        (error as AppError).fieldErrors[0]?.messageKey === 'applications.assignment.taken',
    );
    await assert.rejects(
      applications.assign(colleague.actor, number, { assignee: colleague.actor.userId, version }),
      (error: unknown) => isCode('conflict')(error) && (error as AppError).fieldErrors.length === 0,
    );

    const { audit, events } = await rowsFor(number);
    assert.ok(audit.includes('application.claimed'));
    assert.deepEqual(events.at(-1), { kind: 'claimed', actor_label: 'Bilal Ahmed' });
    const mine = await applications.inbox(clerk.actor, { assigned: 'mine' });
    assert.ok(mine.some((row) => row.number === number));
    assert.ok(
      !(await applications.inbox(colleague.actor, { assigned: 'mine' })).some((r) => r.number === number),
    );
    assert.ok(
      !(await applications.inbox(colleague.actor, { assigned: 'unassigned' })).some(
        (r) => r.number === number,
      ),
    );
    // Moving on through the workflow leaves it unassigned for the next office.
    await applications.act(clerk.actor, number, {
      action: 'forward',
      remarks: '',
      version: await versionOf(number),
    });
    const approver = await createOfficer(t, [{ role: 'approver', ...REVENUE_QUETTA }]);
    const moved = await applications.get(approver.actor, { number });
    assert.equal(moved.application.assigned_to, null);
  });

  it('assigns to an eligible colleague only, e-mails them, and releases', async () => {
    const applications = t.services.applications;
    const { number } = await domicileInScrutiny(t);
    const view = await applications.assignmentView(clerk.actor, number);
    const ids = view?.colleagues.map((c) => c.id) ?? [];
    assert.ok(ids.includes(clerk.actor.userId) && ids.includes(colleague.actor.userId));
    assert.ok(!ids.includes(verifier.actor.userId) && !ids.includes(gwadarClerk.actor.userId));
    assert.equal(view?.canClaim, true);

    await assert.rejects(
      applications.assign(clerk.actor, number, {
        assignee: verifier.actor.userId,
        version: await versionOf(number),
      }),
      isCode('validation_failed'),
    );
    await applications.assign(clerk.actor, number, {
      assignee: colleague.actor.userId,
      version: await versionOf(number),
    });
    const messages = await sql<{ event: string; channel: string; subject: string; body: string }>`
      select event, channel, subject, body from notification_message where recipient = ${colleague.email}`.execute(
      t.testDatabase.database.db,
    );
    const [message, ...more] = messages.rows;
    assert.ok(message !== undefined && more.length === 0, 'one e-mail');
    assert.equal(message.event, 'application.assigned');
    assert.equal(message.channel, 'email');
    assert.match(message.body, new RegExp(`Bilal Ahmed has assigned application ${number}`));

    const forColleague = await applications.assignmentView(colleague.actor, number);
    assert.ok(forColleague !== undefined);
    assert.equal(forColleague.mine, true);
    assert.equal(forColleague.canRelease, true);
    await assert.rejects(
      applications.release(verifier.actor, number, await versionOf(number)),
      isCode('forbidden'),
    );
    await applications.release(colleague.actor, number, await versionOf(number));
    assert.ok(
      (await applications.inbox(clerk.actor, { assigned: 'unassigned' })).some((r) => r.number === number),
    );
    const { audit } = await rowsFor(number);
    assert.deepEqual(
      audit.filter((action) => action.startsWith('application.a') || action.startsWith('application.r')),
      ['application.assigned', 'application.released'],
    );
  });

  it('shows who has it on the inbox and track pages, with the controls; the citizen sees the office', async () => {
    const { number, applicant } = await domicileInScrutiny(t);
    const bilal = await signedInClient(t, clerk.actor.userId);
    const sana = await signedInClient(t, colleague.actor.userId);

    const inbox = await bilal.get(`/inbox?q=${number}`);
    assert.equal(inbox.statusCode, 200);
    assert.match(inbox.body, /<td>Unassigned<\/td>/);
    const page = await bilal.get(`/applications/${number}`);
    assert.match(page.body, new RegExp(`action="/applications/${number}/claim"`));
    assert.match(page.body, /<select class="select" id="assignee" name="assignee">/);
    const seenVersion = String(await versionOf(number));
    assert.equal(
      (await bilal.post(`/applications/${number}/claim`, { version: seenVersion })).statusCode,
      303,
    );

    const mine = await bilal.get('/inbox?assigned=mine');
    assert.ok(mine.body.includes(number) && mine.body.includes('Assigned to you'));
    const sanas = await sana.get(`/inbox?q=${number}`);
    assert.ok(sanas.body.includes('Assigned to Bilal Ahmed'));
    assert.ok(!(await sana.get('/inbox?assigned=unassigned')).body.includes(number));
    // Sana's page is out of date: her claim is refused with the reason, her assignment as stale.
    await sana.get(`/applications/${number}`);
    const taken = await sana.post(`/applications/${number}/claim`, { version: seenVersion });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /A colleague is already working on this application/);
    const stale = await sana.post(`/applications/${number}/assign`, {
      version: seenVersion,
      assignee: colleague.actor.userId,
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed who is working on this application first/);
    const verifierClient = await signedInClient(t, verifier.actor.userId);
    await verifierClient.get(`/applications/${number}`);
    const refused = await verifierClient.post(`/applications/${number}/release`, {
      version: String(await versionOf(number)),
    });
    assert.equal(refused.statusCode, 403);

    if (applicant.kind !== 'user') throw new Error('the applicant is a user');
    const citizen = await signedInClient(t, applicant.userId, 'citizen');
    const track = await citizen.get(`/applications/${number}`);
    assert.equal(track.statusCode, 200);
    assert.ok(track.body.includes('Domicile branch, Deputy Commissioner'), 'the office');
    assert.ok(!track.body.includes('Bilal Ahmed'), 'never the officer');
    assert.ok(!track.body.includes('/claim'));
  });
});
