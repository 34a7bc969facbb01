// "Your account": details, where you are signed in (with sign-out per device and everywhere), your data.
import type { FastifyPluginAsync } from 'fastify';
import { type Actor, hasProvinceRole, hasRole } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { clearSessionCookie, clientInfo } from './session-hook.ts';
import { AccountPage } from './views/account-page.tsx';

const NOTICES = {
  ended: 'account.sessionEnded',
  contact: 'contacts.changed',
  app: 'account.appRevoked',
} as const;

/** Links to the administration pages the actor's roles open (each page checks again in its service). */
function adminLinksFor(actor: Actor): { href: string; key: MessageKey }[] {
  const links: { href: string; key: MessageKey }[] = [];
  const provinceAdmin = hasProvinceRole(actor, 'platform_admin');
  if (provinceAdmin || hasProvinceRole(actor, 'auditor') || hasRole(actor, 'department_admin')) {
    links.push({ href: '/admin/staff', key: 'staff.title' });
  }
  if (provinceAdmin || hasProvinceRole(actor, 'auditor'))
    links.push({ href: '/admin/audit', key: 'audit.title' });
  if (provinceAdmin) links.push({ href: '/admin/oidc/clients', key: 'account.oidcClients' });
  if (hasRole(actor, 'operator')) links.push({ href: '/counter', key: 'counter.title' });
  if (provinceAdmin || hasRole(actor, 'department_admin')) links.push({ href: '/kiosk', key: 'kiosk.title' });
  if (provinceAdmin) {
    links.push({ href: '/admin/services', key: 'services.admin.title' });
    links.push({ href: '/admin/holidays', key: 'calendar.admin.title' });
    links.push({ href: '/admin/open311/keys', key: 'open311.keys.title' });
  }
  if (provinceAdmin || hasRole(actor, 'department_admin'))
    links.push({ href: '/admin/webhooks', key: 'webhooks.title' });
  if (hasRole(actor, 'grievance_officer') || hasRole(actor, 'field_officer'))
    links.push({ href: '/complaints/inbox', key: 'complaints.inbox.title' });
  if (hasRole(actor, 'finance_officer')) {
    links.push({ href: '/finance/reconciliation', key: 'payments.reconciliation.title' });
    links.push({ href: '/finance/collections', key: 'payments.collections.title' });
  }
  if (hasRole(actor, 'integrity_officer')) links.push({ href: '/integrity/cases', key: 'integrity.title' });
  return links;
}

export const accountRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { identity } = services;

  app.get('/account', async (request, reply) => {
    const overview = await identity.accountOverview(request.actor);
    const connectedApps = await services.oidc.connectedApps(request.actor, overview.account.id);
    const notice = (request.query as Record<string, string | undefined>)['notice'];
    return sendPage(
      reply,
      AccountPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        overview,
        connectedApps,
        adminLinks: adminLinksFor(request.actor).map(({ href, key }) => ({ href, label: request.t.t(key) })),
        currentSessionId: request.session?.session.id ?? '',
        ...(notice === 'ended' || notice === 'contact' || notice === 'app'
          ? { notice: request.t.t(NOTICES[notice]) }
          : {}),
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

  app.post('/account/apps/revoke', async (request, reply) => {
    const clientId = ((request.body ?? {}) as Record<string, string | undefined>)['clientId'] ?? '';
    const overview = await identity.accountOverview(request.actor);
    await services.oidc.revokeApp(request.actor, overview.account.id, clientId);
    return reply.redirect('/account?notice=app', 303);
  });

  app.post('/account/sessions/end-all', async (request, reply) => {
    await identity.endAllSessions(request.actor, clientInfo(request));
    clearSessionCookie(request, reply);
    return reply.redirect('/sign-in?signedOut=1', 303);
  });
};
