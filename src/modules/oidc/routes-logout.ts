// RP-initiated logout. The provider sends the person here to confirm; "Yes" ends the Sahulat session too
// (signing out of the provider while staying signed in to Sahulat would sign them straight back in), then
// hands the same form to the provider's confirm endpoint with a 307, which keeps the method and body.
import type { FastifyPluginAsync } from 'fastify';
import { clearSessionCookie, clientInfo } from '../identity/session-hook.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { LOGOUT_PAGE_PATH, OIDC_PREFIX } from './provider.ts';
import type { OidcRuntime } from './runtime.ts';
import { LogoutPage } from './views/provider-pages.tsx';

const PROVIDER_CONFIRM_PATH = `${OIDC_PREFIX}/session/end/confirm`;

interface LogoutState {
  readonly secret?: unknown;
  readonly clientId?: unknown;
}

export const logoutRoutes: FastifyPluginAsync<{ runtime: OidcRuntime; services: Services }> = async (
  app,
  { runtime, services },
) => {
  app.get(LOGOUT_PAGE_PATH, async (request, reply) => {
    const provider = runtime.current();
    const session = await provider.Session.get(provider.createContext(request.raw, reply.raw));
    const state = (session.state ?? {}) as LogoutState;
    // Nothing pending (an old bookmark, a second tab): there is no sign-out to confirm.
    if (typeof state.secret !== 'string') return reply.redirect('/', 303);
    const client =
      typeof state.clientId === 'string' ? await provider.Client.find(state.clientId) : undefined;
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      LogoutPage({
        t: request.t,
        currentPath: request.url,
        clientName: client?.clientName,
        xsrf: state.secret,
        providerConfirmPath: PROVIDER_CONFIRM_PATH,
        signOutPath: LOGOUT_PAGE_PATH,
        csrfToken: reply.generateCsrf(),
      }),
    );
  });

  app.post(LOGOUT_PAGE_PATH, async (request, reply) => {
    const session = request.session;
    if (session !== null && request.actor.kind === 'user') {
      await services.identity.endSession(request.actor, session.session.id, clientInfo(request));
    }
    clearSessionCookie(request, reply);
    return reply.redirect(PROVIDER_CONFIRM_PATH, 307);
  });
};
