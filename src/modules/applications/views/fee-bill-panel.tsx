// The application's fee bill on its track page: the PSID to pay against (online, at a bank or at a
// facilitation centre), the amount and where it stands, and the receipt once paid.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { BillStatusTag, Money } from '../../payments/views/parts.tsx';
import type { FeeBill } from '../billing.ts';

/** The form that asks for a new bill when the fee is owed but no bill can be paid. */
function RenewBillForm({ t, renewal }: { t: Translator; renewal: BillRenewal }) {
  return (
    <form method="post" action={`/applications/${renewal.number}/fee-bill`} class="stack" id="renew-bill">
      <input type="hidden" name="_csrf" value={renewal.csrfToken} />
      <input type="hidden" name="version" value={String(renewal.version)} />
      <button type="submit" class="button">
        {t.t('applications.bill.renew')}
      </button>
    </form>
  );
}

/** What the panel needs to offer a new bill; absent when the reader may not ask for one. */
export interface BillRenewal {
  readonly number: string;
  readonly version: number;
  readonly csrfToken: string;
}

export function FeeBillPanel({
  t,
  bill,
  isApplicant,
  renewal,
}: {
  t: Translator;
  bill: FeeBill | null;
  isApplicant: boolean;
  /** Given when the application waits for its fee and the reader is its applicant. */
  renewal?: BillRenewal | undefined;
}) {
  if (bill === null) {
    if (renewal === undefined) return null;
    return (
      <section class="stack" aria-labelledby="fee-bill">
        <h2 id="fee-bill">{t.t('applications.bill.heading')}</h2>
        <p class="notice">{t.t('applications.bill.none')}</p>
        <RenewBillForm t={t} renewal={renewal} />
      </section>
    );
  }
  const path = `/payments/bills/${bill.psid}`;
  const lapsed = bill.status === 'expired' || bill.status === 'cancelled';
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
      {lapsed && renewal !== undefined && (
        <>
          <p class="notice notice--warning">{t.t('applications.bill.renewHelp')}</p>
          <RenewBillForm t={t} renewal={renewal} />
        </>
      )}
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
