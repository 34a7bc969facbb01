// The complaint lifecycle at the service level: filing and numbering, routing to the district's grievance
// officer, assignment, resolution, rating and closing (with the closing hook), reopening within 10 days,
// optimistic concurrency, and who may see and do what.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import type { ClosedComplaint } from './closing.ts';
import { type ComplaintsService, complaintsService } from './service.ts';
import { citizen, form, grant, messagesTo, officer } from './test-helpers.ts';

let t: TestApp;
let complaints: ComplaintsService;
const closed: ClosedComplaint[] = [];

before(async () => {
  t = await buildTestApp();
  complaints = complaintsService(t.testDatabase.database.db, {
    publicUrl: t.config.publicUrl,
    sessionSecret: t.config.sessionSecret,
    onClosed: async (_trx, c) => void closed.push(c),
  });
});
after(() => t.close());

const code = (error: unknown) => (isAppError(error) ? error.code : String(error));
const DAY = 24 * 3_600_000;

async function office() {
  return {
    grievance: await officer(t, [grant('grievance_officer', 'local-government', 'QTA')], 'Grievance'),
    field: await officer(t, [grant('field_officer', 'local-government', 'QTA')], 'Field'),
  };
}

describe('complaint lifecycle', () => {
  it('files, assigns, resolves, rates and closes, telling the citizen at each step', async () => {
    const person = await citizen(t);
    const { grievance, field } = await office();
    const filed = await complaints.file(person, 'citizen', form());
    assert.equal(filed.kind, 'filed');
    assert.match(filed.number, /^CMP-\d{4}-\d{7}$/);
    assert.equal(filed.key, null, 'an account holder needs no link key');

    const seen = await complaints.get(grievance, filed.number);
    assert.equal(
      seen.complaint.department_code,
      'local-government',
      'routed by the sub-type to its department',
    );
    assert.equal(seen.complaint.district_code, 'QTA');
    assert.deepEqual(seen.actions, ['assign', 'reject', 'markFrivolous', 'markAbusive', 'comment']);
    assert.ok(seen.fieldOfficers.some((candidate) => candidate.id === field.userId));
    assert.ok((await complaints.inbox(grievance)).some((row) => row.number === filed.number));

    await complaints.act(grievance, filed.number, {
      action: 'assign',
      remarks: 'Go today',
      version: 1,
      fieldOfficerId: field.userId,
    });
    assert.ok(
      (await complaints.inbox(field)).some((row) => row.number === filed.number),
      'in the field officer’s inbox',
    );
    const forField = await complaints.get(field, filed.number);
    assert.deepEqual(forField.actions, ['resolve', 'requestReassignment', 'comment']);
    await complaints.act(field, filed.number, { action: 'resolve', remarks: 'Pipe replaced', version: 2 });

    const forCitizen = await complaints.get(person, filed.number);
    assert.deepEqual(forCitizen.actions, ['close', 'reopen', 'comment']);
    await complaints.act(person, filed.number, { action: 'close', remarks: '', rating: '4', version: 3 });
    const done = await complaints.get(person, filed.number);
    assert.equal(done.complaint.state, 'closed');
    assert.equal(done.complaint.rating, 4);
    assert.deepEqual(done.actions, []);
    assert.deepEqual(
      done.events.map((event) => event.kind),
      ['filed', 'assign', 'resolve', 'close'],
    );
    const hook = closed.find((c) => c.number === filed.number);
    assert.equal(hook?.rating, 4);
    assert.equal(hook.how, 'rated');

    const told = (await messagesTo(t, person.mobile)).map((message) => message.event);
    assert.ok(told.includes('complaint.received'));
    assert.ok(told.includes('complaint.assigned'));
    assert.ok(told.includes('complaint.resolved'));
    const resolved = (await messagesTo(t, person.mobile)).find(
      (message) => message.event === 'complaint.resolved',
    );
    assert.match(resolved?.body ?? '', /Pipe replaced/);
  });

  it('numbers complaints without gaps or repeats when many are filed at once', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, () => citizen(t)));
    const filed = await Promise.all(people.map((person) => complaints.file(person, 'citizen', form())));
    const numbers = filed
      .map((result) => (result.kind === 'filed' ? Number(result.number.slice(-7)) : 0))
      .sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, numbers.length);
    assert.equal((numbers.at(-1) ?? 0) - (numbers[0] ?? 0), numbers.length - 1);
  });

  it('refuses a stale version with a conflict and changes nothing', async () => {
    const person = await citizen(t);
    const { grievance, field } = await office();
    const filed = await complaints.file(person, 'citizen', form());
    if (filed.kind !== 'filed') throw new Error('not filed');
    await complaints.act(grievance, filed.number, {
      action: 'assign',
      remarks: '',
      version: 1,
      fieldOfficerId: field.userId,
    });
    await assert.rejects(
      complaints.act(grievance, filed.number, { action: 'reject', remarks: 'Duplicate', version: 1 }),
      (error) => code(error) === 'conflict',
    );
    assert.equal((await complaints.get(grievance, filed.number)).complaint.state, 'assigned');
  });

  it('lets the citizen reopen within 10 days of resolution, not after', async () => {
    const person = await citizen(t);
    const { grievance, field } = await office();
    const start = new Date();
    const filed = await complaints.file(person, 'citizen', form(), {}, start);
    if (filed.kind !== 'filed') throw new Error('not filed');
    await complaints.act(grievance, filed.number, {
      action: 'assign',
      remarks: '',
      version: 1,
      fieldOfficerId: field.userId,
    });
    await complaints.act(field, filed.number, { action: 'resolve', remarks: 'Done', version: 2 }, {}, start);
    await assert.rejects(
      complaints.act(
        person,
        filed.number,
        { action: 'reopen', remarks: 'Still leaking', version: 3 },
        {},
        new Date(start.getTime() + 11 * DAY),
      ),
      (error) => code(error) === 'forbidden',
    );
    await complaints.act(
      person,
      filed.number,
      { action: 'reopen', remarks: 'Still leaking', version: 3 },
      {},
      new Date(start.getTime() + 9 * DAY),
    );
    const reopened = await complaints.get(grievance, filed.number);
    assert.equal(reopened.complaint.state, 'reopened');
    assert.equal(reopened.complaint.reopen_count, 1);
    assert.ok(reopened.actions.includes('assign'), 'back with the grievance officer');
  });

  it('asks for reasons, and lets the grievance officer reject with one the citizen is told', async () => {
    const person = await citizen(t);
    const { grievance } = await office();
    const filed = await complaints.file(person, 'citizen', form());
    if (filed.kind !== 'filed') throw new Error('not filed');
    await assert.rejects(
      complaints.act(grievance, filed.number, { action: 'reject', remarks: '  ', version: 1 }),
      (error) => isAppError(error) && error.fieldErrors[0]?.messageKey === 'complaints.error.remarks.reject',
    );
    await complaints.act(grievance, filed.number, {
      action: 'reject',
      remarks: 'Private property: not a public pipe',
      version: 1,
    });
    const told = (await messagesTo(t, person.mobile)).find(
      (message) => message.event === 'complaint.rejected',
    );
    assert.match(told?.body ?? '', /Private property/);
  });

  it('keeps complaints from everyone else: other offices, other citizens, the signed-out', async () => {
    const person = await citizen(t);
    const filed = await complaints.file(person, 'citizen', form());
    if (filed.kind !== 'filed') throw new Error('not filed');
    const strangers = [
      await citizen(t),
      await officer(t, [grant('grievance_officer', 'local-government', 'GWD')]),
      await officer(t, [grant('grievance_officer', 'health', 'QTA')]),
      await officer(t, [grant('field_officer', 'local-government', 'QTA')]),
      await officer(t, [grant('clerk', 'local-government', 'QTA')]),
    ];
    for (const stranger of strangers) {
      await assert.rejects(complaints.get(stranger, filed.number), (error) => code(error) === 'not_found');
    }
    await assert.rejects(
      complaints.get(ANONYMOUS, filed.number),
      (error) => code(error) === 'unauthenticated',
    );
    const auditor = await officer(t, [grant('auditor', null, null)]);
    assert.deepEqual((await complaints.get(auditor, filed.number)).actions, [], 'auditors read, never act');
  });

  it('lets a contact-centre agent file for a caller, who follows it by the link key', async () => {
    const agent = await officer(t, [grant('contact_centre_agent', null, null)], 'Agent');
    const caller = `+92301${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const filed = await complaints.file(
      agent,
      'contact_centre',
      form({ contactName: 'Bibi Gul', mobile: caller, locale: 'ur' }),
    );
    if (filed.kind !== 'filed' || filed.key === null) throw new Error('not filed with a key');
    const [received] = await messagesTo(t, caller);
    assert.equal(received?.locale, 'ur', 'in the language the caller chose');
    assert.ok(received.body.includes(`?key=${filed.key}`), 'the message carries the tracking link');
    const byKey = await complaints.get(ANONYMOUS, filed.number, { key: filed.key });
    assert.equal(byKey.isComplainant, true);
    assert.deepEqual(byKey.actions, ['comment']);
    await assert.rejects(
      complaints.get(ANONYMOUS, filed.number, { key: 'x'.repeat(filed.key.length) }),
      (error) => code(error) === 'not_found',
    );
    await assert.rejects(
      complaints.file(await citizen(t), 'contact_centre', form({ contactName: 'X', mobile: caller })),
      (error) => code(error) === 'forbidden',
    );
  });
});
