import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Actor, type Role, systemActor } from '../../platform/actor.ts';
import { auditEventsFor } from '../../platform/audit/repo.ts';
import { AppError } from '../../platform/errors.ts';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';
import { HOLIDAY_CACHE_MS, calendarService } from './service.ts';

const staff = (
  role: Role,
  departmentCode: string | null = null,
  districtCode: string | null = null,
): Actor => ({
  kind: 'user',
  userId: randomUUID(),
  label: `Test ${role}`,
  accountKind: 'staff',
  grants: [{ role, departmentCode, districtCode }],
});
const ADMIN = staff('platform_admin');
const pk = (text: string) => new Date(`${text.replace(' ', 'T')}:00+05:00`);

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(() => test.destroy());

describe('the seeded holidays', () => {
  it('holds the 2026 and 2027 public holidays with names in both languages', async () => {
    const calendar = calendarService(test.database.db);
    const in2026 = await calendar.listHolidays(ADMIN, 2026);
    const independence = in2026.find((holiday) => holiday.date === '2026-08-14');
    assert.deepEqual([independence?.nameEn, independence?.nameUr], ['Independence Day', 'یومِ آزادی']);
    assert.ok(in2026.length >= 14 && in2026.every((holiday) => holiday.kind === 'gazetted'));
    assert.ok((await calendar.listHolidays(ADMIN, 2027)).some((holiday) => holiday.date === '2027-12-25'));
  });

  it('moves a promised date past Independence Day and a deadline past the Eid-ul-Adha days', async () => {
    const calendar = calendarService(test.database.db);
    // Thursday 13 August 2026; Friday the 14th is a holiday.
    assert.deepEqual(await calendar.promisedDate(pk('2026-08-13 10:00'), 1), pk('2026-08-17 17:00'));
    // Tuesday 26 May 2026 at 15:00; Eid-ul-Adha is expected Wednesday to Friday.
    assert.deepEqual(await calendar.deadline(pk('2026-05-26 15:00'), 4), pk('2026-06-01 11:00'));
  });
});

describe('administering holidays', () => {
  it('adds and removes a holiday, each with an audit event, and the calculations follow', async () => {
    const calendar = calendarService(test.database.db);
    // Monday 7 December 2026 at 10:00: one working day later is Tuesday the 8th.
    assert.deepEqual(await calendar.promisedDate(pk('2026-12-07 10:00'), 1), pk('2026-12-08 17:00'));
    await calendar.addHoliday(ADMIN, {
      date: ' 2026-12-08 ',
      nameEn: 'Local holiday',
      nameUr: 'مقامی تعطیل',
      kind: 'optional',
    });
    assert.deepEqual(await calendar.promisedDate(pk('2026-12-07 10:00'), 1), pk('2026-12-09 17:00'));
    assert.ok((await calendar.holidaysBetween('2026-12-01', '2026-12-31')).has('2026-12-08'));
    const added = (await calendar.listHolidays(ADMIN, 2026)).find((holiday) => holiday.date === '2026-12-08');
    assert.equal(added?.createdBy, 'Test platform_admin');

    await calendar.removeHoliday(ADMIN, '2026-12-08');
    assert.deepEqual(await calendar.promisedDate(pk('2026-12-07 10:00'), 1), pk('2026-12-08 17:00'));
    const events = await auditEventsFor(test.database.db, 'public_holiday', '2026-12-08');
    assert.deepEqual(
      events.map((event) => [event.action, event.actor_id]),
      [
        ['calendar.holiday_added', ADMIN.kind === 'user' ? ADMIN.userId : null],
        ['calendar.holiday_removed', ADMIN.kind === 'user' ? ADMIN.userId : null],
      ],
    );
  });

  it('refuses everyone but a province-wide platform administrator, changing nothing', async () => {
    const calendar = calendarService(test.database.db);
    const others: Actor[] = [
      staff('platform_admin', 'revenue', null),
      staff('platform_admin', null, 'QTA'),
      staff('department_admin'),
      staff('auditor'),
      staff('clerk', 'revenue', 'QTA'),
      { kind: 'anonymous' },
      systemActor('test'),
    ];
    const holiday = { date: '2026-12-09', nameEn: 'Not allowed', nameUr: 'اجازت نہیں', kind: 'gazetted' };
    for (const actor of others) {
      const forbidden = { code: 'forbidden' };
      await assert.rejects(calendar.listHolidays(actor, 2026), forbidden);
      await assert.rejects(calendar.addHoliday(actor, holiday), forbidden);
      await assert.rejects(calendar.removeHoliday(actor, '2026-08-14'), forbidden);
    }
    const in2026 = (await calendar.listHolidays(ADMIN, 2026)).map((h) => h.date);
    assert.ok(in2026.includes('2026-08-14') && !in2026.includes('2026-12-09'));
    assert.deepEqual(await auditEventsFor(test.database.db, 'public_holiday', '2026-12-09'), []);
  });

  it('explains each invalid field, including a date that already has a holiday', async () => {
    const calendar = calendarService(test.database.db);
    const fieldsOf = async (input: { date: string; nameEn: string; nameUr: string; kind: string }) => {
      const error = await calendar.addHoliday(ADMIN, input).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
      return error.fieldErrors.map((field) => `${field.field}:${field.messageKey}`);
    };
    assert.deepEqual(await fieldsOf({ date: '2026-02-30', nameEn: ' ', nameUr: '', kind: 'bank' }), [
      'date:calendar.error.date',
      'nameEn:calendar.error.nameEnRequired',
      'nameUr:calendar.error.nameUrRequired',
      'kind:calendar.error.kind',
    ]);
    assert.deepEqual(
      await fieldsOf({ date: '14-08-2026', nameEn: 'x'.repeat(101), nameUr: 'ک', kind: 'gazetted' }),
      ['date:calendar.error.date', 'nameEn:calendar.error.nameTooLong'],
    );
    assert.deepEqual(
      await fieldsOf({ date: '2026-08-14', nameEn: 'Again', nameUr: 'دوبارہ', kind: 'gazetted' }),
      ['date:calendar.error.dateTaken'],
    );
    await assert.rejects(calendar.removeHoliday(ADMIN, '2026-12-10'), { code: 'not_found' });
    await assert.rejects(calendar.listHolidays(ADMIN, 1999), { code: 'bad_request' });
  });

  it('keeps the holiday list for a minute, so another process sees a change within a minute', async () => {
    let now = Date.parse('2026-12-01T05:00:00Z');
    const calendar = calendarService(test.database.db, () => now);
    assert.equal((await calendar.holidaysBetween('2026-12-14', '2026-12-14')).size, 0);
    // Another process adds a holiday behind this one's back.
    await sql`insert into public_holiday (date, name_en, name_ur, kind, created_by)
      values ('2026-12-14', 'Elsewhere', 'کہیں اور', 'gazetted', 'test')`.execute(test.database.db);
    now += HOLIDAY_CACHE_MS - 1;
    assert.equal((await calendar.holidaysBetween('2026-12-14', '2026-12-14')).size, 0);
    now += 1;
    assert.deepEqual([...(await calendar.holidaysBetween('2026-12-14', '2026-12-14'))], ['2026-12-14']);
  });
});
