// Pages: a citizen's applications, one application's track page with the actions the viewer may take,
// and the officers' inbox with deadline status in words as well as colour.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { FormError } from '../../platform/views/components.tsx';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import type { ApplicationRow } from './repo.ts';
import { feeBillOf } from './billing.ts';
import { ApplicationListPage, type Listed, TrackPage } from './views/application-pages.tsx';
import { escalationText } from './views/assignment-panel.tsx';

const NUMBER = /^[A-Z]{3}-[A-Z]{3}-\d{4}-\d{6}$/;
const HOUR_MS = 3_600_000;
/** "Due soon": less than a working day (8 office hours) left, counted in wall-clock hours for the list. */
const DUE_SOON_MS = 24 * HOUR_MS;

function deadlineStatus(application: ApplicationRow, now: number): Listed['deadline'] {
  if (application.due_at === null) return undefined;
  const left = application.due_at.getTime() - now;
  return left <= 0 ? 'overdue' : left <= DUE_SOON_MS ? 'dueSoon' : 'onTime';
}

export const applicationRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { applications } = services;

  async function listed(
    request: FastifyRequest,
    rows: readonly ApplicationRow[],
    withDeadline: boolean,
  ): Promise<Listed[]> {
    const now = Date.now();
    const assigned = rows.flatMap((row) => (row.assigned_to === null ? [] : [row.assigned_to]));
    const names = withDeadline
      ? await applications.assigneeNames(request.actor, assigned)
      : new Map<string, string>();
    const me = request.actor.kind === 'user' ? request.actor.userId : '';
    return Promise.all(
      rows.map(async (application) => {
        const pack = await services.services.packAt(
          request.actor,
          application.service_code,
          application.pack_version,
        );
        const state = pack.workflow.states[application.state];
        return {
          application,
          serviceName: pack.name,
          stateLabel: state?.label ?? { en: application.state, ur: application.state },
          ...(withDeadline ? { deadline: deadlineStatus(application, now) } : {}),
          // Officers only (the inbox): who in the office has it, and where it was escalated.
          ...(withDeadline
            ? {
                assignee:
                  application.assigned_to === null
                    ? null
                    : {
                        name: names.get(application.assigned_to) ?? '',
                        mine: application.assigned_to === me,
                      },
                ...(application.escalated_to_role === null
                  ? {}
                  : { escalated: escalationText(request.t, pack, application.escalated_to_role) }),
              }
            : {}),
        };
      }),
    );
  }

  async function track(
    request: FastifyRequest,
    reply: FastifyReply,
    number: string,
    errors: FormError[] = [],
    status = 200,
  ) {
    const { application, pack, events, actions } = await applications.get(request.actor, { number });
    const assignment = await applications.assignmentView(request.actor, number);
    const certificates = await applications.certificatesOf(request.actor, number);
    const bill = await feeBillOf(services.payments.bills, request.actor, application.id);
    const isApplicant = request.actor.kind === 'user' && request.actor.userId === application.applicant_id;
    return sendPage(
      reply,
      TrackPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        application,
        pack,
        events,
        actions,
        errors,
        isApplicant,
        ...(assignment === undefined ? {} : { assignment }),
        certificates,
        bill,
      }),
      status,
    );
  }

  const numberOf = (request: FastifyRequest) => {
    const number = (request.params as { number: string }).number;
    if (!NUMBER.test(number)) throw new AppError('not_found', 'No such application');
    return number;
  };

  app.get('/applications', async (request, reply) => {
    const rows = await listed(request, await applications.mine(request.actor), false);
    const t = request.t;
    return sendPage(
      reply,
      ApplicationListPage({
        t,
        currentPath: request.url,
        title: t.t('applications.mine'),
        rows,
        empty: t.t('applications.mineEmpty'),
      }),
    );
  });

  app.get('/inbox', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const assigned =
      query['assigned'] === 'mine' || query['assigned'] === 'unassigned' ? query['assigned'] : '';
    const search = {
      query: (query['q'] ?? '').slice(0, 100),
      overdueOnly: query['overdue'] === '1',
      assigned,
    } as const;
    const found = await applications.inbox(request.actor, {
      text: search.query,
      overdueOnly: search.overdueOnly,
      ...(assigned === '' ? {} : { assigned }),
    });
    const rows = await listed(request, found, true);
    const t = request.t;
    return sendPage(
      reply,
      ApplicationListPage({
        t,
        currentPath: request.url,
        title: t.t('applications.inbox'),
        rows,
        empty: t.t('applications.inboxEmpty'),
        search,
      }),
    );
  });

  app.get('/applications/:number', async (request, reply) => track(request, reply, numberOf(request)));

  app.post('/applications/:number/actions', async (request, reply) => {
    const number = numberOf(request);
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      await applications.act(request.actor, number, {
        action: form['action'] ?? '',
        remarks: form['remarks'] ?? '',
        version: Number(form['version']),
      });
      return await reply.redirect(`/applications/${number}`, 303);
    } catch (error: unknown) {
      if (!isAppError(error)) throw error;
      if (error.code === 'validation_failed')
        return track(request, reply, number, toFormErrors(request.t, error.fieldErrors), 400);
      if (error.code === 'conflict')
        return track(
          request,
          reply,
          number,
          [{ field: 'remarks', message: request.t.t('applications.conflict') }],
          409,
        );
      throw error;
    }
  });

  // A new fee bill when the last one expired or was cancelled while the fee is still owed.
  app.post('/applications/:number/fee-bill', async (request, reply) => {
    const number = numberOf(request);
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      await applications.renewFeeBill(request.actor, number, Number(form['version']));
      return await reply.redirect(`/applications/${number}#fee-bill`, 303);
    } catch (error: unknown) {
      if (!isAppError(error) || error.code !== 'conflict') throw error;
      const message = request.t.t('applications.bill.renewConflict');
      return track(request, reply, number, [{ field: 'renew-bill', message }], 409);
    }
  });

  // Who in the office works on it. A stale version or a taken application re-renders the page saying so.
  for (const move of ['claim', 'assign', 'release'] as const) {
    app.post(`/applications/:number/${move}`, async (request, reply) => {
      const number = numberOf(request);
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      const version = Number(form['version']);
      try {
        if (move === 'claim') await applications.claim(request.actor, number, version);
        else if (move === 'release') await applications.release(request.actor, number, version);
        else await applications.assign(request.actor, number, { assignee: form['assignee'] ?? '', version });
        return await reply.redirect(`/applications/${number}`, 303);
      } catch (error: unknown) {
        if (!isAppError(error) || (error.code !== 'conflict' && error.code !== 'validation_failed'))
          throw error;
        const errors =
          error.fieldErrors.length > 0
            ? toFormErrors(request.t, error.fieldErrors)
            : [{ field: 'assignee', message: request.t.t('applications.assignment.conflict') }];
        return track(request, reply, number, errors, error.code === 'conflict' ? 409 : 400);
      }
    });
  }
};
