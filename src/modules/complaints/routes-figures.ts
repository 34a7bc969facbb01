// The dashboards (/complaints/dashboard for staff, /complaints/public for everyone), a citizen's filing
// suspension with its appeal (/complaints/suspension), and the appeals to decide (/complaints/appeals).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import { DashboardPage, PERIODS, type Period, PublicPage } from './views/figures-pages.tsx';
import { AppealsPage, SuspensionPage } from './views/suspension-pages.tsx';

const DAY_MS = 24 * 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const figuresRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { complaints } = services;
  const names = async (request: FastifyRequest) => {
    const reference = await services.reference.referenceData(request.actor);
    const locale = request.t.locale.code;
    const district = new Map(reference.districts.map((d) => [d.code, localName(d, locale)]));
    const department = new Map(reference.departments.map((d) => [d.code, localName(d, locale)]));
    return {
      district: (code: string) => district.get(code) ?? code,
      department: (code: string) => department.get(code) ?? code,
    };
  };
  const field = (request: FastifyRequest, name: string) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : '';
  };

  app.get('/complaints/dashboard', async (request, reply) => {
    const asked = (request.query as Record<string, string | undefined>)['period'];
    const period: Period = (PERIODS as readonly string[]).includes(asked ?? '') ? (asked as Period) : '90';
    const now = new Date();
    const rows = await complaints.dashboard(
      request.actor,
      period === 'all' ? {} : { from: new Date(now.getTime() - Number(period) * DAY_MS) },
      now,
    );
    return sendPage(
      reply,
      DashboardPage({ t: request.t, currentPath: request.url, rows, names: await names(request), period }),
    );
  });

  app.get('/complaints/public', async (request, reply) => {
    const overview = await complaints.publicOverview(request.actor);
    return sendPage(
      reply,
      PublicPage({
        t: request.t,
        currentPath: request.url,
        tree: complaints.tree,
        ...overview,
        names: await names(request),
      }),
    );
  });

  app.get('/complaints/suspension', async (request, reply) =>
    sendPage(
      reply,
      SuspensionPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        suspension: await complaints.mySuspension(request.actor),
        appeal: '',
        errors: [],
      }),
    ),
  );

  app.post('/complaints/suspension', async (request, reply) => {
    const appeal = field(request, 'appeal');
    try {
      await complaints.appeal(request.actor, appeal);
      return await reply.redirect('/complaints/suspension', 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const suspension = await complaints.mySuspension(request.actor);
      return sendPage(
        reply,
        SuspensionPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          suspension,
          appeal,
          errors: toFormErrors(request.t, problem.fieldErrors),
        }),
        400,
      );
    }
  });

  app.get('/complaints/appeals', async (request, reply) => {
    if (request.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
    const appeals = await complaints.pendingAppeals(request.actor);
    return sendPage(
      reply,
      AppealsPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        appeals,
        errors: [],
      }),
    );
  });

  app.post('/complaints/appeals/:id', async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found', 'No such appeal');
    const typed = {
      id,
      decision: field(request, `decision-${id}`),
      remarks: field(request, `remarks-${id}`),
    };
    try {
      await complaints.decideAppeal(request.actor, id, { decision: typed.decision, remarks: typed.remarks });
      return await reply.redirect('/complaints/appeals', 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const errors = toFormErrors(request.t, problem.fieldErrors).map((e) => ({
        ...e,
        field: `${e.field}-${id}`,
      }));
      const appeals = await complaints.pendingAppeals(request.actor);
      return sendPage(
        reply,
        AppealsPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          appeals,
          errors,
          typed,
        }),
        400,
      );
    }
  });
};
