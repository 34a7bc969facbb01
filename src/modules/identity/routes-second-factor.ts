// The officers' second step: enrol an authenticator at first sign-in, then a code at every sign-in.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { otpauthUri, qrCodeDataUrl, formatSecretForDisplay } from './credentials/totp.ts';
import { clearSessionCookie, clientInfo, safeNext } from './session-hook.ts';
import { RecoveryCodesPage, SecondFactorPage, TotpSetupPage } from './views/second-factor-pages.tsx';

type Form = Record<string, string | undefined>;
const nextOf = (request: FastifyRequest) =>
  safeNext(
    ((request.method === 'GET' ? request.query : request.body) as Form | undefined)?.['next'],
    '/account',
  );

export const secondFactorRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;
  const setupPage = async (
    request: FastifyRequest,
    csrfToken: string,
    errors: { field: string; message: string }[],
  ) => {
    const account = await identity.pendingSecondFactor(request.session);
    const secret = await identity.enrolmentSecret(account);
    const label = account.email ?? account.fullName;
    return TotpSetupPage({
      t: request.t,
      currentPath: request.url,
      csrfToken,
      next: nextOf(request),
      errors,
      qrDataUrl: await qrCodeDataUrl(otpauthUri(secret, label)),
      secretForDisplay: formatSecretForDisplay(secret),
    });
  };

  app.get('/sign-in/totp-setup', async (request, reply) => {
    const account = await identity.pendingSecondFactor(request.session);
    if (account.totpEnrolledAt !== null)
      return reply.redirect(`/sign-in/second-factor?next=${encodeURIComponent(nextOf(request))}`);
    return sendPage(reply, await setupPage(request, reply.generateCsrf(), []));
  });

  app.post('/sign-in/totp-setup', async (request, reply) => {
    const account = await identity.pendingSecondFactor(request.session);
    const code = ((request.body as Form | undefined)?.['code'] ?? '').trim();
    const session = request.session;
    const codes =
      session === null ? null : await identity.confirmEnrolment(session, account, code, clientInfo(request));
    if (codes === null) {
      const message = request.t.t(code === '' ? 'mfa.codeRequired' : 'mfa.wrong');
      return sendPage(
        reply,
        await setupPage(request, reply.generateCsrf(), [{ field: 'code', message }]),
        400,
      );
    }
    return sendPage(
      reply,
      RecoveryCodesPage({ t: request.t, currentPath: request.url, next: nextOf(request), codes }),
    );
  });

  app.get('/sign-in/second-factor', async (request, reply) => {
    const account = await identity.pendingSecondFactor(request.session);
    if (account.totpEnrolledAt === null)
      return reply.redirect(`/sign-in/totp-setup?next=${encodeURIComponent(nextOf(request))}`);
    return sendPage(
      reply,
      SecondFactorPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        next: nextOf(request),
      }),
    );
  });

  app.post('/sign-in/second-factor', async (request, reply) => {
    const account = await identity.pendingSecondFactor(request.session);
    const session = request.session;
    const code = ((request.body as Form | undefined)?.['code'] ?? '').trim();
    const next = nextOf(request);
    const result =
      session === null || code === ''
        ? 'wrong'
        : await identity.checkSecondFactor(session, account, code, clientInfo(request));
    if (result === 'ok') return reply.redirect(next, 303);
    if (result === 'too_many') {
      clearSessionCookie(request, reply);
      return reply.redirect('/sign-in', 303);
    }
    const message = request.t.t(code === '' ? 'mfa.codeRequired' : 'mfa.wrong');
    return sendPage(
      reply,
      SecondFactorPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        next,
        errors: [{ field: 'code', message }],
      }),
      400,
    );
  });
};
