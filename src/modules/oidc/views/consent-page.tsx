// "Share your details with <service>?": the scopes a relying party asks for, in plain words, with the CNIC
// as a separate, unticked choice. Allow and Deny are both form posts carrying the CSRF token.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export type ConsentScope = 'openid' | 'profile' | 'phone' | 'email' | 'applications';

export interface ConsentPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly uid: string;
  readonly clientName: string;
  readonly personName: string;
  /** Scopes other than the CNIC, in the order to list them. */
  readonly scopes: readonly ConsentScope[];
  /** The service asks for the CNIC: offer the separate checkbox. */
  readonly asksForCnic: boolean;
}

const SCOPE_TEXT = {
  openid: 'oidc.consent.scope.openid',
  profile: 'oidc.consent.scope.profile',
  phone: 'oidc.consent.scope.phone',
  email: 'oidc.consent.scope.email',
  applications: 'oidc.consent.scope.applications',
} as const;

export function ConsentPage(props: ConsentPageProps) {
  const { t, uid, clientName } = props;
  const title = t.t('oidc.consent.title', { client: clientName });
  const action = `/oidc/interaction/${encodeURIComponent(uid)}`;
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('oidc.consent.lead', { client: clientName })}</p>
        <p>{t.t('oidc.consent.signedInAs', { name: props.personName })}</p>
        <form method="post" action={`${action}/confirm`} class="stack">
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <h2 class="heading-m">{t.t('oidc.consent.willReceive', { client: clientName })}</h2>
          <ul class="list list--bullet">
            {props.scopes.map((scope) => (
              <li key={scope}>{t.t(SCOPE_TEXT[scope])}</li>
            ))}
          </ul>
          {props.asksForCnic && (
            <div class="field">
              <p class="hint" id="share-cnic-hint">
                {t.t('oidc.consent.cnicHint', { client: clientName })}
              </p>
              <input
                type="checkbox"
                id="share-cnic"
                name="shareCnic"
                value="yes"
                aria-describedby="share-cnic-hint"
              />{' '}
              <label for="share-cnic">{t.t('oidc.consent.cnicLabel')}</label>
            </div>
          )}
          <p class="body-s">{t.t('oidc.consent.revokeHint')}</p>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('oidc.consent.allow')}
            </button>
            <button type="submit" class="button button--secondary" formaction={`${action}/deny`}>
              {t.t('oidc.consent.deny')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
