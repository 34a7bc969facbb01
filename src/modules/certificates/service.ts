// The certificates module's use cases: issue (inside the application's decision transaction), change a
// certificate's status, publish keys and status lists, and verify what someone presents.
import { type Actor, hasProvinceRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import {
  VC_CONTEXT,
  credentialUrn,
  idFromShortCode,
  issuerUrl,
  shortCode,
  statusListUrl,
} from './credential.ts';
import { certificateDocument } from './document.ts';
import { type IssueInput, type IssuerSecrets, type Issued, issueCertificate } from './issue.ts';
import { VC_JWT_TYPE, signCompact } from './jws.ts';
import { certificateKeys } from './keys.ts';
import {
  type CertificateRow,
  certificateById,
  certificatesOfApplication,
  eventsOf,
  indicesWithStatus,
  statusList,
} from './repo.ts';
import { referenceService } from '../reference/service.ts';
import { allowedActions, changeStatus, managedCertificate } from './status.ts';
import { encodeBitstring, parseListName } from './status-list.ts';
import { credentialVerifier } from './verify.ts';

/** Where the holder gets the printed copy: a PDF, or (with no PDF browser) a page to print. */
export const certificatePdfPath = (code: string) => `/credentials/${code}.pdf`;
export const certificatePrintPath = (code: string) => `/credentials/${code}/print`;

/** How long verifiers and caches may keep a status list: the issue asks for changes seen within a minute. */
export const STATUS_LIST_TTL_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A certificate id from what people carry: the short code, the UUID or the urn:uuid form. */
export function certificateIdOf(reference: string): string | undefined {
  const text = reference
    .trim()
    .replace(/^urn:uuid:/, '')
    .toLowerCase();
  return UUID.test(text) ? text : idFromShortCode(reference.trim());
}

export function certificatesService(db: Db, secrets: IssuerSecrets) {
  const keys = certificateKeys(db, secrets.sessionSecret);
  const verify = credentialVerifier(db, secrets);

  async function byReference(reference: string): Promise<CertificateRow> {
    const id = certificateIdOf(reference);
    const certificate = id === undefined ? undefined : await certificateById(db, id);
    if (certificate === undefined) throw notFound('Certificate');
    return certificate;
  }

  return {
    /**
     * Issues the pack's certificate for a decided application; call it inside the decision's transaction
     * with the service built on that transaction. Idempotent per application and certificate type.
     */
    issueForApplication: (actor: Actor, input: IssueInput): Promise<Issued> =>
      issueCertificate(db, secrets, actor, input),

    /** Suspend, reinstate or revoke, with a reason: approvers of the issuing department and district. */
    changeStatus: (actor: Actor, reference: string, input: { action: string; reason: string }) =>
      byReference(reference).then((certificate) => changeStatus(db, actor, certificate.id, input)),

    /** The certificate, its history and what the actor may do now (approvers of its office only). */
    async forOfficer(actor: Actor, reference: string) {
      const id = certificateIdOf(reference);
      if (id === undefined)
        throw actor.kind === 'anonymous'
          ? new AppError('unauthenticated', 'Sign in first')
          : notFound('Certificate');
      const certificate = await managedCertificate(db, actor, id);
      return {
        certificate,
        shortCode: shortCode(certificate.id),
        events: await eventsOf(db, certificate.id),
        actions: allowedActions(certificate),
      };
    },

    /** Certificates of an application, for its page (the caller has checked the actor may see it). */
    async ofApplication(applicationNumber: string) {
      return (await certificatesOfApplication(db, applicationNumber)).map((row) => ({
        id: row.id,
        shortPath: `/c/${shortCode(row.id)}`,
        // The printed copy: a PDF when a browser prints them (PDF_BROWSER), else a page to print.
        document:
          secrets.pdfBrowser === undefined
            ? { kind: 'page' as const, path: certificatePrintPath(shortCode(row.id)) }
            : { kind: 'pdf' as const, path: certificatePdfPath(shortCode(row.id)) },
        certificateType: row.certificate_type,
        status: row.status,
        logIndex: row.log_index,
        credential: row.credential,
        issuedAt: row.issued_at,
      }));
    },

    /**
     * The certificate as its printed copy shows it, for whoever may see its application: the holder and the
     * issuing office, as on the application's page. `mayViewApplication` is the applications module's rule,
     * passed in by the caller (that module issues certificates through this one, so this one cannot import it).
     */
    async document(
      actor: Actor,
      reference: string,
      mayViewApplication: (actor: Actor, applicationNumber: string) => Promise<unknown>,
    ) {
      if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
      const certificate = await byReference(reference);
      await mayViewApplication(actor, certificate.application_number);
      const { departments } = await referenceService(db).referenceData(actor);
      const department = departments.find((row) => row.code === certificate.department_code);
      return certificateDocument(certificate, {
        publicUrl: secrets.publicUrl,
        issuer: {
          en: department?.nameEn ?? certificate.department_code,
          ur: department?.nameUr ?? certificate.department_code,
        },
      });
    },

    /** The signed credential behind a short code (public: the code is what the holder shares). */
    async credential(reference: string): Promise<string> {
      return (await byReference(reference)).credential;
    },

    verify,

    /** Verifies what a QR code or a paste holds: the compact JWS itself, or a link or code naming one. */
    async verifyPresented(presented: string) {
      const text = presented.trim();
      if (text.split('.').length === 3) return verify(text);
      const code = /\/c\/([A-Za-z0-9_-]{22})(?:[?#].*)?$/.exec(text)?.[1] ?? text;
      const id = certificateIdOf(code);
      const certificate = id === undefined ? undefined : await certificateById(db, id);
      return certificate === undefined
        ? ({ genuine: false, problem: 'malformed' } as const)
        : verify(certificate.credential);
    },

    async jwks(departmentCode?: string) {
      return keys.jwks(departmentCode);
    },

    /** A BitstringStatusListCredential, signed as vc+jwt by the list's department, built from the rows now. */
    async statusListCredential(name: string): Promise<string> {
      const parsed = parseListName(name);
      const list = parsed === undefined ? undefined : await statusList(db, parsed.listId);
      if (parsed === undefined || list === undefined) throw notFound('Status list');
      const set = await indicesWithStatus(
        db,
        list.id,
        parsed.purpose === 'revocation' ? 'revoked' : 'suspended',
      );
      const url = statusListUrl(secrets.publicUrl, name);
      const key = await keys.signingKey(list.department_code);
      const payload = {
        '@context': [VC_CONTEXT],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: issuerUrl(secrets.publicUrl, list.department_code),
        validFrom: `${new Date().toISOString().slice(0, 19)}Z`,
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: parsed.purpose,
          encodedList: encodeBitstring(list.length, set),
          ttl: STATUS_LIST_TTL_SECONDS * 1000,
        },
      };
      return signCompact({ alg: 'ES256', typ: VC_JWT_TYPE, kid: key.kid }, payload, key.privateKey);
    },

    /** New signing key for a department; the old one stays published (platform administrators, the console). */
    async rotateKeys(actor: Actor, departmentCode: string) {
      if (actor.kind !== 'system' && !hasProvinceRole(actor, 'platform_admin')) {
        throw forbidden('Only a platform administrator can rotate signing keys');
      }
      const { departments } = await referenceService(db).referenceData(actor);
      if (!departments.some((department) => department.code === departmentCode)) {
        throw new AppError('bad_request', `There is no department "${departmentCode}"`);
      }
      return inTransaction(db, async (trx) => {
        const rotated = await certificateKeys(trx, secrets.sessionSecret).rotate(departmentCode);
        await insertAuditEvent(trx, {
          actorId: actor.kind === 'user' ? actor.userId : null,
          actorLabel: actor.kind === 'anonymous' ? 'anonymous' : actor.label,
          action: 'certificate.signing_key_rotated',
          subjectType: 'department',
          subjectId: departmentCode,
          details: { retiredKid: rotated.retiredKid ?? null, newKid: rotated.newKid },
        });
        return rotated;
      });
    },

    credentialUrn,
  };
}

export type CertificatesService = ReturnType<typeof certificatesService>;
