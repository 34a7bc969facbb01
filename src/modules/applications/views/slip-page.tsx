// The acknowledgement slip: a printable page with what the applicant needs to keep (number, service, dates,
// fee) and a QR code of the track page. Printing hides the site's header and footer (app.css, @media print).
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { ASSET_PREFIX, Layout } from '../../../platform/views/layout.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';
import type { ServicePack } from '../../services/pack/validate.ts';
import type { ApplicationRow } from '../repo.ts';
import type { FeeBill } from '../billing.ts';

/** 54400-*****67-1: enough for the holder to recognise, not enough to copy from a lost slip. */
export function maskCnic(digits: string | null): string {
  if (digits === null || !/^\d{13}$/.test(digits)) return '';
  return `${digits.slice(0, 5)}-*****${digits.slice(10, 12)}-${digits.slice(12)}`;
}

export interface SlipProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly application: ApplicationRow;
  readonly pack: ServicePack;
  readonly applicant: { readonly name: string; readonly nameUr: string | null; readonly cnic: string | null };
  readonly filedBy: string | null;
  /** The fee's bill: its PSID to pay against, its receipt once paid. */
  readonly bill: FeeBill | null;
  readonly trackUrl: string;
}

export function SlipPage({
  t,
  currentPath,
  application,
  pack,
  applicant,
  filedBy,
  bill,
  trackUrl,
}: SlipProps) {
  const number = application.number ?? '';
  const title = t.t('slip.title');
  const fee = application.fee_pkr === null ? null : Number(application.fee_pkr);
  return (
    <Layout t={t} title={`${title}: ${number}`} currentPath={currentPath}>
      <div class="slip stack">
        <h1>
          {title}: <Bdi>{number}</Bdi>
        </h1>
        <dl class="summary-list">
          <dt>{t.t('applications.number')}</dt>
          <dd>
            <Bdi>{number}</Bdi>
          </dd>
          <dt>{t.t('applications.service')}</dt>
          <dd>
            <span lang="en" dir="ltr">
              {pack.name.en}
            </span>
            {' / '}
            <span lang="ur" dir="rtl">
              {pack.name.ur}
            </span>
          </dd>
          <dt>{t.t('slip.applicant')}</dt>
          <dd>
            <bdi dir="auto">
              {t.locale.code === 'ur' && applicant.nameUr !== null ? applicant.nameUr : applicant.name}
            </bdi>
          </dd>
          <dt>{t.t('slip.cnic')}</dt>
          <dd>
            <Bdi>{maskCnic(applicant.cnic)}</Bdi>
          </dd>
          {application.submitted_at !== null && (
            <>
              <dt>{t.t('slip.submitted')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDateTime(application.submitted_at)}</Bdi>
              </dd>
            </>
          )}
          <dt>{t.t('services.fee')}</dt>
          <dd>
            {fee === null || fee === 0 ? t.t('slip.noFee') : t.formatMoney(fee)}
            {fee !== null && fee > 0 && (
              <>
                {' – '}
                {bill === null
                  ? t.t('slip.feeDue')
                  : bill.receiptNumber === null
                    ? t.t('slip.feeDuePsid', { psid: bill.psid })
                    : t.t('slip.paidReceipt', { receipt: bill.receiptNumber, psid: bill.psid })}
              </>
            )}
          </dd>
          {application.promised_at !== null && (
            <>
              <dt>{t.t('applications.promised')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDate(application.promised_at)}</Bdi>
              </dd>
            </>
          )}
          {filedBy !== null && (
            <>
              <dt>{t.t('slip.filedBy')}</dt>
              <dd>
                <bdi dir="auto">{filedBy}</bdi>
              </dd>
            </>
          )}
          <dt>{t.t('slip.track')}</dt>
          <dd>
            <Bdi>{trackUrl}</Bdi>
          </dd>
        </dl>
        <figure class="slip__qr">
          <QrCode text={trackUrl} label={t.t('slip.qrLabel', { number })} />
          <figcaption>{t.t('slip.qrCaption')}</figcaption>
        </figure>
        <p class="slip__keep">{t.t('slip.keep')}</p>
        <div class="button-group slip__actions">
          <button type="button" class="button" data-print hidden>
            {t.t('slip.print')}
          </button>
          <a class="button button--secondary" href={`/applications/${number}`}>
            {t.t('slip.toTrack')}
          </a>
        </div>
        <script src={`${ASSET_PREFIX}/js/print.js`} defer />
      </div>
    </Layout>
  );
}
