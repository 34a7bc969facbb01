// Finance officers' pages: refunds of a payment, reconciliation mismatches to resolve, and collections.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { formatPsid } from '../psid.ts';
import type { RefundState } from '../refunds.ts';
import type { CollectionRow, MismatchRow } from '../repo-reconciliation.ts';
import { Money, PaymentStatusTag } from './parts.tsx';

interface Common {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly errors?: readonly FormError[];
}

export function RefundPage({
  t,
  currentPath,
  csrfToken,
  state,
  typed = {},
  errors = [],
}: Common & { state: RefundState; typed?: { amount?: string; reason?: string } }) {
  const { payment, bill, refunds, availablePaisa } = state;
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  const amountError = errorOf('amount');
  const reasonError = errorOf('reason');
  return (
    <Layout
      t={t}
      title={t.t('payments.refund.title')}
      currentPath={currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('payments.refund.title')}</h1>
        <dl class="summary-list">
          <dt>{t.t('payments.psid')}</dt>
          <dd>
            <a href={`/payments/bills/${bill.psid}`}>
              <Bdi>{formatPsid(bill.psid)}</Bdi>
            </a>
          </dd>
          <dt>{t.t('payments.receiptNumber')}</dt>
          <dd>
            <Bdi>{payment.receipt_number ?? '—'}</Bdi>
          </dd>
          <dt>{t.t('payments.amountPaid')}</dt>
          <dd>
            <Money t={t} paisa={payment.amount_paisa} /> <PaymentStatusTag t={t} status={payment.status} />
          </dd>
          <dt>{t.t('payments.refund.available')}</dt>
          <dd>
            <Money t={t} paisa={availablePaisa} />
          </dd>
        </dl>
        {refunds.length > 0 && (
          <ul class="list">
            {refunds.map((refund) => (
              <li key={refund.id}>
                <Bdi dir="auto">{t.formatDateTime(refund.created_at)}</Bdi>:{' '}
                <Money t={t} paisa={refund.amount_paisa} /> — {refund.reason} (
                {t.t(`payments.refund.status.${refund.status}`)})
              </li>
            ))}
          </ul>
        )}
        {availablePaisa > 0 && (
          <form method="post" action={currentPath} class="stack">
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <input type="hidden" name="expectedAvailablePaisa" value={String(availablePaisa)} />
            <TextField
              t={t}
              id="amount"
              label={t.t('payments.refund.amount')}
              hint={t.t('payments.counter.amountHint')}
              value={typed.amount ?? ''}
              inputmode="decimal"
              dir="ltr"
              narrow
              {...(amountError === undefined ? {} : { error: amountError })}
            />
            <TextField
              t={t}
              id="reason"
              label={t.t('payments.refund.reason')}
              value={typed.reason ?? ''}
              {...(reasonError === undefined ? {} : { error: reasonError })}
            />
            <div class="button-group">
              <button type="submit" class="button button--warning">
                {t.t('payments.refund.submit')}
              </button>
            </div>
          </form>
        )}
      </div>
    </Layout>
  );
}

