// Administrators' page: the services registered to sign people in with Sahulat, and a form to add one.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { SUPPORTED_SCOPES } from '../clients.ts';
import type { ClientSummary } from '../service.ts';

export const ADMIN_CLIENTS_PATH = '/admin/oidc/clients';

export interface ClientFormValues {
  readonly name: string;
  readonly redirectUris: string;
  readonly postLogoutRedirectUris: string;
  readonly scopes: readonly string[];
  readonly governmentInternal: boolean;
}

export const EMPTY_FORM: ClientFormValues = {
  name: '',
  redirectUris: '',
  postLogoutRedirectUris: '',
  scopes: ['openid', 'profile'],
  governmentInternal: false,
};

function ClientTable({ t, clients }: { t: Translator; clients: readonly ClientSummary[] }) {
  if (clients.length === 0) return <p>{t.t('oidc.admin.none')}</p>;
  return (
    <div class="table-container" tabindex={0} role="region" aria-label={t.t('oidc.admin.listHeading')}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.t('oidc.admin.name')}</th>
            <th scope="col">{t.t('oidc.admin.clientId')}</th>
            <th scope="col">{t.t('oidc.admin.redirectUris')}</th>
            <th scope="col">{t.t('oidc.admin.scopes')}</th>
            <th scope="col">{t.t('oidc.admin.subject')}</th>
            <th scope="col">{t.t('oidc.admin.registered')}</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.clientId}>
              <td>
                {client.name}
                {client.disabledAt !== null && (
                  <span class="tag tag--grey">{t.t('oidc.admin.disabled')}</span>
                )}
              </td>
              <td>
                <code dir="ltr">{client.clientId}</code>
              </td>
              <td dir="ltr">
                {client.redirectUris.map((uri) => (
                  <div key={uri}>{uri}</div>
                ))}
              </td>
              <td dir="ltr">{client.scopes.join(' ')}</td>
              <td>
                {client.governmentInternal
                  ? t.t('oidc.admin.subjectPublic')
                  : t.t('oidc.admin.subjectPairwise')}
              </td>
              <td>
                <Bdi dir="auto">{t.formatDate(client.createdAt)}</Bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TextArea(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string | undefined;
}) {
  const hasError = props.error !== undefined;
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <div class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </div>
      {hasError && (
        <p class="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <textarea
        class="textarea"
        id={props.id}
        name={props.id}
        rows={3}
        dir="ltr"
        spellcheck={false}
        aria-describedby={hasError ? `${props.id}-hint ${props.id}-error` : `${props.id}-hint`}
        aria-invalid={hasError ? 'true' : undefined}
        value={props.value}
      />
    </div>
  );
}

export interface AdminClientsPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly clients: readonly ClientSummary[];
  readonly values: ClientFormValues;
  readonly errors: readonly FormError[];
}

export function AdminClientsPage({
  t,
  currentPath,
  csrfToken,
  clients,
  values,
  errors,
}: AdminClientsPageProps) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const title = t.t('oidc.admin.title');
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">{t.t('oidc.admin.lead')}</p>
        <h2>{t.t('oidc.admin.listHeading')}</h2>
        <ClientTable t={t} clients={clients} />
        <h2>{t.t('oidc.admin.registerHeading')}</h2>
        <form method="post" action={ADMIN_CLIENTS_PATH} novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="name"
            label={t.t('oidc.admin.nameLabel')}
            value={values.name}
            error={errorFor('name')}
          />
          <TextArea
            id="redirectUris"
            label={t.t('oidc.admin.redirectLabel')}
            hint={t.t('oidc.admin.redirectHint')}
            value={values.redirectUris}
            error={errorFor('redirectUris')}
          />
          <TextArea
            id="postLogoutRedirectUris"
            label={t.t('oidc.admin.logoutLabel')}
            hint={t.t('oidc.admin.logoutHint')}
            value={values.postLogoutRedirectUris}
            error={errorFor('postLogoutRedirectUris')}
          />
          <fieldset class={errorFor('scopes') === undefined ? 'field' : 'field field--error'} id="scopes">
            <legend class="label">{t.t('oidc.admin.scopesLegend')}</legend>
            {errorFor('scopes') !== undefined && <p class="error-message">{errorFor('scopes')}</p>}
            {SUPPORTED_SCOPES.map((scope) => (
              <div key={scope}>
                <input
                  type="checkbox"
                  id={`scope-${scope}`}
                  name="scopes"
                  value={scope}
                  checked={values.scopes.includes(scope)}
                />{' '}
                <label for={`scope-${scope}`} dir="ltr">
                  {scope}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <input
              type="checkbox"
              id="governmentInternal"
              name="governmentInternal"
              value="yes"
              checked={values.governmentInternal}
              aria-describedby="governmentInternal-hint"
            />{' '}
            <label for="governmentInternal">{t.t('oidc.admin.governmentLabel')}</label>
            <p class="hint" id="governmentInternal-hint">
              {t.t('oidc.admin.governmentHint')}
            </p>
          </div>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('oidc.admin.submit')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function ClientCreatedPage(props: {
  t: Translator;
  currentPath: string;
  name: string;
  clientId: string;
  clientSecret: string;
}) {
  const { t } = props;
  const title = t.t('oidc.admin.createdTitle', { name: props.name });
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="notice notice--warning">{t.t('oidc.admin.secretWarning')}</p>
        <dl class="summary-list">
          <dt>{t.t('oidc.admin.clientId')}</dt>
          <dd>
            <code dir="ltr">{props.clientId}</code>
          </dd>
          <dt>{t.t('oidc.admin.clientSecret')}</dt>
          <dd>
            <code dir="ltr">{props.clientSecret}</code>
          </dd>
        </dl>
        <p>
          <a href={ADMIN_CLIENTS_PATH}>{t.t('oidc.admin.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
