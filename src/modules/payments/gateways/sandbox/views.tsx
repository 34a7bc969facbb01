// The sandbox bank's pages: a checkout with pay, fail and cancel, and a bill-payment counter by PSID. Every
// page says plainly that it is a sandbox and no real money moves.
import { CSRF_FIELD } from '../../../../platform/http/csrf.ts';
import type { Translator } from '../../../../platform/i18n/i18n.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { formatPsid } from '../../psid.ts';
import { Money } from '../../views/parts.tsx';
import type { SandboxTransaction } from './repo.ts';

function SandboxBanner({ t }: { t: Translator }) {
  return (
    <div class="notice notice--warning sandbox-banner" role="note">
      <p>
        <strong>{t.t('payments.sandbox.banner')}</strong>
      </p>
      <p>{t.t('payments.sandbox.bannerHelp')}</p>
    </div>
  );
}

export function CheckoutPage({
  t,
  currentPath,
  csrfToken,
  transaction,
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  transaction: SandboxTransaction;
}) {
  const open = transaction.outcome === 'pending';
  return (
    <Layout t={t} title={t.t('payments.sandbox.checkoutTitle')} currentPath={currentPath}>
      <div class="stack">
        <SandboxBanner t={t} />
        <h1>{t.t('payments.sandbox.checkoutTitle')}</h1>
        <dl class="summary-list">
          <dt>{t.t('payments.sandbox.merchant')}</dt>
          <dd>{t.t('payments.sandbox.merchantName')}</dd>
          <dt>{t.t('payments.psid')}</dt>
          <dd>
            <Bdi>{formatPsid(transaction.psid)}</Bdi>
          </dd>
          <dt>{t.t('payments.amount')}</dt>
          <dd>
            <Money t={t} paisa={transaction.amount_paisa} />
          </dd>
          <dt>{t.t('payments.sandbox.reference')}</dt>
          <dd>
            <Bdi>{transaction.reference}</Bdi>
          </dd>
        </dl>
        {open ? (
          <form method="post" action={`/sandbox-bank/checkout/${transaction.reference}`} class="stack">
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <p>{t.t('payments.sandbox.choose')}</p>
            <div class="button-group">
              <button type="submit" name="outcome" value="pay" class="button">
                {t.t('payments.sandbox.pay')}
              </button>
              <button type="submit" name="outcome" value="fail" class="button button--warning">
                {t.t('payments.sandbox.fail')}
              </button>
              <button type="submit" name="outcome" value="cancel" class="button button--secondary">
                {t.t('payments.sandbox.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <p>
            {t.t('payments.sandbox.finished')}{' '}
            {transaction.return_url !== null && (
              <a href={transaction.return_url}>{t.t('payments.sandbox.backToMerchant')}</a>
            )}
          </p>
        )}
      </div>
    </Layout>
  );
}

export interface InquiryAnswer {
  readonly psid: string;
  readonly status: string;
  readonly payable: boolean;
  readonly amountPaisa: number;
  readonly dueAt: string;
  readonly department: { readonly nameEn: string; readonly nameUr: string };
}

export function BillCounterPage({
  t,
  currentPath,
  csrfToken,
  psid = '',
  answer,
  paid,
  errors = [],
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  psid?: string;
  answer?: InquiryAnswer;
  paid?: { receiptNumber: string };
  errors?: readonly FormError[];
}) {
  return (
    <Layout
      t={t}
      title={t.t('payments.sandbox.billsTitle')}
      currentPath={currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <SandboxBanner t={t} />
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('payments.sandbox.billsTitle')}</h1>
        {paid !== undefined && (
          <p class="notice">
            {t.t('payments.sandbox.billPaid')} <Bdi>{paid.receiptNumber}</Bdi>
          </p>
        )}
        <form method="post" action="/sandbox-bank/bills" class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="step" value="inquire" />
          <TextField
            t={t}
            id="psid"
            label={t.t('payments.psid')}
            hint={t.t('payments.psidHint')}
            value={psid}
            inputmode="numeric"
            dir="ltr"
            autocomplete="off"
            {...(errors[0] === undefined ? {} : { error: errors[0].message })}
          />
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('payments.sandbox.inquire')}
            </button>
          </div>
        </form>
        {answer !== undefined && (
          <>
            <dl class="summary-list">
              <dt>{t.t('payments.psid')}</dt>
              <dd>
                <Bdi>{formatPsid(answer.psid)}</Bdi>
              </dd>
              <dt>{t.t('payments.department')}</dt>
              <dd>{t.locale.code === 'ur' ? answer.department.nameUr : answer.department.nameEn}</dd>
              <dt>{t.t('payments.amount')}</dt>
              <dd>
                <Money t={t} paisa={answer.amountPaisa} />
              </dd>
              <dt>{t.t('payments.statusLabel')}</dt>
              <dd>{t.t(`payments.billStatus.${answer.status}` as 'payments.billStatus.unpaid')}</dd>
              <dt>{t.t('payments.dueDate')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDate(new Date(answer.dueAt))}</Bdi>
              </dd>
            </dl>
            {answer.payable && (
              <form method="post" action="/sandbox-bank/bills" class="stack">
                <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                <input type="hidden" name="step" value="pay" />
                <input type="hidden" name="psid" value={answer.psid} />
                <input type="hidden" name="amountPaisa" value={String(answer.amountPaisa)} />
                <div class="button-group">
                  <button type="submit" class="button">
                    {t.t('payments.sandbox.payBill')}
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
