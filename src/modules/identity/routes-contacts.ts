// /account/contacts/mobile and /account/contacts/email: change a contact with the password and a code.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { codeRefusal } from './code-messages.ts';
import type { ContactKind } from './contacts.ts';
import { ChangeContactPage, ConfirmContactPage } from './views/contact-pages.tsx';

type Form = Record<string, string | undefined>;

function kindOf(request: FastifyRequest): ContactKind {
  const kind = (request.params as { kind: string }).kind;
  if (kind !== 'mobile' && kind !== 'email') throw new AppError('not_found', 'No such contact');
  return kind;
}

export const contactRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  app.get('/account/contacts/:kind', async (request, reply) => {
    const kind = kindOf(request);
    await identity.accountOverview(request.actor); // signed in, or off to sign in
    return sendPage(
      reply,
      ChangeContactPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf(), kind }),
    );
  });

  app.post(
    '/account/contacts/:kind',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const kind = kindOf(request);
      const form = (request.body ?? {}) as Form;
      const value = form['value'] ?? '';
      try {
        const destination = await identity.startContactChange(request.actor, {
          kind,
          value,
          password: form['password'] ?? '',
        });
        return await sendPage(
          reply,
          ConfirmContactPage({
            t: request.t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            kind,
            destination,
          }),
        );
      } catch (error: unknown) {
        const problem = formErrorsOf(error);
        if (problem === undefined) throw error;
        const errors = toFormErrors(request.t, problem.fieldErrors).map((e) =>
          e.field === 'code' ? { ...e, field: 'value' } : e,
        );
        return sendPage(
          reply,
          ChangeContactPage({
            t: request.t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            kind,
            value,
            errors,
          }),
          400,
        );
      }
    },
  );

  app.post('/account/contacts/:kind/confirm', async (request, reply) => {
    const kind = kindOf(request);
    const form = (request.body ?? {}) as Form;
    const destination = form['destination'] ?? '';
    const code = (form['code'] ?? '').trim();
    const result = await identity.confirmContactChange(request.actor, {
      kind,
      destination,
      code,
      ip: request.ip,
    });
    if (result.status === 'ok') return reply.redirect('/account?notice=contact', 303);
    const message = codeRefusal(request.t, result);
    return sendPage(
      reply,
      ConfirmContactPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        kind,
        destination,
        errors: [{ field: 'code', message }],
      }),
      400,
    );
  });
};
