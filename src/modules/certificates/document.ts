// A certificate as its holder prints it. The facts, title and date come from the signed credential itself,
// so the paper says exactly what its QR code and link prove. The QR code carries the credential when it fits
// a code a phone can scan (then it can be checked with no network), else the short link /c/<code>.
import { fitsPrintedQr } from '../../platform/pdf/qr.ts';
import type { Fact, IssuedCredential } from './credential.ts';
import { shortCode } from './credential.ts';
import type { CertificateRow, CertificateStatus } from './repo.ts';
import { humanise } from './views/fact-label.ts';

export interface CertificateDocument {
  readonly id: string;
  readonly applicationNumber: string;
  readonly title: { readonly en: string; readonly ur: string };
  /** The credential's subject, in its own order (the application number last). */
  readonly facts: readonly (readonly [string, Fact])[];
  readonly issuer: { readonly en: string; readonly ur: string };
  readonly issuedAt: Date;
  readonly logIndex: number;
  readonly status: CertificateStatus;
  readonly shortUrl: string;
  readonly verifyUrl: string;
  readonly qr: { readonly text: string; readonly carries: 'credential' | 'link' };
}

/** The payload of a compact JWS we signed ourselves (its signature is not what is being checked here). */
function payloadOf(compact: string): IssuedCredential {
  const encoded = compact.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as IssuedCredential;
}

/** What the printed QR code carries: the compact credential if a phone can scan it, else the short link. */
export function printedQr(credential: string, shortUrl: string): CertificateDocument['qr'] {
  return fitsPrintedQr(credential)
    ? { text: credential, carries: 'credential' }
    : { text: shortUrl, carries: 'link' };
}

export function certificateDocument(
  row: CertificateRow,
  options: { publicUrl: string; issuer: { en: string; ur: string } },
): CertificateDocument {
  const credential = payloadOf(row.credential);
  const names = credential.name ?? [];
  const fallback = humanise(credential.type.at(-1) ?? row.certificate_type);
  const titleIn = (code: string) => names.find((name) => name['@language'] === code)?.['@value'] ?? fallback;
  const shortUrl = `${options.publicUrl}/c/${shortCode(row.id)}`;
  return {
    id: credential.id,
    applicationNumber: row.application_number,
    title: { en: titleIn('en'), ur: titleIn('ur') },
    facts: Object.entries(credential.credentialSubject),
    issuer: options.issuer,
    issuedAt: new Date(credential.validFrom),
    logIndex: row.log_index,
    status: row.status,
    shortUrl,
    verifyUrl: `${options.publicUrl}/verify`,
    qr: printedQr(row.credential, shortUrl),
  };
}
