// The administrators' holidays page. Authorisation is the service's (province-wide platform administrators
// only); the routes only send people who are not signed in to the sign-in page first.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import {
  ADMIN_HOLIDAYS_PATH,
  EMPTY_HOLIDAY_FORM,
  type HolidayFormValues,
  HolidaysPage,
} from './views/holidays-page.tsx';
import { pakistanDate } from './working-time.ts';

function formValues(body: unknown): HolidayFormValues {
  const form = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  return { date: text('date'), nameEn: text('nameEn'), nameUr: text('nameUr'), kind: text('kind') };
}

/** The year asked for, or this year in Pakistan; anything but plain digits is a bad request. */
function requestedYear(query: unknown): number {
  const year = (query as Record<string, unknown> | undefined)?.['year'];
  if (year === undefined || year === '') return Number(pakistanDate(new Date()).slice(0, 4));
  if (typeof year !== 'string' || !/^\d{4}$/.test(year)) throw new AppError('bad_request', 'Bad year');
  return Number(year);
}

export const calendarRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) =>
    request.actor.kind === 'anonymous'
      ? reply.redirect(
          `/sign-in?next=${encodeURIComponent(request.method === 'GET' ? request.url : ADMIN_HOLIDAYS_PATH)}`,
          303,
        )
      : undefined;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    values: HolidayFormValues,
    problem?: AppError,
  ) =>
    sendPage(
      reply,
      HolidaysPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        year,
        holidays: await services.calendar.listHolidays(request.actor, year),
        values,
        errors: problem === undefined ? [] : toFormErrors(request.t, problem.fieldErrors),
      }),
      problem === undefined ? 200 : 422,
    );

  app.get(ADMIN_HOLIDAYS_PATH, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    return page(request, reply, requestedYear(request.query), EMPTY_HOLIDAY_FORM);
  });

  app.post(ADMIN_HOLIDAYS_PATH, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const values = formValues(request.body);
    try {
      await services.calendar.addHoliday(request.actor, values);
      return await reply.redirect(`${ADMIN_HOLIDAYS_PATH}?year=${values.date.trim().slice(0, 4)}`, 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      // Show the year of the typed date when it has one, so the clash is visible in the list.
      const typedYear = /^\d{4}/.exec(values.date.trim())?.[0];
      const year =
        typedYear !== undefined && Number(typedYear) >= 2000 && Number(typedYear) <= 2100
          ? Number(typedYear)
          : requestedYear(undefined);
      return page(request, reply, year, values, problem);
    }
  });

  app.post<{ Params: { date: string } }>(`${ADMIN_HOLIDAYS_PATH}/:date/remove`, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const { date } = request.params;
    await services.calendar.removeHoliday(request.actor, date);
    return reply.redirect(`${ADMIN_HOLIDAYS_PATH}?year=${date.slice(0, 4)}`, 303);
  });
};
