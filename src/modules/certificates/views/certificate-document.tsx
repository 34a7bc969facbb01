// The printed certificate in English and Urdu side by side: the government band, the title, what the
// credential states, the issuer, date, identifier and public-log entry, and the QR code with how to check
// it. Printed to PDF by platform/pdf, or served as a page to print where no PDF browser is configured.
import type { MessageKey } from '../../../platform/i18n/i18n.ts';
import { BothLanguages, BothValues, ENGLISH, FactRow, URDU } from '../../../platform/pdf/bilingual.tsx';
import type { PrintedDocument } from '../../../platform/pdf/document.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';
import type { CertificateDocument } from '../document.ts';
import { factLabel } from './fact-label.ts';

/** Keeps a link whole and left to right inside a sentence of either language (Unicode isolates). */
const isolated = (text: string) => `\u2066${text}\u2069`;

const STATUS_WARNING: Partial<Record<CertificateDocument['status'], MessageKey>> = {
  suspended: 'certificates.document.suspended',
  revoked: 'certificates.document.revoked',
};

function Facts({ document }: { document: CertificateDocument }) {
  return (
    <table class="facts">
      <tbody>
        {document.facts.map(([name, value]) => (
          <FactRow key={name} label={{ en: factLabel(ENGLISH, name), ur: factLabel(URDU, name) }}>
            <bdi dir={name === 'cnic' || name === 'applicationNumber' ? 'ltr' : 'auto'}>{String(value)}</bdi>
          </FactRow>
        ))}
        <FactRow label="certificates.verify.issuedBy">
          <BothValues en={document.issuer.en} ur={document.issuer.ur} />
        </FactRow>
        <FactRow label="certificates.verify.issuedOn">
          <BothValues en={ENGLISH.formatDate(document.issuedAt)} ur={URDU.formatDate(document.issuedAt)} />
        </FactRow>
        <FactRow label="certificates.verify.credentialId">
          <bdi dir="ltr" class="code">
            {document.id}
          </bdi>
        </FactRow>
        <FactRow label="certificates.manage.logIndex">
          <bdi dir="ltr">{document.logIndex}</bdi>
        </FactRow>
      </tbody>
    </table>
  );
}

function Check({ document }: { document: CertificateDocument }) {
  const carriesCredential = document.qr.carries === 'credential';
  const params = { verifyUrl: isolated(document.verifyUrl), link: isolated(document.shortUrl) };
  return (
    <section class="document__check">
      <QrCode
        text={document.qr.text}
        label={ENGLISH.t(
          carriesCredential ? 'certificates.document.qrCredentialLabel' : 'applications.certificate.qrLabel',
        )}
        size={carriesCredential ? 240 : 160}
      />
      <div class="document__check-text">
        {[ENGLISH, URDU].map((t) => (
          <p key={t.locale.code} lang={t.locale.code} dir={t.locale.dir}>
            {t.t(carriesCredential ? 'certificates.document.qrCredential' : 'certificates.document.qrLink')}{' '}
            {t.t('certificates.document.verify', params)}
          </p>
        ))}
      </div>
    </section>
  );
}

export function CertificateDocumentBody({ document }: { document: CertificateDocument }) {
  const warning = STATUS_WARNING[document.status];
  return (
    <article class="document">
      <header class="document__band both">
        <BothLanguages k="site.government" />
      </header>
      <h1 class="document__title both">
        <BothValues en={document.title.en} ur={document.title.ur} />
      </h1>
      {warning !== undefined && (
        <p class="document__warning both">
          <BothLanguages k={warning} />
        </p>
      )}
      <Facts document={document} />
      <Check document={document} />
    </article>
  );
}

/** The certificate as a document for the printer or the printable page. */
export function certificatePrintout(document: CertificateDocument): PrintedDocument {
  return {
    lang: ENGLISH.locale.code,
    dir: ENGLISH.locale.dir,
    title: `${document.title.en} ${document.applicationNumber}`,
    body: <CertificateDocumentBody document={document} />,
  };
}
