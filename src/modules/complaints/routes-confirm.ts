// /complaints/overseas/{id}/confirm: the code sent to the overseas filer's mobile, typed back.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FormError } from '../../platform/views/components.tsx';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { displayMobile } from '../identity/identifiers.ts';
import type { Services } from '../../services.ts';
import { ConfirmPage } from './views/confirm-page.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REFUSALS: Record<'expired' | 'too_many_attempts' | 'not_found', MessageKey> = {
  expired: 'verify.expired',
  too_many_attempts: 'verify.tooMany',
  not_found: 'verify.notFound',
};

export const confirmRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { complaints } = services;
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found', 'No such complaint');
    return id;
  };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FormError[]; notice?: string } = {},
    status = 200,
  ) {
    const id = idOf(request);
    const { mobile } = await complaints.pendingOverseas(request.actor, id);
    return sendPage(
      reply,
      ConfirmPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        id,
        mobile: displayMobile(mobile),
        errors: extra.errors ?? [],
        ...(extra.notice === undefined ? {} : { notice: extra.notice }),
      }),
      status,
    );
  }

  app.get('/complaints/overseas/:id/confirm', async (request, reply) => page(request, reply));

  app.post(
    '/complaints/overseas/:id/confirm',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const typed = (request.body as Record<string, unknown> | undefined)?.['code'];
      const code = typeof typed === 'string' ? typed.trim() : '';
      const t = request.t;
      if (code === '')
        return page(
          request,
          reply,
          { errors: [{ field: 'code', message: t.t('verify.codeRequired') }] },
          400,
        );
      const result = await complaints.confirmOverseas(request.actor, idOf(request), code);
      if (result.status === 'ok')
        return reply.redirect(
          `/complaints/${result.number}${result.key === null ? '' : `?key=${result.key}`}`,
          303,
        );
      const message =
        result.status === 'wrong'
          ? t.t('verify.wrong', { left: result.attemptsLeft })
          : t.t(REFUSALS[result.status]);
      return page(request, reply, { errors: [{ field: 'code', message }] }, 400);
    },
  );

  app.post(
    '/complaints/overseas/:id/resend',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      try {
        await complaints.resendOverseasCode(request.actor, idOf(request));
        return await page(request, reply, { notice: request.t.t('verify.resent') });
      } catch (error: unknown) {
        const problem = formErrorsOf(error);
        if (problem === undefined) throw error;
        return page(
          request,
          reply,
          { errors: toFormErrors(request.t, problem.fieldErrors).map((e) => ({ ...e, field: 'code' })) },
          429,
        );
      }
    },
  );
};
