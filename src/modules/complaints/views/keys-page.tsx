// /admin/open311/keys: the Open311 API keys issued to registered apps; a new key is shown once.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ApiKeyRow } from '../open311/repo.ts';
import { errorFor } from './controls.tsx';

export const KEYS_PATH = '/admin/open311/keys';

export function KeysPage(props: {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly keys: readonly ApiKeyRow[];
  readonly values: { readonly appName: string; readonly contactEmail: string };
  readonly errors: readonly FormError[];
}) {
  const { t, csrfToken, keys, values, errors } = props;
  const title = t.t('open311.keys.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">{t.t('open311.keys.lead')}</p>
        {keys.length === 0 ? (
          <p>{t.t('open311.keys.empty')}</p>
        ) : (
          <div class="table-container">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.t('open311.keys.appName')}</th>
                  <th scope="col">{t.t('open311.keys.prefix')}</th>
                  <th scope="col">{t.t('open311.keys.created')}</th>
                  <th scope="col">{t.t('open311.keys.status')}</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>
                      {key.app_name}
                      <br />
                      <Bdi>{key.contact_email}</Bdi>
                    </td>
                    <td>
                      <Bdi>{key.key_prefix}…</Bdi>
                    </td>
                    <td>
                      <Bdi dir="auto">{t.formatDate(key.created_at)}</Bdi>
                    </td>
                    <td>
                      {key.revoked_at === null ? (
                        <form method="post" action={`${KEYS_PATH}/${key.id}/revoke`}>
                          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                          <strong class="tag tag--green">{t.t('open311.keys.active')}</strong>{' '}
                          <button type="submit" class="button button--warning">
                            {t.t('open311.keys.revoke')}
                            <span class="visually-hidden"> {key.app_name}</span>
                          </button>
                        </form>
                      ) : (
                        <strong class="tag tag--grey">{t.t('open311.keys.revoked')}</strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action={KEYS_PATH} novalidate class="stack">
          <h2>{t.t('open311.keys.issue')}</h2>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="appName"
            label={t.t('open311.keys.appName')}
            value={values.appName}
            error={errorFor(errors, 'appName')}
          />
          <TextField
            t={t}
            id="contactEmail"
            type="email"
            label={t.t('open311.keys.contactEmail')}
            value={values.contactEmail}
            error={errorFor(errors, 'contactEmail')}
            dir="ltr"
            spellcheck={false}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('open311.keys.issue')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function KeyIssuedPage(props: {
  readonly t: Translator;
  readonly currentPath: string;
  readonly appName: string;
  readonly apiKey: string;
}) {
  const { t } = props;
  const title = t.t('open311.keys.issued', { app: props.appName });
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="notice notice--warning">{t.t('open311.keys.copyNow')}</p>
        <dl class="summary-list">
          <dt>{t.t('open311.keys.key')}</dt>
          <dd>
            <code dir="ltr">{props.apiKey}</code>
          </dd>
        </dl>
        <p>
          <a href={KEYS_PATH}>{t.t('open311.keys.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
