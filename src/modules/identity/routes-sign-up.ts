// Sign-up and password reset pages.
import type { FastifyPluginAsync } from 'fastify';
import type { FormError } from '../../platform/views/components.tsx';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { codeRefusal } from './code-messages.ts';
import { clientInfo, setSessionCookie } from './session-hook.ts';
import type { SignUpForm } from './sign-up.ts';
import { ResetConfirmPage, ResetRequestPage } from './views/code-pages.tsx';
import { SignUpPage } from './views/sign-up-page.tsx';

type Form = Record<string, string | undefined>;
const field = (form: Form, name: string) => form[name] ?? '';

export const signUpRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  app.get('/sign-up', async (request, reply) => {
    if (request.actor.kind === 'user') return reply.redirect('/account');
    return sendPage(
      reply,
      SignUpPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf() }),
    );
  });

  app.post(
    '/sign-up',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Form;
      const form: SignUpForm = {
        cnic: field(body, 'cnic'),
        fullName: field(body, 'fullName'),
        fullNameUr: field(body, 'fullNameUr'),
        mobile: field(body, 'mobile'),
        email: field(body, 'email'),
        password: field(body, 'password'),
      };
      try {
        const created = await identity.signUp(form, request.t.locale.code, clientInfo(request));
        const { token } = await identity.sessions.create(
          { id: created.userId, kind: 'citizen' },
          clientInfo(request),
          true,
        );
        setSessionCookie(request, reply, token);
        return await reply.redirect('/verify/mobile', 303);
      } catch (error: unknown) {
        const problem = formErrorsOf(error);
        if (problem === undefined) throw error;
        const { password: _dropped, ...kept } = form; // never send a password back into the page
        const errors = toFormErrors(request.t, problem.fieldErrors);
        return sendPage(
          reply,
          SignUpPage({
            t: request.t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            values: kept,
            errors,
          }),
          400,
        );
      }
    },
  );

  app.get('/reset-password', async (request, reply) =>
    sendPage(
      reply,
      ResetRequestPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf() }),
    ),
  );

  app.post(
    '/reset-password',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const identifier = field((request.body ?? {}) as Form, 'identifier').trim();
      const t = request.t;
      if (identifier === '') {
        return sendPage(
          reply,
          ResetRequestPage({
            t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            errors: [{ field: 'identifier', message: t.t('signIn.identifierRequired') }],
          }),
          400,
        );
      }
      try {
        await identity.requestPasswordReset(identifier, clientInfo(request));
      } catch (error: unknown) {
        const problem = formErrorsOf(error);
        if (problem === undefined) throw error;
        const errors = toFormErrors(t, problem.fieldErrors).map((e) => ({ ...e, field: 'identifier' }));
        return sendPage(
          reply,
          ResetRequestPage({
            t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            identifier,
            errors,
          }),
          429,
        );
      }
      return sendPage(
        reply,
        ResetConfirmPage({
          t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          identifier,
          notice: t.t('reset.codeSent'),
        }),
      );
    },
  );

  app.post(
    '/reset-password/confirm',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Form;
      const identifier = field(body, 'identifier').trim();
      const code = field(body, 'code').trim();
      const t = request.t;
      const page = (errors: FormError[]) =>
        sendPage(
          reply,
          ResetConfirmPage({
            t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            identifier,
            errors,
          }),
          400,
        );
      if (code === '') return page([{ field: 'code', message: t.t('verify.codeRequired') }]);
      try {
        const outcome = await identity.resetPassword(
          { identifier, code, password: field(body, 'password') },
          clientInfo(request),
        );
        if (outcome.status === 'ok') return await reply.redirect('/sign-in?reset=1', 303);
        return await page([{ field: 'code', message: codeRefusal(t, outcome) }]);
      } catch (error: unknown) {
        const problem = formErrorsOf(error);
        if (problem === undefined) throw error;
        return page(toFormErrors(t, problem.fieldErrors));
      }
    },
  );
};
