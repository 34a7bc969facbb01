// /verify/mobile and /verify/email: type back the code sent to the contact, or ask for a new one.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { FormError } from '../../platform/views/components.tsx';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { codeRefusal } from './code-messages.ts';
import { displayMobile } from './identifiers.ts';
import { clientInfo, safeNext } from './session-hook.ts';
import type { ContactKind } from './verification.ts';
import { VerifyContactPage } from './views/code-pages.tsx';

type Form = Record<string, string | undefined>;

function kindOf(request: FastifyRequest): ContactKind {
  const kind = (request.params as { kind: string }).kind;
  if (kind !== 'mobile' && kind !== 'email') throw new AppError('not_found', 'Nothing to verify here');
  return kind;
}

export const verifyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FormError[]; notice?: string },
    status = 200,
  ) => {
    const kind = kindOf(request);
    const { destination } = await identity.contactToVerify(request.actor, kind);
    const next = safeNext(
      ((request.method === 'GET' ? request.query : request.body) as Form)['next'],
      '/account',
    );
    return sendPage(
      reply,
      VerifyContactPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        kind,
        destination: kind === 'mobile' ? displayMobile(destination) : destination,
        next,
        ...extra,
      }),
      status,
    );
  };

  app.get('/verify/:kind', async (request, reply) => {
    const { verified } = await identity.contactToVerify(request.actor, kindOf(request));
    if (verified) return reply.redirect('/account');
    return page(request, reply, {});
  });

  app.post('/verify/:kind', async (request, reply) => {
    const kind = kindOf(request);
    const body = (request.body ?? {}) as Form;
    const code = (body['code'] ?? '').trim();
    if (code === '')
      return page(
        request,
        reply,
        { errors: [{ field: 'code', message: request.t.t('verify.codeRequired') }] },
        400,
      );
    const result = await identity.verifyContact(request.actor, kind, code, clientInfo(request));
    if (result.status === 'ok' || result.status === 'already')
      return reply.redirect(safeNext(body['next'], '/account'), 303);
    return page(
      request,
      reply,
      { errors: [{ field: 'code', message: codeRefusal(request.t, result) }] },
      400,
    );
  });

  app.post('/verify/:kind/resend', async (request, reply) => {
    try {
      await identity.resendVerificationCode(request.actor, kindOf(request));
      return await page(request, reply, { notice: request.t.t('verify.resent') });
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const errors = toFormErrors(request.t, problem.fieldErrors).map((e) => ({ ...e, field: 'code' }));
      return page(request, reply, { errors }, 429);
    }
  });
};
