// Overseas filings never confirmed by their code are removed with their files after 24 hours, with a clock
// the test controls; confirmed ones, and younger ones, stay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { type DocumentStore, documentStoreFor } from '../../platform/storage/document-store.ts';
import { tinyJpeg, tinyPdf } from '../../platform/storage/test-fixtures.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { SYSTEM, citizen, codeSentTo, foreignMobile, form } from './test-helpers.ts';
import { UNCONFIRMED_CRON, UNCONFIRMED_QUEUE } from './unconfirmed.ts';

let t: TestApp;
let store: DocumentStore;
const HOUR = 3_600_000;

before(async () => {
  t = await buildTestApp();
  store = documentStoreFor(t.config.dataDir);
});
after(() => t.close());

async function fileFromAbroad(at: Date) {
  const mobile = foreignMobile();
  const documents = [await store.put(tinyJpeg(), 'jpeg'), await store.put(tinyPdf(), 'pdf')];
  const filed = await t.services.complaints.file(
    ANONYMOUS,
    'overseas',
    form({ contactName: 'Amina Baloch', documentKind: 'passport', documentNumber: 'AB1234567', mobile }),
    { documents },
    at,
  );
  if (filed.kind !== 'pending') throw new Error('an overseas filing waits for its code');
  return { id: filed.id, mobile, keys: documents.map((document) => document.key) };
}

const stored = async (key: string) => (await store.get(key)) !== undefined;
const auditOf = (id: string) =>
  t.testDatabase.database.db
    .$extendTables<{ audit_event: { action: string; subject_id: string | null } }>()
    .selectFrom('audit_event')
    .select('action')
    .where('subject_id', '=', id)
    .execute();

describe('unconfirmed overseas filings', () => {
  it('are removed with their files 24 hours on; confirmed and younger ones stay', async () => {
    const { complaints } = t.services;
    const start = new Date(Date.now() - 1000);
    const forgotten = await fileFromAbroad(start);
    const confirmed = await fileFromAbroad(start);
    const younger = await fileFromAbroad(new Date(start.getTime() + 12 * HOUR));
    const accepted = await complaints.confirmOverseas(
      ANONYMOUS,
      confirmed.id,
      await codeSentTo(t, confirmed.mobile),
    );
    assert.equal(accepted.status, 'ok');

    await complaints.removeUnconfirmed(SYSTEM, store, new Date(start.getTime() + 24 * HOUR - 60_000));
    assert.deepEqual(await complaints.pendingOverseas(ANONYMOUS, forgotten.id), {
      mobile: forgotten.mobile,
    });
    assert.ok(await stored(forgotten.keys[0] ?? ''), 'not a minute before 24 hours');

    assert.ok(
      (await complaints.removeUnconfirmed(SYSTEM, store, new Date(start.getTime() + 24 * HOUR + 60_000))) >=
        1,
    );
    await assert.rejects(
      complaints.pendingOverseas(ANONYMOUS, forgotten.id),
      (error) => isAppError(error) && error.code === 'not_found',
    );
    for (const key of forgotten.keys) assert.equal(await stored(key), false, 'its files are gone');
    assert.ok(
      (await auditOf(forgotten.id)).some((row) => row.action === 'complaint.unconfirmed_removed'),
      'the removal is in the audit trail',
    );
    const page = await new FormClient(t.app).get(`/complaints/overseas/${forgotten.id}/confirm`);
    assert.equal(page.statusCode, 404, 'the confirmation page is gone too');

    for (const key of confirmed.keys) assert.ok(await stored(key), 'a confirmed complaint keeps its files');
    if (accepted.key === null) throw new Error('no tracking key');
    const kept = await complaints.get(ANONYMOUS, accepted.number, { key: accepted.key });
    assert.equal(kept.attachments.length, 2);
    assert.equal((await complaints.pendingOverseas(ANONYMOUS, younger.id)).mobile, younger.mobile);
    for (const key of younger.keys) assert.ok(await stored(key), 'a younger filing keeps its files');

    await complaints.removeUnconfirmed(SYSTEM, store, new Date(start.getTime() + 36 * HOUR + 60_000));
    for (const key of younger.keys) assert.equal(await stored(key), false, 'then the younger one goes');
  });

  it('never touches complaints filed in Pakistan, however old', async () => {
    const { complaints } = t.services;
    const longAgo = new Date(Date.now() - 30 * 24 * HOUR);
    const filed = await complaints.file(await citizen(t), 'citizen', form(), {}, longAgo);
    if (filed.kind !== 'filed') throw new Error('not filed');
    await complaints.removeUnconfirmed(SYSTEM, store, new Date());
    const row = await t.testDatabase.database.db
      .$extendTables<{ complaint: { number: string | null } }>()
      .selectFrom('complaint')
      .select('number')
      .where('number', '=', filed.number)
      .executeTakeFirst();
    assert.equal(row?.number, filed.number);
  });

  it('runs every hour when the app runs background jobs, and only for the scheduler', async () => {
    const withJobs = await buildTestApp({ jobs: true });
    try {
      const schedules = (await withJobs.jobs?.boss.getSchedules(UNCONFIRMED_QUEUE)) ?? [];
      assert.deepEqual(
        schedules.map((schedule) => schedule.cron),
        [UNCONFIRMED_CRON],
      );
    } finally {
      await withJobs.close();
    }
    await assert.rejects(
      t.services.complaints.removeUnconfirmed(await citizen(t), store),
      (error) => isAppError(error) && error.code === 'forbidden',
    );
  });
});
