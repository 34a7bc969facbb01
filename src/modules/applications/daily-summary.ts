// The morning summary: on each working day, every officer of an office with open work (a department and
// district, and the role holding the applications) gets one e-mail with what is overdue, due today, due by
// the end of the next working day and escalated, and a link to the inbox. The caller gives `now`.
import { type Actor, type Role } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { forbidden } from '../../platform/errors.ts';
import { type MessageKey, defaultLocale, findLocale, translatorFor } from '../../platform/i18n/i18n.ts';
import { calendarService } from '../calendar/service.ts';
import { isWorkingDay, pakistanDate } from '../calendar/working-time.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import { localName, referenceService } from '../reference/service.ts';
import { openCountsByOffice } from './repo-office.ts';

const DAY_MS = 86_400_000;

export function dailySummaryUseCases(db: Db, options: { publicUrl: string }) {
  const calendar = calendarService(db);

  return {
    /** Sends the summaries for `now`'s day; nothing on weekends and holidays. For the scheduler. */
    async sendDailySummaries(
      actor: Actor,
      { now }: { now: Date },
    ): Promise<{ offices: number; messages: number }> {
      if (actor.kind !== 'system') throw forbidden('Only the scheduler sends the daily summary');
      const today = pakistanDate(now);
      if (!isWorkingDay(now, await calendar.holidaysBetween(today, today)))
        return { offices: 0, messages: 0 };
      const endOfToday = new Date(Date.parse(`${today}T00:00:00+05:00`) + DAY_MS);
      // Close of office on the next working day.
      const endOfSoon = await calendar.promisedDate(now, 1);
      const reference = await referenceService(db).referenceData(actor);
      let offices = 0;
      let messages = 0;
      for (const counts of await openCountsByOffice(db, { now, endOfToday, endOfSoon })) {
        const office = {
          role: counts.holderRole as Role,
          departmentCode: counts.departmentCode,
          districtCode: counts.districtCode,
        };
        const officers = (await accountsService(db).officersHolding(actor, office)).filter(
          (officer) => officer.email !== null,
        );
        if (counts.open === 0 || officers.length === 0) continue;
        const department = reference.departments.find((row) => row.code === counts.departmentCode);
        const district = reference.districts.find((row) => row.code === counts.districtCode);
        await inTransaction(db, async (trx) => {
          for (const officer of officers) {
            const t = translatorFor(findLocale(officer.locale) ?? defaultLocale());
            const name = (row: typeof department) => (row === undefined ? '' : localName(row, t.locale.code));
            await notificationsService(trx).enqueue(trx, {
              event: 'inbox.daily-summary',
              channel: 'email',
              recipient: officer.email ?? '',
              locale: officer.locale,
              params: {
                role: t.t(`role.${counts.holderRole}` as MessageKey),
                department: name(department),
                district: name(district),
                open: counts.open,
                overdue: counts.overdue,
                dueToday: counts.dueToday,
                dueSoon: counts.dueSoon,
                escalated: counts.escalated,
                url: `${options.publicUrl}/inbox`,
              },
              userId: officer.id,
            });
          }
        });
        offices += 1;
        messages += officers.length;
      }
      return { offices, messages };
    },
  };
}
