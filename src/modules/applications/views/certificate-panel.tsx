// The certificate an approved application earned: for the applicant the link anyone can check, the signed
// credential as a file and its QR code; for officers its status and the page where they manage it; for both
// the printed copy in English and Urdu (a PDF, or a page to print where no PDF browser is configured).
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { QrCode } from '../../../platform/views/qr-code.tsx';
import type { IssuedCertificate } from '../issuance.ts';

export function CertificatePanel({
  t,
  number,
  certificates,
  isApplicant,
}: {
  t: Translator;
  number: string;
  certificates: readonly IssuedCertificate[];
  isApplicant: boolean;
}) {
  if (certificates.length === 0) return null;
  return (
    <section class="stack" aria-labelledby="certificate-heading" id="certificate">
      <h2 id="certificate-heading">{t.t('applications.certificate.heading')}</h2>
      {certificates.map((certificate) => {
        const code = certificate.shortPath.slice('/c/'.length);
        const printed = (
          <p>
            <a
              href={certificate.document.path}
              type={certificate.document.kind === 'pdf' ? 'application/pdf' : undefined}
            >
              {t.t(
                certificate.document.kind === 'pdf'
                  ? 'applications.certificate.downloadPdf'
                  : 'applications.certificate.printable',
              )}
            </a>
          </p>
        );
        return (
          <div class="stack" key={certificate.id}>
            <dl class="summary-list">
              <dt>{t.t('applications.status')}</dt>
              <dd>{t.t(`certificates.status.${certificate.status}` as MessageKey)}</dd>
              <dt>{t.t('certificates.verify.issuedOn')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDate(certificate.issuedAt)}</Bdi>
              </dd>
              <dt>{t.t('applications.certificate.link')}</dt>
              <dd>
                <a href={certificate.shortPath}>
                  <Bdi>{certificate.shortUrl}</Bdi>
                </a>
              </dd>
            </dl>
            {isApplicant ? (
              <>
                <p>{t.t('applications.certificate.help')}</p>
                <QrCode text={certificate.shortUrl} label={t.t('applications.certificate.qrLabel')} />
                {printed}
                <p>
                  <a href={`/credentials/${code}`} download={`${number}.jwt`} type="application/vc+jwt">
                    {t.t('applications.certificate.download')}
                  </a>
                </p>
              </>
            ) : (
              <>
                {printed}
                <p>
                  <a href={`/certificates/${code}`}>{t.t('applications.certificate.manage')}</a>
                </p>
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}
