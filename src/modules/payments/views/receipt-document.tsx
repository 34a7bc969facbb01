// The printed receipt in English and Urdu side by side, for the PDF printer (platform/pdf): receipt number,
// PSID, amount, when, what for, department and how it was paid, the heads of account, and the QR code of the
// public receipt check. Where no PDF browser is configured the receipt PDF is pdfkit's, in English.
import { BothLanguages, BothValues, ENGLISH, FactRow, URDU } from '../../../platform/pdf/bilingual.tsx';
import type { PrintedDocument } from '../../../platform/pdf/document.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';
import { formatPaisa } from '../money.ts';
import { formatPsid } from '../psid.ts';
import type { BillHeadRow, BillRow, PaymentRow } from '../repo.ts';

export interface ReceiptDocumentInput {
  readonly payment: PaymentRow;
  readonly bill: BillRow;
  readonly heads: readonly BillHeadRow[];
  readonly departmentName: (code: string) => { readonly en: string; readonly ur: string };
  readonly verifyUrl: string;
}

const money = (paisa: number) => <bdi dir="ltr">{formatPaisa(ENGLISH.locale.intlLocale, paisa)}</bdi>;

function Facts({ payment, bill, departmentName }: ReceiptDocumentInput) {
  const department = departmentName(bill.department_code);
  return (
    <table class="facts">
      <tbody>
        <FactRow label="payments.receiptNumber">
          <bdi dir="ltr">{payment.receipt_number ?? ''}</bdi>
        </FactRow>
        <FactRow label="payments.psid">
          <bdi dir="ltr">{formatPsid(bill.psid)}</bdi>
        </FactRow>
        <FactRow label="payments.amountPaid">{money(payment.amount_paisa)}</FactRow>
        {payment.finished_at !== null && (
          <FactRow label="payments.paidOn">
            <BothValues
              en={ENGLISH.formatDateTime(payment.finished_at)}
              ur={URDU.formatDateTime(payment.finished_at)}
            />
          </FactRow>
        )}
        <FactRow label="payments.for">
          <BothValues en={bill.description_en} ur={bill.description_ur} />
          <bdi dir="auto">{bill.subject_label}</bdi>
        </FactRow>
        <FactRow label="payments.department">
          <BothValues en={department.en} ur={department.ur} />
        </FactRow>
        <FactRow label="payments.paidThrough">
          <BothValues
            en={ENGLISH.t(`payments.channel.${payment.channel}`)}
            ur={URDU.t(`payments.channel.${payment.channel}`)}
          />
        </FactRow>
        {payment.counter_receipt_book_number !== null && (
          <FactRow label="payments.counter.receiptBook">
            <bdi dir="ltr">{payment.counter_receipt_book_number}</bdi>
          </FactRow>
        )}
      </tbody>
    </table>
  );
}

function Heads({ heads, departmentName }: ReceiptDocumentInput) {
  return (
    <table class="heads">
      <caption>
        <span class="both">
          <BothLanguages k="payments.heads" />
        </span>
      </caption>
      <thead>
        <tr>
          <th scope="col" class="heads__code">
            <BothLanguages k="payments.headCode" />
          </th>
          <th scope="col" class="heads__text">
            <BothLanguages k="payments.headDescription" />
          </th>
          <th scope="col" class="heads__text">
            <BothLanguages k="payments.department" />
          </th>
          <th scope="col" class="heads__amount">
            <BothLanguages k="payments.amount" />
          </th>
        </tr>
      </thead>
      <tbody>
        {heads.map((head) => {
          const department = departmentName(head.department_code);
          return (
            <tr key={head.position}>
              <td>
                <bdi dir="ltr">{head.head_code}</bdi>
              </td>
              <td>
                <bdi dir="auto">{head.description}</bdi>
              </td>
              <td>
                <BothValues en={department.en} ur={department.ur} />
              </td>
              <td class="heads__amount">{money(head.amount_paisa)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReceiptDocumentBody(input: ReceiptDocumentInput) {
  const url = `\u2066${input.verifyUrl}\u2069`; // a link stays whole inside an Urdu sentence
  return (
    <article class="document">
      <header class="document__band both">
        <BothLanguages k="site.government" />
      </header>
      <h1 class="document__title both">
        <BothLanguages k="payments.receiptHeading" />
      </h1>
      <Facts {...input} />
      <Heads {...input} />
      <section class="document__check">
        <QrCode text={input.verifyUrl} label={ENGLISH.t('payments.qrVerify')} />
        <div class="document__check-text">
          {[ENGLISH, URDU].map((t) => (
            <p key={t.locale.code} lang={t.locale.code} dir={t.locale.dir}>
              {t.t('payments.verifyAt')} {url}
            </p>
          ))}
        </div>
      </section>
    </article>
  );
}

export function receiptPrintout(input: ReceiptDocumentInput): PrintedDocument {
  return {
    lang: ENGLISH.locale.code,
    dir: ENGLISH.locale.dir,
    title: ENGLISH.t('payments.receiptTitle', { number: input.payment.receipt_number ?? '' }),
    body: <ReceiptDocumentBody {...input} />,
  };
}
