// Overseas filing (NICOP or passport, a foreign mobile proved by a code before the complaint is accepted)
// and the abuse controls: daily limits per account and per mobile, suspension after repeated frivolous or
// abusive complaints, and the appeal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { signedInClient } from '../../test-support/applications.ts';
import { updateAccount } from '../identity/accounts/repo-identity.ts';
import { FILINGS_PER_DAY } from './abuse.ts';
import { citizen, codeSentTo, foreignMobile, form, grant, messagesTo, officer } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const fieldErrorOf = (error: unknown) =>
  isAppError(error) ? error.fieldErrors.map((e) => `${e.field}:${e.messageKey}`) : [];
const overseas = (mobile: string, extra = {}) =>
  form({
    contactName: 'Amina Baloch',
    documentKind: 'passport',
    documentNumber: 'ab 1234567',
    mobile,
    ...extra,
  });

describe('filing from abroad', () => {
  it('accepts the complaint only once the foreign mobile is proved by a code', async () => {
    const { complaints } = t.services;
    const mobile = foreignMobile();
    const pending = await complaints.file(ANONYMOUS, 'overseas', overseas(mobile));
    assert.equal(pending.kind, 'pending');
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    assert.equal(
      (await complaints.inbox(grievance)).some((row) => row.id === pending.id),
      false,
      'nobody sees it yet',
    );

    const code = await codeSentTo(t, mobile);
    const wrong = await complaints.confirmOverseas(
      ANONYMOUS,
      pending.id,
      code === '000000' ? '111111' : '000000',
    );
    assert.equal(wrong.status, 'wrong');
    const accepted = await complaints.confirmOverseas(ANONYMOUS, pending.id, code);
    assert.equal(accepted.status, 'ok');
    if (accepted.key === null) throw new Error('no key');
    const seen = await complaints.get(ANONYMOUS, accepted.number, { key: accepted.key });
    assert.equal(seen.complaint.channel, 'overseas');
    assert.equal(seen.complaint.overseas_document_kind, 'passport');
    assert.equal(seen.complaint.overseas_document_number, 'AB1234567');
    assert.notEqual(seen.complaint.mobile_verified_at, null);
    assert.ok((await complaints.inbox(grievance)).some((row) => row.number === accepted.number));
    const received = (await messagesTo(t, mobile)).find((message) => message.event === 'complaint.received');
    assert.ok(received?.body.includes(accepted.key), 'the acknowledgement carries the tracking link');
    await assert.rejects(
      complaints.confirmOverseas(ANONYMOUS, pending.id, code),
      (error) => isAppError(error) && error.code === 'not_found',
    );
  });

  it('refuses a Pakistani number, a malformed NICOP and a missing document', async () => {
    const { complaints } = t.services;
    await assert.rejects(complaints.file(ANONYMOUS, 'overseas', overseas('+923001234567')), (error) =>
      fieldErrorOf(error).includes('mobile:complaints.error.foreignMobile'),
    );
    await assert.rejects(
      complaints.file(
        ANONYMOUS,
        'overseas',
        overseas(foreignMobile(), { documentKind: 'nicop', documentNumber: '1234' }),
      ),
      (error) => fieldErrorOf(error).includes('documentNumber:complaints.error.nicop'),
    );
    await assert.rejects(
      complaints.file(ANONYMOUS, 'overseas', overseas(foreignMobile(), { documentKind: '' })),
      (error) => fieldErrorOf(error).includes('documentKind:complaints.error.documentKind'),
    );
    const nicop = await complaints.file(
      ANONYMOUS,
      'overseas',
      overseas(foreignMobile(), { documentKind: 'nicop', documentNumber: '35202-1234567-1' }),
    );
    assert.equal(nicop.kind, 'pending');
  });
});

