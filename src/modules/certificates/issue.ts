// Issuing a certificate inside the caller's transaction (the application's decision): a status-list slot,
// the credential, its `certificate.issued` leaf in the transparency log (appended at once, so the credential
// can state its log index), the ES256 signature, the row, its history and the audit event.
import { randomInt, randomUUID } from 'node:crypto';
import { type Actor, type Role, actorId, actorLabel, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { transparencyLog } from '../transparency-log/service.ts';
import { type Fact, credentialUrn, draftCredential, shortCode } from './credential.ts';
import { VC_JWT_TYPE, signCompact } from './jws.ts';
import { certificateKeys } from './keys.ts';
import {
  certificateFor,
  countSlotUsed,
  insertCertificate,
  insertEvent,
  insertStatusList,
  lockDepartmentKeys,
  openStatusList,
  slotTaken,
  statusListCount,
} from './repo.ts';
import { STATUS_LIST_LENGTH } from './status-list.ts';

export interface IssueInput {
  readonly applicationNumber: string;
  readonly serviceCode: string;
  /** The pack's `issues.certificateType`, such as `domicile-certificate`. */
  readonly certificateType: string;
  readonly departmentCode: string;
  readonly districtCode: string;
  /** The facts the certificate states (name, CNIC, district...): signed into the credential. */
  readonly subject: Readonly<Record<string, Fact>>;
  readonly title?: { readonly en: string; readonly ur: string };
  readonly validUntil?: Date;
}

export interface Issued {
  readonly credentialId: string;
  readonly logIndex: number;
  /** The compact JWS (application/vc+jwt). */
  readonly credential: string;
  /** For QR codes too small for the credential itself: /c/<22 characters>. */
  readonly shortPath: string;
  /** False when this application already had this certificate (issuing is idempotent). */
  readonly created: boolean;
}

/** Staff of the issuing office in a working role; the workflow has already decided who may approve. */
const ISSUING_ROLES: readonly Role[] = [
  'operator',
  'clerk',
  'verifier',
  'approver',
  'field_officer',
  'department_admin',
];
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FACT_NAME = /^[a-z][a-zA-Z0-9]{0,59}$/;

function check(input: IssueInput): void {
  const facts = Object.entries(input.subject);
  const bad =
    !KEBAB.test(input.certificateType) ||
    facts.length > 40 ||
    facts.some(([name, value]) => !FACT_NAME.test(name) || (typeof value === 'string' && value.length > 500));
  if (bad) throw new AppError('bad_request', 'The certificate type or its facts are not well formed');
}

async function allocateSlot(trx: Db, departmentCode: string): Promise<{ listId: string; index: number }> {
  // The department's lock also keeps two issuers from opening the same new list.
  await lockDepartmentKeys(trx, departmentCode);
  let list = await openStatusList(trx, departmentCode);
  if (list === undefined) {
    const id = `${departmentCode}-${(await statusListCount(trx, departmentCode)) + 1}`;
    await insertStatusList(trx, { id, departmentCode, length: STATUS_LIST_LENGTH });
    list = { id, length: STATUS_LIST_LENGTH };
  }
  for (;;) {
    const index = randomInt(list.length);
    if (!(await slotTaken(trx, list.id, index))) {
      await countSlotUsed(trx, list.id);
      return { listId: list.id, index };
    }
  }
}

export interface IssuerSecrets {
  readonly publicUrl: string;
  readonly sessionSecret: string;
  /** Chromium for PDFs (config PDF_BROWSER); unset: the printed copy is a page the holder prints. */
  readonly pdfBrowser?: string | undefined;
}

export async function issueCertificate(
  db: Db,
  secrets: IssuerSecrets,
  actor: Actor,
  input: IssueInput,
): Promise<Issued> {
  const scope = { departmentCode: input.departmentCode, districtCode: input.districtCode };
  if (actor.kind !== 'system' && !ISSUING_ROLES.some((role) => hasRole(actor, role, scope))) {
    throw forbidden('Only the issuing office can issue this certificate');
  }
  check(input);
  return inTransaction(db, async (trx) => {
    const existing = await certificateFor(trx, input.applicationNumber, input.certificateType);
    if (existing !== undefined) {
      return {
        credentialId: existing.id,
        logIndex: existing.log_index,
        credential: existing.credential,
        shortPath: `/c/${shortCode(existing.id)}`,
        created: false,
      };
    }
    const id = randomUUID();
    const slot = await allocateSlot(trx, input.departmentCode);
    const draft = draftCredential({
      publicUrl: secrets.publicUrl,
      id,
      departmentCode: input.departmentCode,
      certificateType: input.certificateType,
      issuedAt: new Date(),
      ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
      ...(input.title === undefined ? {} : { title: input.title }),
      subject: { ...input.subject, applicationNumber: input.applicationNumber },
      statusListId: slot.listId,
      statusIndex: slot.index,
    });
    const { index: logIndex } = await transparencyLog(trx).appendNow('certificate.issued', {
      ids: {
        credentialId: credentialUrn(id),
        applicationNumber: input.applicationNumber,
        department: input.departmentCode,
        certificateType: input.certificateType,
      },
      record: draft,
    });
    const key = await certificateKeys(trx, secrets.sessionSecret).signingKey(input.departmentCode);
    const credential = signCompact(
      { alg: 'ES256', typ: VC_JWT_TYPE, kid: key.kid },
      { ...draft, logIndex },
      key.privateKey,
    );
    await insertCertificate(trx, {
      id,
      department_code: input.departmentCode,
      district_code: input.districtCode,
      application_number: input.applicationNumber,
      service_code: input.serviceCode,
      certificate_type: input.certificateType,
      kid: key.kid,
      credential,
      log_index: logIndex,
      status_list_id: slot.listId,
      status_index: slot.index,
      issued_by: actorLabel(actor),
    });
    await insertEvent(trx, {
      certificateId: id,
      action: 'issued',
      reason: null,
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
    });
    await insertAuditEvent(trx, {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: 'certificate.issued',
      subjectType: 'certificate',
      subjectId: id,
      details: {
        applicationNumber: input.applicationNumber,
        certificateType: input.certificateType,
        logIndex,
        kid: key.kid,
      },
    });
    return { credentialId: id, logIndex, credential, shortPath: `/c/${shortCode(id)}`, created: true };
  });
}
