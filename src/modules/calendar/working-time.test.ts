import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWorkingDays,
  addWorkingHours,
  isWorkingDay,
  pakistanDate,
  workingHoursBetween,
} from './working-time.ts';

/** An instant given in Pakistan time, 'YYYY-MM-DD HH:MM'. */
const pk = (text: string) => new Date(`${text.replace(' ', 'T')}:00+05:00`);
const NONE: ReadonlySet<string> = new Set();
// Eid-ul-Adha 2026 (expected) Wednesday to Friday, then the weekend; Quaid-e-Azam Day on a Friday.
const EID = new Set(['2026-05-27', '2026-05-28', '2026-05-29']);
const YEAR_END = new Set(['2026-12-25', '2027-01-01']);

// 2026-11-27 is a Friday, 2026-11-28/29 the weekend, 2026-11-30 a Monday.
describe('isWorkingDay', () => {
  it('goes by the Pakistan date, not the UTC one', () => {
    assert.equal(isWorkingDay(pk('2026-11-27 23:30'), NONE), true); // Friday night (18:30 UTC)
    assert.equal(isWorkingDay(pk('2026-11-28 00:30'), NONE), false); // Saturday in Pakistan, Friday in UTC
    assert.equal(isWorkingDay(pk('2026-11-30 04:00'), NONE), true); // Monday in Pakistan, Sunday in UTC
  });

  it('treats Saturday, Sunday and holidays as days off', () => {
    assert.equal(isWorkingDay(pk('2026-11-29 12:00'), NONE), false);
    assert.equal(isWorkingDay(pk('2026-05-28 12:00'), EID), false);
    assert.equal(isWorkingDay(pk('2026-05-28 12:00'), NONE), true);
    assert.equal(isWorkingDay(pk('2026-05-26 12:00'), EID), true);
  });
});

describe('addWorkingDays (the promised completion date)', () => {
  it('ends at 17:00 Pakistan time on the Nth working day after the day of receipt', () => {
    const due = addWorkingDays(pk('2026-11-30 10:00'), 1, NONE);
    assert.equal(due.toISOString(), '2026-12-01T12:00:00.000Z');
    assert.deepEqual(addWorkingDays(pk('2026-11-30 10:00'), 5, NONE), pk('2026-12-07 17:00'));
  });

  it('counts a request at 16:59 as received that day and one at 17:00 as received the next working day', () => {
    assert.deepEqual(addWorkingDays(pk('2026-11-27 16:59'), 1, NONE), pk('2026-11-30 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-11-27 17:00'), 1, NONE), pk('2026-12-01 17:00'));
  });

  it('counts a request before opening time (08:00) as received that day', () => {
    assert.deepEqual(addWorkingDays(pk('2026-11-30 08:00'), 1, NONE), pk('2026-12-01 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-11-30 00:00'), 1, NONE), pk('2026-12-01 17:00'));
  });

  it('counts a request at the weekend as received on Monday', () => {
    assert.deepEqual(addWorkingDays(pk('2026-11-28 10:00'), 1, NONE), pk('2026-12-01 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-11-29 23:59'), 1, NONE), pk('2026-12-01 17:00'));
  });

  it('skips the Eid holidays and counts a request made during them from the next working day', () => {
    assert.deepEqual(addWorkingDays(pk('2026-05-26 10:00'), 1, EID), pk('2026-06-01 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-05-27 10:00'), 1, EID), pk('2026-06-02 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-05-25 10:00'), 3, EID), pk('2026-06-02 17:00'));
  });

  it('crosses the year end around holidays', () => {
    assert.deepEqual(addWorkingDays(pk('2026-12-24 17:30'), 3, YEAR_END), pk('2026-12-31 17:00'));
    assert.deepEqual(addWorkingDays(pk('2026-12-30 10:00'), 3, YEAR_END), pk('2027-01-05 17:00'));
  });

  it('refuses zero, negative, fractional and non-numeric days and invalid dates', () => {
    for (const days of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => addWorkingDays(pk('2026-11-30 10:00'), days, NONE), RangeError, String(days));
    }
    assert.throws(() => addWorkingDays(new Date('not a date'), 1, NONE), RangeError);
  });
});

