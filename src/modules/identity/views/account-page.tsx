import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { AccountOverview } from '../account.ts';
import { displayMobile, formatCnic } from '../identifiers.ts';

export interface ConnectedAppView {
  readonly clientId: string;
  readonly clientName: string;
  readonly claims: readonly string[];
  readonly grantedAt: Date;
}

/** Administration pages this person may open (decided by the route from their roles). */
export interface AdminLink {
  readonly href: string;
  readonly label: string;
}

export interface AccountPageProps {
  readonly connectedApps: readonly ConnectedAppView[];
  readonly adminLinks: readonly AdminLink[];
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly overview: AccountOverview;
  readonly currentSessionId: string;
  readonly notice?: string;
}

export function AccountPage({
  t,
  currentPath,
  csrfToken,
  overview,
  currentSessionId,
  notice,
  connectedApps,
  adminLinks,
}: AccountPageProps) {
  const { account, sessions } = overview;
  const verified = (at: Date | null) => (
    <strong class={at === null ? 'tag tag--yellow' : 'tag tag--green'}>
      {t.t(at === null ? 'account.notVerified' : 'account.verified')}
    </strong>
  );
  return (
    <Layout t={t} title={t.t('account.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('account.title')}</h1>
        {notice !== undefined && <p class="notice">{notice}</p>}
        <section aria-labelledby="profile-heading" class="stack">
          <h2 id="profile-heading">{t.t('account.profile')}</h2>
          <dl class="summary-list">
            <dt>{t.t('account.name')}</dt>
            <dd>
              {account.fullName}
              {account.fullNameUr !== null && <span lang="ur"> ({account.fullNameUr})</span>}
            </dd>
            {account.cnic !== null && (
              <>
                <dt>{t.t('account.cnic')}</dt>
                <dd>
                  <Bdi>{formatCnic(account.cnic)}</Bdi>
                </dd>
              </>
            )}
            {account.mobile !== null && (
              <>
                <dt>{t.t('account.mobile')}</dt>
                <dd>
                  <Bdi>{displayMobile(account.mobile)}</Bdi> {verified(account.mobileVerifiedAt)}{' '}
                  <a href="/account/contacts/mobile">{t.t('contacts.changeMobile')}</a>
                </dd>
              </>
            )}
            {account.email !== null && (
              <>
                <dt>{t.t('account.email')}</dt>
                <dd>
                  <Bdi>{account.email}</Bdi> {verified(account.emailVerifiedAt)}{' '}
                  {account.emailVerifiedAt === null && (
                    <>
                      <a href="/verify/email">{t.t('verify.verifyNow')}</a>{' '}
                    </>
                  )}
                  <a href="/account/contacts/email">{t.t('contacts.changeEmail')}</a>
                </dd>
              </>
            )}
            {account.email === null && (
              <>
                <dt>{t.t('account.email')}</dt>
                <dd>
                  <a href="/account/contacts/email">{t.t('contacts.addEmail')}</a>
                </dd>
              </>
            )}
          </dl>
        </section>

        <section aria-labelledby="sessions-heading" class="stack">
          <h2 id="sessions-heading">{t.t('account.sessions')}</h2>
          <p>{t.t('account.sessionsIntro')}</p>
          <div class="table-container">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.t('account.device')}</th>
                  <th scope="col">{t.t('account.startedAt')}</th>
                  <th scope="col">{t.t('account.lastSeenAt')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t.t('account.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.id}>
                    <td>
                      <Bdi dir="auto">{describeDevice(session.userAgent, t)}</Bdi>
                      {session.ip !== null && (
                        <>
                          {' '}
                          <Bdi>{session.ip}</Bdi>
                        </>
                      )}
                      {session.id === currentSessionId && (
                        <strong class="tag">{t.t('account.thisDevice')}</strong>
                      )}
                    </td>
                    <td>{t.formatDateTime(session.createdAt)}</td>
                    <td>{t.formatDateTime(session.lastSeenAt)}</td>
                    <td>
                      {session.id !== currentSessionId && (
                        <form method="post" action={`/account/sessions/${session.id}/end`}>
                          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                          <button type="submit" class="button button--secondary">
                            {t.t('account.endSession')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action="/account/sessions/end-all">
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <button type="submit" class="button button--warning">
              {t.t('account.signOutEverywhere')}
            </button>
          </form>
        </section>

        {adminLinks.length > 0 && (
          <nav aria-labelledby="admin-heading" class="stack">
            <h2 id="admin-heading">{t.t('account.administration')}</h2>
            <ul class="list">
              {adminLinks.map((link) => (
                <li key={link.href}>
                  <a href={link.href}>{link.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}

        <section aria-labelledby="apps-heading" class="stack">
          <h2 id="apps-heading">{t.t('account.connectedApps')}</h2>
          {connectedApps.length === 0 ? (
            <p>{t.t('account.noConnectedApps')}</p>
          ) : (
            <ul class="list">
              {connectedApps.map((app) => (
                <li key={app.clientId} class="stack">
                  <strong>{app.clientName}</strong>
                  <span>
                    {t.t('account.appReceived')} <Bdi>{app.claims.join(', ')}</Bdi> (
                    {t.formatDate(app.grantedAt)})
                  </span>
                  <form method="post" action="/account/apps/revoke">
                    <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                    <input type="hidden" name="clientId" value={app.clientId} />
                    <button type="submit" class="button button--secondary">
                      {t.t('account.revokeApp')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="data-heading" class="stack">
          <h2 id="data-heading">{t.t('account.yourData')}</h2>
          <p>{t.t('account.yourDataIntro')}</p>
          <p>
            <a href="/account/data.json" download="sahulat-my-data.json">
              {t.t('account.downloadData')}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

/** A short, readable device description from the User-Agent, without a parsing library. */
function describeDevice(userAgent: string | null, t: Translator): string {
  if (userAgent === null || userAgent === '') return t.t('account.unknownDevice');
  const browser = /(Edg|OPR|Chrome|Firefox|Safari)\/[\d.]+/
    .exec(userAgent)?.[1]
    ?.replace('Edg', 'Edge')
    .replace('OPR', 'Opera');
  const system = /(Android|iPhone|iPad|Windows|Mac OS X|Linux)/
    .exec(userAgent)?.[1]
    ?.replace('Mac OS X', 'macOS');
  const parts = [browser, system].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : userAgent.slice(0, 60);
}
