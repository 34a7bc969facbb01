// One subscription: what it receives, disable or enable, a new secret, and its recent deliveries with every
// attempt's status code.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { SubscriptionRow } from '../repo.ts';
import type { DeliveryView } from '../service.ts';
import { StatusTag, WEBHOOKS_PATH, eventLabel } from './list-page.tsx';

const STATUS_TAG = { pending: 'tag--yellow', delivered: 'tag--green', failed: 'tag--red' } as const;

function DeliveryTable({ t, deliveries }: { t: Translator; deliveries: readonly DeliveryView[] }) {
  if (deliveries.length === 0) return <p>{t.t('webhooks.noDeliveries')}</p>;
  return (
    <div class="table-container" tabindex={0} role="region" aria-label={t.t('webhooks.deliveriesHeading')}>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.t('webhooks.delivery.created')}</th>
            <th scope="col">{t.t('webhooks.delivery.event')}</th>
            <th scope="col">{t.t('webhooks.delivery.status')}</th>
            <th scope="col">{t.t('webhooks.delivery.attempts')}</th>
            <th scope="col">{t.t('webhooks.delivery.next')}</th>
            <th scope="col">{t.t('webhooks.delivery.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                <Bdi dir="auto">{t.formatDateTime(delivery.created_at)}</Bdi>
              </td>
              <td>
                {eventLabel(t, delivery.event_type)}
                <br />
                <code dir="ltr">{delivery.event_id}</code>
              </td>
              <td>
                <span class={`tag ${STATUS_TAG[delivery.status]}`}>
                  {t.t(`webhooks.deliveryStatus.${delivery.status}` as MessageKey)}
                </span>
              </td>
              <td dir="ltr">
                {delivery.attemptList.length === 0
                  ? '—'
                  : delivery.attemptList
                      .map(
                        (attempt) =>
                          `${attempt.status_code ?? t.t('webhooks.noAnswer')} (${attempt.duration_ms} ms)`,
                      )
                      .join(' · ')}
              </td>
              <td>
                {delivery.status === 'pending' ? (
                  <Bdi dir="auto">{t.formatDateTime(delivery.next_attempt_at)}</Bdi>
                ) : (
                  '—'
                )}
              </td>
              <td dir="ltr">{delivery.last_error ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SubscriptionPage(props: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  subscription: SubscriptionRow;
  departmentName: string;
  deliveries: readonly DeliveryView[];
}) {
  const { t, subscription } = props;
  const base = `${WEBHOOKS_PATH}/${subscription.id}`;
  return (
    <Layout t={t} title={subscription.name} currentPath={props.currentPath}>
      <div class="stack">
        <p>
          <a href={WEBHOOKS_PATH}>{t.t('webhooks.back')}</a>
        </p>
        <h1>{subscription.name}</h1>
        <dl class="summary-list">
          <dt>{t.t('webhooks.url')}</dt>
          <dd dir="ltr">{subscription.url}</dd>
          <dt>{t.t('webhooks.events')}</dt>
          <dd>{subscription.events.map((type) => eventLabel(t, type)).join(', ')}</dd>
          <dt>{t.t('webhooks.department')}</dt>
          <dd>{props.departmentName}</dd>
          <dt>{t.t('webhooks.status')}</dt>
          <dd>
            <StatusTag t={t} enabled={subscription.enabled} />
          </dd>
          <dt>{t.t('webhooks.created')}</dt>
          <dd>
            <Bdi dir="auto">{t.formatDateTime(subscription.created_at)}</Bdi>
          </dd>
        </dl>
        <form method="post" action={`${base}/enabled`} class="stack stack--s">
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <input type="hidden" name="enabled" value={subscription.enabled ? 'no' : 'yes'} />
          <p class="hint">{t.t('webhooks.disableHint')}</p>
          <div class="button-group">
            <button type="submit" class={subscription.enabled ? 'button button--warning' : 'button'}>
              {subscription.enabled ? t.t('webhooks.disable') : t.t('webhooks.enable')}
            </button>
          </div>
        </form>
        <form method="post" action={`${base}/rotate`} class="stack stack--s">
          <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
          <p class="hint">{t.t('webhooks.rotateHint')}</p>
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('webhooks.rotate')}
            </button>
          </div>
        </form>
        <h2>{t.t('webhooks.deliveriesHeading')}</h2>
        <DeliveryTable t={t} deliveries={props.deliveries} />
      </div>
    </Layout>
  );
}