describe('addWorkingHours (deadlines)', () => {
  it('counts only office hours on working days', () => {
    assert.deepEqual(addWorkingHours(pk('2026-11-30 10:00'), 2, NONE), pk('2026-11-30 12:00'));
    assert.deepEqual(addWorkingHours(pk('2026-11-30 16:00'), 2, NONE), pk('2026-12-01 10:00'));
    assert.deepEqual(addWorkingHours(pk('2026-11-30 09:00'), 40, NONE), pk('2026-12-04 17:00'));
  });

  it('ends at 17:00, not 09:00 the next day, when the hours use up a day exactly', () => {
    assert.deepEqual(addWorkingHours(pk('2026-11-30 09:00'), 8, NONE), pk('2026-11-30 17:00'));
  });

  it('starts counting at the next opening when started at 16:59, 17:00, 08:00 or the weekend', () => {
    assert.deepEqual(addWorkingHours(pk('2026-11-27 16:59'), 1, NONE), pk('2026-11-30 09:59'));
    assert.deepEqual(addWorkingHours(pk('2026-11-27 17:00'), 1, NONE), pk('2026-11-30 10:00'));
    assert.deepEqual(addWorkingHours(pk('2026-11-30 08:00'), 1, NONE), pk('2026-11-30 10:00'));
    assert.deepEqual(addWorkingHours(pk('2026-11-28 12:00'), 0.5, NONE), pk('2026-11-30 09:30'));
  });

  it('skips the Eid holidays and the year-end holidays', () => {
    assert.deepEqual(addWorkingHours(pk('2026-05-26 15:00'), 4, EID), pk('2026-06-01 11:00'));
    assert.deepEqual(addWorkingHours(pk('2026-12-31 13:00'), 8, YEAR_END), pk('2027-01-04 13:00'));
  });

  it('refuses zero, negative and non-finite hours', () => {
    for (const hours of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => addWorkingHours(pk('2026-11-30 10:00'), hours, NONE), RangeError, String(hours));
    }
  });
});

describe('workingHoursBetween', () => {
  it('counts office hours on working days only', () => {
    assert.equal(workingHoursBetween(pk('2026-11-27 16:00'), pk('2026-11-30 10:00'), NONE), 2);
    assert.equal(workingHoursBetween(pk('2026-11-30 00:00'), pk('2026-12-07 00:00'), NONE), 40);
    assert.equal(workingHoursBetween(pk('2026-05-25 00:00'), pk('2026-06-01 00:00'), EID), 16);
    assert.equal(workingHoursBetween(pk('2026-11-30 12:30'), pk('2026-11-30 13:15'), NONE), 0.75);
    assert.equal(workingHoursBetween(pk('2026-11-30 17:00'), pk('2026-12-01 09:00'), NONE), 0);
  });

  it('is zero for the same instant and negative when the end is before the start', () => {
    assert.equal(workingHoursBetween(pk('2026-11-30 10:00'), pk('2026-11-30 10:00'), NONE), 0);
    assert.equal(workingHoursBetween(pk('2026-11-30 10:00'), pk('2026-11-27 16:00'), NONE), -2);
  });

  it('agrees with addWorkingHours from any start (a seeded sweep over two years)', () => {
    const holidays = new Set([...EID, ...YEAR_END]);
    let seed = 20261128;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const origin = pk('2026-01-01 00:00').getTime();
    for (let index = 0; index < 500; index += 1) {
      const start = new Date(origin + Math.floor(next() * 730 * 96) * 15 * 60 * 1000);
      const hours = (1 + Math.floor(next() * 400)) / 4;
      const end = addWorkingHours(start, hours, holidays);
      assert.ok(end > start, `${start.toISOString()} + ${hours}`);
      assert.equal(workingHoursBetween(start, end, holidays), hours, `${start.toISOString()} + ${hours}`);
    }
  });
});

describe('time zone independence', () => {
  it('gives the same answers whatever the server time zone', () => {
    // Switching the process's zone is the point of this test, not configuration.
    // eslint-disable-next-line no-restricted-properties
    const env = process.env;
    const saved = env['TZ'];
    const answers: string[] = [];
    const offsets = new Set<number>();
    try {
      for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Karachi']) {
        env['TZ'] = zone;
        offsets.add(new Date(0).getTimezoneOffset());
        answers.push(
          [
            addWorkingDays(pk('2026-11-27 16:59'), 1, NONE).toISOString(),
            addWorkingHours(pk('2026-11-28 00:30'), 1, NONE).toISOString(),
            String(isWorkingDay(pk('2026-11-28 00:30'), NONE)),
            pakistanDate(pk('2026-11-28 00:30')),
          ].join(' '),
        );
      }
    } finally {
      if (saved === undefined) delete env['TZ'];
      else env['TZ'] = saved;
    }
    assert.equal(offsets.size, 4, 'the process really switched time zones');
    assert.equal(new Set(answers).size, 1, answers.join('\n'));
    assert.equal(answers[0], '2026-11-30T12:00:00.000Z 2026-11-30T05:00:00.000Z false 2026-11-28');
  });
});
