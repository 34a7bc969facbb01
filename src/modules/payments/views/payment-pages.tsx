// After the gateway: what became of the payment; the printable receipt; and the public receipt check that
// the receipt's QR code leads to.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { isFinal } from '../lifecycle.ts';
import { formatPsid } from '../psid.ts';
import type { BillHeadRow, BillRow, PaymentRow } from '../repo.ts';
import { Both, Money, PaymentStatusTag } from './parts.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';

export function PaymentResultPage({
  t,
  currentPath,
  payment,
  bill,
}: {
  t: Translator;
  currentPath: string;
  payment: PaymentRow;
  bill: BillRow;
}) {
  const billPath = `/payments/bills/${bill.psid}`;
  const title =
    payment.status === 'success'
      ? t.t('payments.result.paid')
      : isFinal(payment.status)
        ? t.t('payments.result.notPaid')
        : t.t('payments.result.waiting');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p>
          <PaymentStatusTag t={t} status={payment.status} />{' '}
          {payment.failure_code !== null &&
            t.t(`payments.failure.${payment.failure_code}` as 'payments.failure.declined')}
        </p>
        <dl class="summary-list">
          <dt>{t.t('payments.psid')}</dt>
          <dd>
            <Bdi>{formatPsid(bill.psid)}</Bdi>
          </dd>
          <dt>{t.t('payments.amount')}</dt>
          <dd>
            <Money t={t} paisa={payment.amount_paisa} />
          </dd>
        </dl>
        {payment.receipt_number !== null && (
          <p>
            <a class="button" href={`/payments/receipts/${payment.receipt_number}`}>
              {t.t('payments.viewReceipt')}
            </a>
          </p>
        )}
        {!isFinal(payment.status) && (
          <p>
            {t.t('payments.result.waitingHelp')} <a href={currentPath}>{t.t('payments.result.checkAgain')}</a>
          </p>
        )}
        <p>
          <a href={billPath}>{t.t('payments.backToBill')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function ReceiptPage({
  t,
  currentPath,
  payment,
  bill,
  heads,
  departmentName,
  verifyUrl,
  pdfInBothLanguages,
}: {
  t: Translator;
  currentPath: string;
  payment: PaymentRow;
  bill: BillRow;
  heads: readonly BillHeadRow[];
  departmentName: (code: string) => string;
  verifyUrl: string;
  /** The PDF is printed in English and Urdu (a PDF browser is configured), else in English only. */
  pdfInBothLanguages: boolean;
}) {
  const number = payment.receipt_number ?? '';
  return (
    <Layout t={t} title={t.t('payments.receiptTitle', { number })} currentPath={currentPath}>
      <div class="stack slip">
        <h1>
          <Both k="payments.receiptHeading" />
        </h1>
        <div class="payment-slip__top">
          <dl class="summary-list">
            <dt>
              <Both k="payments.receiptNumber" />
            </dt>
            <dd>
              <Bdi>{number}</Bdi>
            </dd>
            <dt>
              <Both k="payments.psid" />
            </dt>
            <dd>
              <Bdi>{formatPsid(bill.psid)}</Bdi>
            </dd>
            <dt>
              <Both k="payments.amountPaid" />
            </dt>
            <dd>
              <Money t={t} paisa={payment.amount_paisa} />
            </dd>
            <dt>
              <Both k="payments.paidOn" />
            </dt>
            <dd>
              {payment.finished_at !== null && <Bdi dir="auto">{t.formatDateTime(payment.finished_at)}</Bdi>}
            </dd>
            <dt>
              <Both k="payments.for" />
            </dt>
            <dd>
              <span lang="en" dir="ltr">
                {bill.description_en}
              </span>{' '}
              ·{' '}
              <span lang="ur" dir="rtl">
                {bill.description_ur}
              </span>{' '}
              (<Bdi>{bill.subject_label}</Bdi>)
            </dd>
            <dt>
              <Both k="payments.department" />
            </dt>
            <dd>{departmentName(bill.department_code)}</dd>
            <dt>
              <Both k="payments.paidThrough" />
            </dt>
            <dd>
              {t.t(`payments.channel.${payment.channel}`)}
              {payment.counter_receipt_book_number !== null && (
                <>
                  {' '}
                  (<Bdi>{payment.counter_receipt_book_number}</Bdi>)
                </>
              )}
            </dd>
          </dl>
          <QrCode text={verifyUrl} label={t.t('payments.qrVerify')} />
        </div>
        <ul class="list">
          {heads.map((head) => (
            <li key={head.position}>
              <Bdi>{head.head_code}</Bdi> {head.description}: <Money t={t} paisa={head.amount_paisa} />
            </li>
          ))}
        </ul>
        <p class="hint">
          {t.t('payments.verifyAt')} <Bdi>{verifyUrl}</Bdi>
        </p>
        <p>
          <a href={`/payments/receipts/${number}/receipt.pdf`}>
            {t.t(pdfInBothLanguages ? 'payments.downloadPdfBoth' : 'payments.downloadPdf')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function VerifyPage({
  t,
  currentPath,
  found,
  departmentName,
}: {
  t: Translator;
  currentPath: string;
  found: { receiptNumber: string; psid: string; amountPaisa: number; paidAt: Date; departmentCode: string };
  departmentName: (code: string) => string;
}) {
  return (
    <Layout t={t} title={t.t('payments.verifyTitle')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('payments.verifyTitle')}</h1>
        <p class="notice">{t.t('payments.verifyGenuine')}</p>
        <dl class="summary-list">
          <dt>{t.t('payments.receiptNumber')}</dt>
          <dd>
            <Bdi>{found.receiptNumber}</Bdi>
          </dd>
          <dt>{t.t('payments.psid')}</dt>
          <dd>
            <Bdi>{formatPsid(found.psid)}</Bdi>
          </dd>
          <dt>{t.t('payments.amountPaid')}</dt>
          <dd>
            <Money t={t} paisa={found.amountPaisa} />
          </dd>
          <dt>{t.t('payments.paidOn')}</dt>
          <dd>
            <Bdi dir="auto">{t.formatDateTime(found.paidAt)}</Bdi>
          </dd>
          <dt>{t.t('payments.department')}</dt>
          <dd>{departmentName(found.departmentCode)}</dd>
        </dl>
      </div>
    </Layout>
  );
}
