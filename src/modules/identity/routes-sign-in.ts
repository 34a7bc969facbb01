// Sign-in and sign-out pages.
import type { FastifyPluginAsync } from 'fastify';
import type { FormError } from '../../platform/views/components.tsx';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { clearSessionCookie, clientInfo, safeNext, setSessionCookie } from './session-hook.ts';
import { SignInPage } from './views/sign-in-page.tsx';

type Form = Record<string, string | undefined>;

export const signInRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Form;
    const next = safeNext(query['next'], '/account');
    if (request.actor.kind === 'user') return reply.redirect(next);
    const notice =
      query['signedOut'] === '1'
        ? request.t.t('signIn.signedOut')
        : query['reset'] === '1'
          ? request.t.t('reset.done')
          : undefined;
    return sendPage(
      reply,
      SignInPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        next,
        ...(notice === undefined ? {} : { notice }),
      }),
    );
  });

  app.post(
    '/sign-in',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = (request.body ?? {}) as Form;
      const identifier = (form['identifier'] ?? '').trim();
      const password = form['password'] ?? '';
      const next = safeNext(form['next'], '/account');
      const t = request.t;
      const page = (errors: FormError[], status: number) =>
        sendPage(
          reply,
          SignInPage({
            t,
            currentPath: request.url,
            csrfToken: reply.generateCsrf(),
            next,
            identifier,
            errors,
          }),
          status,
        );

      const missing: FormError[] = [];
      if (identifier === '') missing.push({ field: 'identifier', message: t.t('signIn.identifierRequired') });
      if (password === '') missing.push({ field: 'password', message: t.t('signIn.passwordRequired') });
      if (missing.length > 0) return page(missing, 400);

      const result = await identity.signInWithPassword({ identifier, password }, clientInfo(request));
      if (result.outcome === 'invalid')
        return page([{ field: 'identifier', message: t.t('signIn.invalid') }], 401);
      if (result.outcome === 'disabled')
        return page([{ field: 'identifier', message: t.t('signIn.disabled') }], 403);
      if (result.outcome === 'locked') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
        return page([{ field: 'identifier', message: t.t('signIn.locked', { minutes }) }], 429);
      }

      const { account } = result;
      // A new session id at every sign-in; any earlier cookie on this browser is simply replaced.
      const { token } = await identity.sessions.create(account, clientInfo(request), false);
      setSessionCookie(request, reply, token);
      if (account.kind === 'staff') {
        const step = account.totpEnrolledAt === null ? '/sign-in/totp-setup' : '/sign-in/second-factor';
        return reply.redirect(`${step}?next=${encodeURIComponent(next)}`, 303);
      }
      if (account.mobileVerifiedAt === null) {
        return reply.redirect(`/verify/mobile?next=${encodeURIComponent(next)}`, 303);
      }
      return reply.redirect(next, 303);
    },
  );

  app.post('/sign-out', async (request, reply) => {
    const session = request.session;
    if (session !== null && request.actor.kind === 'user') {
      await identity.endSession(request.actor, session.session.id, clientInfo(request));
    } else if (session !== null) {
      await identity.sessions.end(session.session.userId, session.session.id); // still awaiting MFA
    }
    clearSessionCookie(request, reply);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