describe('abuse controls', () => {
  it(`allows ${FILINGS_PER_DAY} complaints a day per account, then refuses`, async () => {
    const { complaints } = t.services;
    const person = await citizen(t);
    for (let i = 0; i < FILINGS_PER_DAY; i += 1) await complaints.file(person, 'citizen', form());
    await assert.rejects(
      complaints.file(person, 'citizen', form()),
      (error) => isAppError(error) && error.code === 'rate_limited',
    );
  });

  it('limits per mobile number too, whoever files for it', async () => {
    const { complaints } = t.services;
    const agent = await officer(t, [grant('contact_centre_agent', null, null)]);
    const caller = foreignMobile();
    for (let i = 0; i < FILINGS_PER_DAY; i += 1)
      await complaints.file(agent, 'contact_centre', form({ contactName: 'Caller', mobile: caller }));
    await assert.rejects(
      complaints.file(ANONYMOUS, 'overseas', overseas(caller)),
      (error) => isAppError(error) && error.code === 'rate_limited',
    );
  });

  it('suspends filing after three frivolous or abusive complaints, until an appeal lifts it', async () => {
    const { complaints } = t.services;
    const person = await citizen(t);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    for (const action of ['markFrivolous', 'markAbusive', 'markFrivolous']) {
      const filed = await complaints.file(person, 'citizen', form());
      if (filed.kind !== 'filed') throw new Error('not filed');
      await complaints.act(grievance, filed.number, {
        action,
        remarks: 'Prank complaint: no such place',
        version: 1,
      });
    }
    await assert.rejects(complaints.file(person, 'citizen', form()), (error) =>
      fieldErrorOf(error).includes('subType:complaints.error.suspended'),
    );
    assert.ok(
      (await messagesTo(t, person.mobile)).some((message) => message.event === 'complaint.filingSuspended'),
    );
    const suspension = await complaints.mySuspension(person);
    assert.equal(suspension?.complaint_numbers.length, 3);

    await complaints.appeal(person, 'Those were my neighbours, using my phone. It will not happen again.');
    await assert.rejects(
      complaints.appeal(person, 'Again'),
      (error) => isAppError(error) && error.code === 'conflict',
    );
    await assert.rejects(
      complaints.pendingAppeals(grievance),
      (error) => isAppError(error) && error.code === 'forbidden',
    );
    const senior = await officer(t, [grant('grievance_officer', null, null)]);
    const pending = await complaints.pendingAppeals(senior);
    assert.ok(pending.some((row) => row.id === suspension.id));
    // The page keeps what was typed when the decision is missing.
    const page = await signedInClient(t, senior.userId);
    await page.get('/complaints/appeals');
    const refused = await page.post(`/complaints/appeals/${suspension.id}`, {
      [`remarks-${suspension.id}`]: 'First time and warned by telephone',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, />First time and warned by telephone<\/textarea>/);
    await complaints.decideAppeal(senior, suspension.id, {
      decision: 'lifted',
      remarks: 'First time; warned',
    });
    assert.equal(await complaints.mySuspension(person), undefined);
    assert.equal((await complaints.file(person, 'citizen', form())).kind, 'filed');
  });

  it('lets a caller suspended by mobile number appeal once signed in with that verified mobile', async () => {
    const { complaints } = t.services;
    const agent = await officer(t, [grant('contact_centre_agent', null, null)]);
    const grievance = await officer(t, [grant('grievance_officer', 'local-government', 'QTA')]);
    const caller = foreignMobile();
    for (const action of ['markFrivolous', 'markAbusive', 'markFrivolous']) {
      const filed = await complaints.file(
        agent,
        'contact_centre',
        form({ contactName: 'Caller', mobile: caller }),
      );
      if (filed.kind !== 'filed') throw new Error('not filed');
      await complaints.act(grievance, filed.number, { action, remarks: 'Prank calls', version: 1 });
    }
    const person = await citizen(t);
    assert.equal(await complaints.mySuspension(person), undefined, 'another mobile: not suspended');
    await updateAccount(t.testDatabase.database.db, person.userId, { mobile: caller });
    const suspension = await complaints.mySuspension(person);
    assert.ok(suspension !== undefined, 'the suspension of the verified mobile');
    await complaints.appeal(person, 'A neighbour used my number; I did not make those calls.');
  });
});
