// The webhooks module's plugin: the administrators' pages under /admin/webhooks (authorisation is the
// service's; people not signed in are sent to sign in first) and, when this instance runs jobs, the delivery
// worker. Secrets appear only on the page right after they are made, never cached.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/logger.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { localName } from '../reference/service.ts';
import { scheduleWebhookJobs } from './jobs.ts';
import { SubscriptionPage } from './views/detail-page.tsx';
import {
  EMPTY_SUBSCRIPTION,
  SecretPage,
  type SubscriptionFormValues,
  WEBHOOKS_PATH,
  WebhooksPage,
} from './views/list-page.tsx';

function formValues(body: unknown): SubscriptionFormValues {
  const form = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  const events = form['events'];
  return {
    name: text('name'),
    url: text('url'),
    events: (Array.isArray(events) ? events : [events]).filter((e): e is string => typeof e === 'string'),
    department: text('department'),
  };
}

export const webhookRoutes: FastifyPluginAsync<{
  services: Services;
  db: Db;
  jobs: Jobs | undefined;
  sessionSecret: string;
  logger: Logger;
}> = async (app, { services, db, jobs, sessionSecret, logger }) => {
  const { webhooks } = services;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) =>
    request.actor.kind === 'anonymous'
      ? reply.redirect(`/sign-in?next=${encodeURIComponent(WEBHOOKS_PATH)}`, 303)
      : undefined;

  async function departmentNames(request: FastifyRequest) {
    const { departments } = await services.reference.referenceData(request.actor);
    const locale = request.t.locale.code;
    return {
      departments,
      name: (code: string | null) => {
        const found = departments.find((row) => row.code === code);
        return code === null
          ? request.t.t('webhooks.allDepartments')
          : found
            ? localName(found, locale)
            : code;
      },
    };
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values = EMPTY_SUBSCRIPTION,
    errors: readonly FieldError[] = [],
  ) {
    const { subscriptions, departments: managed } = await webhooks.list(request.actor);
    const names = await departmentNames(request);
    const choosable = names.departments.filter((row) => managed === null || managed.includes(row.code));
    const page = WebhooksPage({
      t: request.t,
      currentPath: request.url,
      csrfToken: reply.generateCsrf(),
      subscriptions,
      departments: choosable.map((row) => ({
        value: row.code,
        label: localName(row, request.t.locale.code),
      })),
      allowAll: managed === null,
      departmentName: names.name,
      values,
      errors: toFormErrors(request.t, errors),
    });
    return sendPage(reply, page, errors.length > 0 ? 422 : 200);
  }

  app.get(WEBHOOKS_PATH, async (request, reply) => signInFirst(request, reply) ?? listPage(request, reply));

  app.post(WEBHOOKS_PATH, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const values = formValues(request.body);
    try {
      const { subscription, secret } = await webhooks.create(request.actor, {
        name: values.name,
        url: values.url,
        events: values.events,
        departmentCode: values.department,
      });
      reply.header('cache-control', 'no-store');
      const title = request.t.t('webhooks.createdTitle', { name: subscription.name });
      return await sendPage(
        reply,
        SecretPage({
          t: request.t,
          currentPath: request.url,
          title,
          subscriptionId: subscription.id,
          secret,
        }),
      );
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      return listPage(request, reply, values, problem.fieldErrors);
    }
  });

  app.get(`${WEBHOOKS_PATH}/:id`, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const { subscription, deliveries } = await webhooks.subscription(request.actor, idOf(request));
    const names = await departmentNames(request);
    return sendPage(
      reply,
      SubscriptionPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        subscription,
        departmentName: names.name(subscription.department_code),
        deliveries,
      }),
    );
  });

  app.post(`${WEBHOOKS_PATH}/:id/enabled`, async (request, reply) => {
    const enabled = ((request.body ?? {}) as Record<string, unknown>)['enabled'] === 'yes';
    await webhooks.setEnabled(request.actor, idOf(request), enabled);
    return reply.redirect(`${WEBHOOKS_PATH}/${idOf(request)}`, 303);
  });

  app.post(`${WEBHOOKS_PATH}/:id/rotate`, async (request, reply) => {
    const { subscription, secret, previousUntil } = await webhooks.rotateSecret(request.actor, idOf(request));
    reply.header('cache-control', 'no-store');
    const title = request.t.t('webhooks.rotatedTitle', { name: subscription.name });
    return sendPage(
      reply,
      SecretPage({
        t: request.t,
        currentPath: request.url,
        title,
        subscriptionId: subscription.id,
        secret,
        previousUntil,
      }),
    );
  });

  if (jobs !== undefined) {
    const stopWaking = await scheduleWebhookJobs(jobs, db, { sessionSecret, logger });
    app.addHook('onClose', async () => {
      stopWaking();
    });
  }
};
