// Cash at the facilitation-centre counter: find the bill by PSID, check the amount with the citizen, take
// the cash and record the receipt-book number; the receipt prints from the receipt page.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { BillStatus } from '../lifecycle.ts';
import { formatPsid } from '../psid.ts';
import type { BillHeadRow, BillRow } from '../repo.ts';
import { BillStatusTag, Money } from './parts.tsx';

export interface CounterPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly psid?: string;
  readonly found?: {
    bill: BillRow;
    status: BillStatus;
    heads: readonly BillHeadRow[];
    departmentName: string;
  };
  readonly typed?: { amount?: string; receiptBook?: string };
  readonly errors?: readonly FormError[];
}

export function CounterPage({
  t,
  currentPath,
  csrfToken,
  psid = '',
  found,
  typed = {},
  errors = [],
}: CounterPageProps) {
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  const psidError = errorOf('psid');
  const amountError = errorOf('amount');
  const bookError = errorOf('receiptBook');
  return (
    <Layout
      t={t}
      title={t.t('payments.counter.title')}
      currentPath={currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('payments.counter.title')}</h1>
        <form method="post" action="/counter/payments/lookup" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="psid"
            label={t.t('payments.psid')}
            hint={t.t('payments.psidHint')}
            value={psid}
            inputmode="numeric"
            dir="ltr"
            autocomplete="off"
            narrow
            {...(psidError === undefined ? {} : { error: psidError })}
          />
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('payments.counter.find')}
            </button>
          </div>
        </form>
        {found !== undefined && (
          <>
            <h2>
              {t.t('payments.billHeading')} <Bdi>{formatPsid(found.bill.psid)}</Bdi>
            </h2>
            <dl class="summary-list">
              <dt>{t.t('payments.for')}</dt>
              <dd>
                {t.locale.code === 'ur' ? found.bill.description_ur : found.bill.description_en} (
                <Bdi>{found.bill.subject_label}</Bdi>)
              </dd>
              <dt>{t.t('payments.department')}</dt>
              <dd>{found.departmentName}</dd>
              <dt>{t.t('payments.amount')}</dt>
              <dd>
                <Money t={t} paisa={found.bill.amount_paisa} />
              </dd>
              <dt>{t.t('payments.statusLabel')}</dt>
              <dd>
                <BillStatusTag t={t} status={found.status} />
              </dd>
            </dl>
            {found.status === 'unpaid' && (
              <form method="post" action="/counter/payments/record" class="stack">
                <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                <input type="hidden" name="psid" value={found.bill.psid} />
                <TextField
                  t={t}
                  id="amount"
                  label={t.t('payments.counter.amountReceived')}
                  hint={t.t('payments.counter.amountHint')}
                  value={typed.amount ?? ''}
                  inputmode="decimal"
                  dir="ltr"
                  narrow
                  {...(amountError === undefined ? {} : { error: amountError })}
                />
                <TextField
                  t={t}
                  id="receiptBook"
                  label={t.t('payments.counter.receiptBook')}
                  hint={t.t('payments.counter.receiptBookHint')}
                  value={typed.receiptBook ?? ''}
                  dir="ltr"
                  autocomplete="off"
                  narrow
                  {...(bookError === undefined ? {} : { error: bookError })}
                />
                <div class="button-group">
                  <button type="submit" class="button">
                    {t.t('payments.counter.record')}
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </div>
    </Layout>
  );
}
