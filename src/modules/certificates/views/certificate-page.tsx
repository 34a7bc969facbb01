// An approver's page for one certificate: what it is, its status and history, and the form to suspend,
// reinstate or revoke it with a reason.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { CertificateEventRow, CertificateRow } from '../repo.ts';
import type { StatusAction } from '../status.ts';

export const certificatePath = (code: string) => `/certificates/${code}`;

export interface CertificatePageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly certificate: CertificateRow;
  readonly shortCode: string;
  readonly events: readonly CertificateEventRow[];
  readonly actions: readonly StatusAction[];
  readonly values: { readonly action: string; readonly reason: string };
  readonly errors: readonly FormError[];
}

const TONE = { valid: 'green', suspended: 'yellow', revoked: 'red' } as const;

function StatusForm(props: CertificatePageProps) {
  const { t, csrfToken, shortCode, actions, values, errors } = props;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const actionError = errorFor('action');
  const reasonError = errorFor('reason');
  if (actions.length === 0) return <p>{t.t('certificates.manage.final')}</p>;
  return (
    <form method="post" action={`${certificatePath(shortCode)}/status`} novalidate class="stack">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      <fieldset
        class={actionError === undefined ? 'field' : 'field field--error'}
        aria-describedby={actionError === undefined ? undefined : 'action-error'}
      >
        <legend class="label">{t.t('certificates.manage.actionLabel')}</legend>
        {actionError !== undefined && (
          <p class="error-message" id="action-error">
            <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
            {actionError}
          </p>
        )}
        {actions.map((action, index) => (
          <div key={action}>
            <input
              type="radio"
              name="action"
              id={index === 0 ? 'action' : `action-${action}`}
              value={action}
              checked={values.action === action}
            />{' '}
            <label for={index === 0 ? 'action' : `action-${action}`}>
              {t.t(`certificates.manage.${action}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <div class={reasonError === undefined ? 'field' : 'field field--error'}>
        <label class="label" for="reason">
          {t.t('certificates.manage.reasonLabel')}
        </label>
        <p class="hint" id="reason-hint">
          {t.t('certificates.manage.reasonHint')}
        </p>
        {reasonError !== undefined && (
          <p class="error-message" id="reason-error">
            <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
            {reasonError}
          </p>
        )}
        <textarea
          class="textarea"
          id="reason"
          name="reason"
          rows={3}
          aria-describedby={reasonError === undefined ? 'reason-hint' : 'reason-hint reason-error'}
          aria-invalid={reasonError === undefined ? undefined : 'true'}
        >
          {values.reason}
        </textarea>
      </div>
      <div class="button-group">
        <button type="submit" class="button button--warning">
          {t.t('certificates.manage.submit')}
        </button>
      </div>
    </form>
  );
}

export function CertificatePage(props: CertificatePageProps) {
  const { t, currentPath, certificate, shortCode, events, errors } = props;
  const title = t.t('certificates.manage.title');
  return (
    <Layout t={t} title={title} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <dl class="summary-list">
          <dt>{t.t('certificates.manage.type')}</dt>
          <dd>
            <Bdi>{certificate.certificate_type}</Bdi>
          </dd>
          <dt>{t.t('certificates.fact.applicationNumber')}</dt>
          <dd>
            <Bdi>{certificate.application_number}</Bdi>
          </dd>
          <dt>{t.t('certificates.verify.issuedOn')}</dt>
          <dd>
            <Bdi dir="auto">{t.formatDate(certificate.issued_at)}</Bdi>
          </dd>
          <dt>{t.t('certificates.manage.status')}</dt>
          <dd>
            <span class={`tag tag--${TONE[certificate.status]}`}>
              {t.t(`certificates.status.${certificate.status}`)}
            </span>
          </dd>
          <dt>{t.t('certificates.manage.logIndex')}</dt>
          <dd>
            <Bdi>{String(certificate.log_index)}</Bdi>
          </dd>
        </dl>
        <p>
          <a href={`/verify?c=${shortCode}`}>{t.t('certificates.manage.verifyLink')}</a>
        </p>
        <h2>{t.t('certificates.manage.historyHeading')}</h2>
        <ul class="list">
          {events.map((event) => (
            <li key={event.id}>
              <Bdi dir="auto">{t.formatDate(event.occurred_at)}</Bdi> —{' '}
              {t.t(`certificates.event.${event.action}`)} ({event.actor_label})
              {event.reason !== null && <>: {event.reason}</>}
            </li>
          ))}
        </ul>
        <h2>{t.t('certificates.manage.changeHeading')}</h2>
        <StatusForm {...props} />
      </div>
    </Layout>
  );
}
