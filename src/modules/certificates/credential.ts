// The shape of what we sign: a W3C Verifiable Credential 2.0 secured with JOSE (VC-JOSE-COSE): the JWS
// payload is the credential itself. Kept small, because it travels inside a QR code.
import { type StatusPurpose, STATUS_PURPOSES, listName } from './status-list.ts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export type Fact = string | number | boolean;

export interface IssuedCredential {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: readonly string[];
  readonly issuer: string;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly name?: readonly { '@value': string; '@language': string }[];
  readonly credentialSubject: Readonly<Record<string, Fact>>;
  readonly credentialStatus: readonly StatusEntry[];
  /** The index of the credential's `certificate.issued` leaf in the transparency log. */
  readonly logIndex?: number;
}

export interface StatusEntry {
  readonly id: string;
  readonly type: 'BitstringStatusListEntry';
  readonly statusPurpose: StatusPurpose;
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

export const issuerUrl = (publicUrl: string, departmentCode: string) =>
  `${publicUrl}/issuers/${departmentCode}`;
export const statusListUrl = (publicUrl: string, name: string) => `${publicUrl}/credentials/status/${name}`;

/** `domicile-certificate` → `DomicileCertificate`: the credential type (defined by the context's @vocab). */
export const credentialType = (certificateType: string) =>
  certificateType
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** The credential id is a UUID URN; the short code in links and QR codes is its 16 bytes in base64url. */
export const credentialUrn = (id: string) => `urn:uuid:${id}`;
export const shortCode = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');

export function idFromShortCode(code: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{22}$/.test(code)) return undefined;
  const hex = Buffer.from(code, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CredentialDraft {
  readonly publicUrl: string;
  readonly id: string;
  readonly departmentCode: string;
  readonly certificateType: string;
  readonly issuedAt: Date;
  readonly validUntil?: Date;
  readonly title?: { readonly en: string; readonly ur: string };
  readonly subject: Readonly<Record<string, Fact>>;
  readonly statusListId: string;
  readonly statusIndex: number;
}

/** The credential without its log index: exactly what the log leaf's record hash covers. */
export function draftCredential(draft: CredentialDraft): IssuedCredential {
  const seconds = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
  return {
    '@context': [VC_CONTEXT],
    id: credentialUrn(draft.id),
    type: ['VerifiableCredential', credentialType(draft.certificateType)],
    issuer: issuerUrl(draft.publicUrl, draft.departmentCode),
    validFrom: seconds(draft.issuedAt),
    ...(draft.validUntil === undefined ? {} : { validUntil: seconds(draft.validUntil) }),
    ...(draft.title === undefined
      ? {}
      : {
          name: [
            { '@value': draft.title.en, '@language': 'en' },
            { '@value': draft.title.ur, '@language': 'ur' },
          ],
        }),
    credentialSubject: draft.subject,
    credentialStatus: STATUS_PURPOSES.map((purpose) => {
      const url = statusListUrl(draft.publicUrl, listName(draft.statusListId, purpose));
      return {
        id: `${url}#${draft.statusIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: purpose,
        statusListIndex: String(draft.statusIndex),
        statusListCredential: url,
      };
    }),
  };
}

/** What the log leaf's record hash covers: the credential minus its own log index. */
export function withoutLogIndex(credential: Record<string, unknown>): Record<string, unknown> {
  const { logIndex: _logIndex, ...rest } = credential;
  return rest;
}
