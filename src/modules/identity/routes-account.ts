// "Your account": details, where you are signed in (with sign-out per device and everywhere), your data.
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { clearSessionCookie, clientInfo } from './session-hook.ts';
import { AccountPage } from './views/account-page.tsx';

const NOTICES = { ended: 'account.sessionEnded', contact: 'contacts.changed' } as const;

export const accountRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  app.get('/account', async (request, reply) => {
    const overview = await identity.accountOverview(request.actor);
    const notice = (request.query as Record<string, string | undefined>)['notice'];
    return sendPage(
      reply,
      AccountPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        overview,
        currentSessionId: request.session?.session.id ?? '',
        ...(notice === 'ended' || notice === 'contact' ? { notice: request.t.t(NOTICES[notice]) } : {}),
      }),
    );
  });

  app.get('/account/data.json', async (request, reply) => {
    const data = await identity.exportPersonalData(request.actor);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="sahulat-my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post<{ Params: { id: string } }>('/account/sessions/:id/end', async (request, reply) => {
    if (!/^[0-9a-f-]{36}$/.test(request.params.id)) throw new AppError('not_found', 'No such session');
    await identity.endSession(request.actor, request.params.id, clientInfo(request));
    return reply.redirect('/account?notice=ended', 303);
  });

  app.post('/account/sessions/end-all', async (request, reply) => {
    await identity.endAllSessions(request.actor, clientInfo(request));
    clearSessionCookie(request, reply);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
