// Administrators' page of webhook subscriptions: the list, and the form to add one (kept as typed when it
// has errors). Works without JavaScript; the secret is shown on the next page only.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import {
  Bdi,
  ErrorSummary,
  type FormError,
  SelectField,
  TextField,
} from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { WEBHOOK_EVENT_TYPES } from '../events.ts';
import type { SubscriptionRow } from '../repo.ts';

export const WEBHOOKS_PATH = '/admin/webhooks';

export interface SubscriptionFormValues {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly department: string;
}

export const EMPTY_SUBSCRIPTION: SubscriptionFormValues = { name: '', url: '', events: [], department: '' };

export const eventLabel = (t: Translator, type: string) => t.t(`webhooks.event.${type}` as MessageKey);

export function StatusTag({ t, enabled }: { t: Translator; enabled: boolean }) {
  return enabled ? (
    <span class="tag tag--green">{t.t('webhooks.enabled')}</span>
  ) : (
    <span class="tag tag--grey">{t.t('webhooks.disabled')}</span>
  );
}

function SubscriptionTable(props: {
  t: Translator;
  subscriptions: readonly SubscriptionRow[];
  departmentName: (code: string | null) => string;
}) {
  const { t } = props;
  if (props.subscriptions.length === 0) return <p>{t.t('webhooks.none')}</p>;
  return (
    <div class="table-container" tabindex={0} role="region" aria-label={t.t('webhooks.listHeading')}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.t('webhooks.name')}</th>
            <th scope="col">{t.t('webhooks.url')}</th>
            <th scope="col">{t.t('webhooks.events')}</th>
            <th scope="col">{t.t('webhooks.department')}</th>
            <th scope="col">{t.t('webhooks.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.subscriptions.map((subscription) => (
            <tr key={subscription.id}>
              <td>
                <a href={`${WEBHOOKS_PATH}/${subscription.id}`}>{subscription.name}</a>
              </td>
              <td dir="ltr">{subscription.url}</td>
              <td>{subscription.events.map((type) => eventLabel(t, type)).join(', ')}</td>
              <td>{props.departmentName(subscription.department_code)}</td>
              <td>
                <StatusTag t={t} enabled={subscription.enabled} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface WebhooksPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly subscriptions: readonly SubscriptionRow[];
  /** The departments the form offers; `allowAll` adds "all departments". */
  readonly departments: readonly { value: string; label: string }[];
  readonly allowAll: boolean;
  readonly departmentName: (code: string | null) => string;
  readonly values: SubscriptionFormValues;
  readonly errors: readonly FormError[];
}

export function WebhooksPage(props: WebhooksPageProps) {
  const { t, values, errors } = props;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const eventsError = errorFor('events');
  const title = t.t('webhooks.title');
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={props.currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">{t.t('webhooks.lead')}</p>
        <p>
          <a href="/api/docs#webhooks">{t.t('webhooks.apiDocsLink')}</a>
        </p>
        <h2>{t.t('webhooks.listHeading')}</h2>
        <SubscriptionTable t={t} subscriptions={props.subscriptions} departmentName={props.departmentName} />
        <h2>{t.t('webhooks.addHeading')}</h2>
        <form method="post" action={WEBHOOKS_PATH} novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <TextField
            t={t}
            id="name"
            label={t.t('webhooks.nameLabel')}
            value={values.name}
            error={errorFor('name')}
          />
          <TextField
            t={t}
            id="url"
            type="url"
            label={t.t('webhooks.urlLabel')}
            hint={t.t('webhooks.urlHint')}
            value={values.url}
            dir="ltr"
            spellcheck={false}
            error={errorFor('url')}
          />
          <fieldset class={eventsError === undefined ? 'field' : 'field field--error'} id="events">
            <legend class="label">{t.t('webhooks.eventsLegend')}</legend>
            {eventsError !== undefined && <p class="error-message">{eventsError}</p>}
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <div key={type}>
                <input
                  type="checkbox"
                  id={`event-${type}`}
                  name="events"
                  value={type}
                  checked={values.events.includes(type)}
                />{' '}
                <label for={`event-${type}`}>
                  {eventLabel(t, type)} (<code dir="ltr">{type}</code>)
                </label>
              </div>
            ))}
          </fieldset>
          <SelectField
            t={t}
            id="department"
            label={t.t('webhooks.departmentLabel')}
            hint={props.allowAll ? t.t('webhooks.departmentHint') : t.t('webhooks.departmentOwnHint')}
            options={props.departments}
            value={values.department}
            {...(props.allowAll ? { placeholder: t.t('webhooks.allDepartments') } : {})}
            error={errorFor('department')}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('webhooks.submit')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** The secret, this once: after adding a subscription or rotating its secret. */
export function SecretPage(props: {
  t: Translator;
  currentPath: string;
  title: string;
  subscriptionId: string;
  secret: string;
  previousUntil?: Date;
}) {
  const { t } = props;
  return (
    <Layout t={t} title={props.title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{props.title}</h1>
        <p class="notice notice--warning">{t.t('webhooks.secretWarning')}</p>
        <dl class="summary-list">
          <dt>{t.t('webhooks.secret')}</dt>
          <dd>
            <code dir="ltr">{props.secret}</code>
          </dd>
          {props.previousUntil !== undefined && (
            <>
              <dt>{t.t('webhooks.previousUntil')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDateTime(props.previousUntil)}</Bdi>
              </dd>
            </>
          )}
        </dl>
        <p>{t.t('webhooks.verifyHint')}</p>
        <p>
          <a href={`${WEBHOOKS_PATH}/${props.subscriptionId}`}>{t.t('webhooks.view')}</a>
        </p>
      </div>
    </Layout>
  );
}
