// The application's fee bill on its track page: the PSID to pay against (online, at a bank or at a
// facilitation centre), the amount and where it stands, and the receipt once paid.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { BillStatusTag, Money } from '../../payments/views/parts.tsx';
import type { FeeBill } from '../billing.ts';

export function FeeBillPanel({
  t,
  bill,
  isApplicant,
}: {
  t: Translator;
  bill: FeeBill;
  isApplicant: boolean;
}) {
  const path = `/payments/bills/${bill.psid}`;
  return (
    <section class="stack" aria-labelledby="fee-bill">
      <h2 id="fee-bill">{t.t('applications.bill.heading')}</h2>
      <dl class="summary-list">
        <dt>{t.t('payments.psid')}</dt>
        <dd>
          <Bdi>{bill.psid}</Bdi>
        </dd>
        <dt>{t.t('payments.amount')}</dt>
        <dd>
          <Money t={t} paisa={bill.amountPaisa} />
        </dd>
        <dt>{t.t('payments.statusLabel')}</dt>
        <dd>
          <BillStatusTag t={t} status={bill.status} />
        </dd>
        {bill.status === 'unpaid' && (
          <>
            <dt>{t.t('payments.dueDate')}</dt>
            <dd>
              <Bdi dir="auto">{t.formatDate(bill.dueAt)}</Bdi>
            </dd>
          </>
        )}
        {bill.receiptNumber !== null && (
          <>
            <dt>{t.t('payments.receipt')}</dt>
            <dd>
              <a href={`/payments/receipts/${bill.receiptNumber}`}>
                <Bdi>{bill.receiptNumber}</Bdi>
              </a>
            </dd>
          </>
        )}
      </dl>
      {bill.status === 'unpaid' && (
        <>
          {isApplicant && <p class="notice">{t.t('applications.bill.help')}</p>}
          <p class="button-group">
            {isApplicant && (
              <a class="button" href={path}>
                {t.t('payments.payOnline')}
              </a>
            )}
            <a href={`${path}/slip`}>{t.t('payments.printSlip')}</a>
          </p>
        </>
      )}
    </section>
  );
}
