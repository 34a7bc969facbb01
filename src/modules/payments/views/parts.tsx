// Pieces the payment pages share: money in the reader's locale, status tags, and labels in both languages
// for the printed slip and receipt (a bank teller may read one language, the payer the other).
import {
  type MessageKey,
  type Translator,
  defaultLocale,
  findLocale,
  translatorFor,
} from '../../../platform/i18n/i18n.ts';
import type { BillStatus, PaymentStatus } from '../lifecycle.ts';
import { formatPaisa } from '../money.ts';

export function Money({ t, paisa }: { t: Translator; paisa: number }) {
  return <bdi dir="ltr">{formatPaisa(t.locale.intlLocale, paisa)}</bdi>;
}

const BILL_TONE: Record<BillStatus, string> = {
  unpaid: 'tag tag--yellow',
  paid: 'tag tag--green',
  cancelled: 'tag tag--grey',
  expired: 'tag tag--red',
};

export function BillStatusTag({ t, status }: { t: Translator; status: BillStatus }) {
  return <strong class={BILL_TONE[status]}>{t.t(`payments.billStatus.${status}`)}</strong>;
}

export function PaymentStatusTag({ t, status }: { t: Translator; status: PaymentStatus }) {
  const tone =
    status === 'success'
      ? 'tag tag--green'
      : ['created', 'started', 'submitted'].includes(status)
        ? 'tag tag--yellow'
        : 'tag tag--grey';
  return <strong class={tone}>{t.t(`payments.status.${status}`)}</strong>;
}

const english = translatorFor(defaultLocale());
const urdu = findLocale('ur');

/** A label in English and in Urdu, each marked with its language and direction. */
export function Both({ k, params }: { k: MessageKey; params?: Record<string, string> }) {
  const ur = urdu === undefined ? undefined : translatorFor(urdu);
  return (
    <>
      <span lang="en" dir="ltr">
        {english.t(k, params)}
      </span>
      {ur !== undefined && (
        <>
          {' · '}
          <span lang="ur" dir="rtl">
            {ur.t(k, params)}
          </span>
        </>
      )}
    </>
  );
}
