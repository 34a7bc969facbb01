// The bill (what is owed, its heads of account, how to pay, its payments) and the printable payment slip.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { LocalText } from '../gateways/gateway.ts';
import type { BillStatus } from '../lifecycle.ts';
import { formatPsid } from '../psid.ts';
import type { BillHeadRow, BillRow, PaymentRow } from '../repo.ts';
import { BillStatusTag, Both, Money, PaymentStatusTag } from './parts.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';

const pick = (t: Translator, text: LocalText) => (t.locale.code === 'ur' ? text.ur : text.en);

export interface BillPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly bill: BillRow;
  readonly status: BillStatus;
  readonly heads: readonly BillHeadRow[];
  readonly payments: readonly PaymentRow[];
  readonly departmentName: (code: string) => string;
  /** Online gateways the viewer may pay through now (empty: not the payer, or nothing to pay). */
  readonly gateways: readonly { id: string; name: LocalText }[];
  /** Finance officers get a link to each successful payment's refunds. */
  readonly canRefund: boolean;
  readonly errors?: readonly FormError[];
}

function BillSummary({
  t,
  bill,
  status,
  departmentName,
}: Pick<BillPageProps, 't' | 'bill' | 'status' | 'departmentName'>) {
  return (
    <dl class="summary-list">
      <dt>{t.t('payments.for')}</dt>
      <dd>
        {t.locale.code === 'ur' ? bill.description_ur : bill.description_en} (<Bdi>{bill.subject_label}</Bdi>)
      </dd>
      <dt>{t.t('payments.psid')}</dt>
      <dd>
        <Bdi>{formatPsid(bill.psid)}</Bdi>
      </dd>
      <dt>{t.t('payments.amount')}</dt>
      <dd>
        <Money t={t} paisa={bill.amount_paisa} />
      </dd>
      <dt>{t.t('payments.statusLabel')}</dt>
      <dd>
        <BillStatusTag t={t} status={status} />
      </dd>
      <dt>{t.t('payments.department')}</dt>
      <dd>{departmentName(bill.department_code)}</dd>
      <dt>{t.t('payments.dueDate')}</dt>
      <dd>
        <Bdi dir="auto">{t.formatDate(bill.due_at)}</Bdi>
      </dd>
      <dt>{t.t('payments.expires')}</dt>
      <dd>
        <Bdi dir="auto">{t.formatDate(bill.expires_at)}</Bdi>
      </dd>
    </dl>
  );
}

function HeadsTable({
  t,
  heads,
  departmentName,
}: {
  t: Translator;
  heads: readonly BillHeadRow[];
  departmentName: (code: string) => string;
}) {
  return (
    <div class="table-container" tabindex={0} role="region" aria-label={t.t('payments.heads')}>
      <table class="table">
        <caption class="visually-hidden">{t.t('payments.heads')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('payments.headCode')}</th>
            <th scope="col">{t.t('payments.headDescription')}</th>
            <th scope="col">{t.t('payments.department')}</th>
            <th scope="col" class="table__numeric">
              {t.t('payments.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {heads.map((head) => (
            <tr key={head.position}>
              <td>
                <Bdi>{head.head_code}</Bdi>
              </td>
              <td>{head.description}</td>
              <td>{departmentName(head.department_code)}</td>
              <td class="table__numeric">
                <Money t={t} paisa={head.amount_paisa} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BillPage(props: BillPageProps) {
  const { t, bill, status, payments, gateways, errors = [] } = props;
  const path = `/payments/bills/${bill.psid}`;
  return (
    <Layout
      t={t}
      title={t.t('payments.billTitle', { psid: bill.psid })}
      currentPath={props.currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>
          {t.t('payments.billHeading')} <Bdi>{formatPsid(bill.psid)}</Bdi>
        </h1>
        <BillSummary t={t} bill={bill} status={status} departmentName={props.departmentName} />
        <h2>{t.t('payments.heads')}</h2>
        <HeadsTable t={t} heads={props.heads} departmentName={props.departmentName} />
        {status === 'unpaid' && (
          <>
            <h2>{t.t('payments.howToPay')}</h2>
            <p>{t.t('payments.payAnywhere')}</p>
            <p>
              <a href={`${path}/slip`}>{t.t('payments.printSlip')}</a>
            </p>
            {gateways.map((gateway) => (
              <form key={gateway.id} method="post" action={`${path}/pay`} class="stack">
                <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
                <input type="hidden" name="gateway" value={gateway.id} />
                <div class="button-group">
                  <button type="submit" class="button">
                    {t.t('payments.payOnline')}
                  </button>
                  <span class="hint">{pick(t, gateway.name)}</span>
                </div>
              </form>
            ))}
          </>
        )}
        {payments.length > 0 && (
          <>
            <h2>{t.t('payments.payments')}</h2>
            <ul class="list">
              {payments.map((payment) => (
                <li key={payment.id}>
                  <Bdi dir="auto">{t.formatDateTime(payment.created_at)}</Bdi>:{' '}
                  {t.t(`payments.channel.${payment.channel}`)}{' '}
                  <PaymentStatusTag t={t} status={payment.status} />
                  {payment.receipt_number !== null && (
                    <>
                      {' '}
                      <a href={`/payments/receipts/${payment.receipt_number}`}>
                        {t.t('payments.receipt')} <Bdi>{payment.receipt_number}</Bdi>
                      </a>
                    </>
                  )}
                  {props.canRefund && payment.status === 'success' && (
                    <>
                      {' '}
                      <a href={`/finance/payments/${payment.id}/refunds`}>{t.t('payments.refund.link')}</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Layout>
  );
}

export function SlipPage(
  props: Omit<BillPageProps, 'csrfToken' | 'payments' | 'gateways' | 'canRefund' | 'errors'>,
) {
  const { t, bill, status } = props;
  return (
    <Layout t={t} title={t.t('payments.slipTitle', { psid: bill.psid })} currentPath={props.currentPath}>
      <div class="stack slip">
        <h1>
          <Both k="payments.slipHeading" />
        </h1>
        <div class="payment-slip__top">
          <div class="stack stack--s">
            <p class="body-s">
              <Both k="payments.psid" />
            </p>
            <p class="heading-l">
              <Bdi>{formatPsid(bill.psid)}</Bdi>
            </p>
            <p class="heading-m">
              <Money t={t} paisa={bill.amount_paisa} />
            </p>
          </div>
          <QrCode text={bill.psid} label={t.t('payments.qrPsid')} />
        </div>
        <BillSummary t={t} bill={bill} status={status} departmentName={props.departmentName} />
        <HeadsTable t={t} heads={props.heads} departmentName={props.departmentName} />
        <p>
          <Both k="payments.payAnywhere" />
        </p>
        <p class="hint">{t.t('payments.printHint')}</p>
      </div>
    </Layout>
  );
}
