// The provider's own pages: its error page and "you have signed out" (rendered inside oidc-provider), and
// "sign out of Sahulat?" (a Fastify page, for the CSRF token), in our design system and both languages
// instead of the library's defaults, which carry inline styles.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Layout } from '../../../platform/views/layout.tsx';

/** Pages rendered inside oidc-provider have no Fastify reply, so no header sign-in place (it needs a CSRF token). */
const NO_HEADER_ACTIONS = <></>;

export interface ProviderErrorPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly error: string;
  readonly description: string | undefined;
}

export function ProviderErrorPage({ t, currentPath, error, description }: ProviderErrorPageProps) {
  const title = t.t('oidc.error.title');
  return (
    <Layout t={t} title={title} currentPath={currentPath} headerActions={NO_HEADER_ACTIONS}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('oidc.error.body')}</p>
        <h2 class="heading-s">{t.t('oidc.error.details')}</h2>
        {/* oidc-provider's own words, for the relying party's developers: English by design. */}
        <p lang="en" dir="ltr">
          <code>{error}</code>
          {description !== undefined && description !== '' && `: ${description}`}
        </p>
        <p>
          <a href="/">{t.t('oidc.error.home')}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface LogoutPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly clientName: string | undefined;
  /** oidc-provider's own anti-forgery value for its confirm endpoint. */
  readonly xsrf: string;
  /** Where "No" posts (the provider's confirm endpoint). */
  readonly providerConfirmPath: string;
  /** Where "Yes" posts: our route that also ends the Sahulat session, then hands over to the provider. */
  readonly signOutPath: string;
  readonly csrfToken: string;
}

export function LogoutPage(props: LogoutPageProps) {
  const { t, clientName } = props;
  const title = t.t('oidc.logout.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">
          {clientName === undefined
            ? t.t('oidc.logout.body')
            : t.t('oidc.logout.bodyWithClient', { client: clientName })}
        </p>
        <form method="post" action={props.signOutPath} class="stack">
          <input type="hidden" name="xsrf" value={props.xsrf} />
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <div class="button-group">
            <button type="submit" class="button" name="logout" value="yes">
              {t.t('oidc.logout.yes')}
            </button>
            <button type="submit" class="button button--secondary" formaction={props.providerConfirmPath}>
              {t.t('oidc.logout.no')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function LoggedOutPage(props: { t: Translator; currentPath: string; clientName: string | undefined }) {
  const { t, clientName } = props;
  const title = t.t('oidc.loggedOut.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath} headerActions={NO_HEADER_ACTIONS}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">
          {clientName === undefined
            ? t.t('oidc.loggedOut.body')
            : t.t('oidc.loggedOut.bodyWithClient', { client: clientName })}
        </p>
        <p>
          <a href="/">{t.t('oidc.error.home')}</a>
        </p>
      </div>
    </Layout>
  );
}