export function ReconciliationPage({
  t,
  currentPath,
  csrfToken,
  mismatches,
  status,
  canRun,
  ran,
  errors = [],
}: Common & {
  mismatches: readonly MismatchRow[];
  status: 'open' | 'resolved';
  canRun: boolean;
  ran?: string;
}) {
  return (
    <Layout
      t={t}
      title={t.t('payments.reconciliation.title')}
      currentPath={currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('payments.reconciliation.title')}</h1>
        <p>{t.t('payments.reconciliation.lead')}</p>
        {ran !== undefined && <p class="notice">{ran}</p>}
        <p>
          {status === 'open' ? (
            <a href="/finance/reconciliation?status=resolved">
              {t.t('payments.reconciliation.showResolved')}
            </a>
          ) : (
            <a href="/finance/reconciliation">{t.t('payments.reconciliation.showOpen')}</a>
          )}
        </p>
        {canRun && (
          <form method="post" action="/finance/reconciliation/run" class="stack">
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <TextField
              t={t}
              id="day"
              label={t.t('payments.reconciliation.day')}
              hint={t.t('payments.dayHint')}
              dir="ltr"
              narrow
            />
            <div class="button-group">
              <button type="submit" class="button button--secondary">
                {t.t('payments.reconciliation.run')}
              </button>
            </div>
          </form>
        )}
        {mismatches.length === 0 ? (
          <p>{t.t('payments.reconciliation.none')}</p>
        ) : (
          <ul class="list stack">
            {mismatches.map((mismatch) => (
              <li key={mismatch.id} class="card stack stack--s">
                <p>
                  <strong>{t.t(`payments.reconciliation.kind.${mismatch.kind}`)}</strong> ·{' '}
                  <Bdi>{mismatch.day}</Bdi> · <Bdi>{mismatch.gateway}</Bdi>
                </p>
                <p>
                  {t.t('payments.psid')}:{' '}
                  <Bdi>{mismatch.psid === null ? '—' : formatPsid(mismatch.psid)}</Bdi> ·{' '}
                  {t.t('payments.reconciliation.ours')}:{' '}
                  {mismatch.our_amount_paisa === null ? (
                    '—'
                  ) : (
                    <Money t={t} paisa={mismatch.our_amount_paisa} />
                  )}{' '}
                  · {t.t('payments.reconciliation.settled')}:{' '}
                  {mismatch.settled_amount_paisa === null ? (
                    '—'
                  ) : (
                    <Money t={t} paisa={mismatch.settled_amount_paisa} />
                  )}
                </p>
                {mismatch.status === 'open' ? (
                  <form
                    method="post"
                    action={`/finance/reconciliation/${mismatch.id}/resolve`}
                    class="stack stack--s"
                  >
                    <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                    <TextField
                      t={t}
                      id={`resolution-${mismatch.id}`}
                      name="resolution"
                      label={t.t('payments.reconciliation.resolution')}
                    />
                    <div class="button-group">
                      <button type="submit" class="button button--secondary">
                        {t.t('payments.reconciliation.resolve')}
                      </button>
                    </div>
                  </form>
                ) : (
                  <p>
                    {t.t('payments.reconciliation.resolvedAs')} <q>{mismatch.resolution}</q>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}

export function CollectionsPage({
  t,
  currentPath,
  rows,
  range,
  departmentName,
  districtName,
  errors = [],
}: Omit<Common, 'csrfToken'> & {
  rows: readonly CollectionRow[];
  range: { fromDay: string; toDay: string };
  departmentName: (code: string) => string;
  districtName: (code: string | null) => string;
}) {
  const total = rows.reduce((sum, row) => sum + row.amount_paisa, 0);
  return (
    <Layout
      t={t}
      title={t.t('payments.collections.title')}
      currentPath={currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('payments.collections.title')}</h1>
        <form method="get" action="/finance/collections" class="stack">
          <TextField
            t={t}
            id="from"
            label={t.t('payments.collections.from')}
            hint={t.t('payments.dayHint')}
            value={range.fromDay}
            dir="ltr"
            narrow
          />
          <TextField
            t={t}
            id="to"
            label={t.t('payments.collections.to')}
            value={range.toDay}
            dir="ltr"
            narrow
          />
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('payments.collections.show')}
            </button>
          </div>
        </form>
        <div
          class="table-container"
          tabindex={0}
          role="region"
          aria-label={t.t('payments.collections.title')}
        >
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.t('payments.department')}</th>
                <th scope="col">{t.t('payments.headCode')}</th>
                <th scope="col">{t.t('payments.collections.district')}</th>
                <th scope="col" class="table__numeric">
                  {t.t('payments.collections.bills')}
                </th>
                <th scope="col" class="table__numeric">
                  {t.t('payments.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.department_code}:${row.head_code}:${row.district_code ?? ''}`}>
                  <td>{departmentName(row.department_code)}</td>
                  <td>
                    <Bdi>{row.head_code}</Bdi>
                  </td>
                  <td>{districtName(row.district_code)}</td>
                  <td class="table__numeric">{t.formatNumber(row.bills)}</td>
                  <td class="table__numeric">
                    <Money t={t} paisa={row.amount_paisa} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t.t('payments.collections.total')}
                </th>
                <td class="table__numeric">
                  <Money t={t} paisa={total} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </Layout>
  );
}
