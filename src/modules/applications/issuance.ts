// What a decision leaves behind outside the application: the pack's certificate when it is approved, and an
// entry in the public transparency log for every workflow action. Both run inside the decision's
// transaction, so a decision is never recorded without them (nor they without it).
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { certificatesService } from '../certificates/service.ts';
import type { Fact } from '../certificates/credential.ts';
import { referenceService } from '../reference/service.ts';
import type { ServicePack } from '../services/pack/validate.ts';
import { transparencyLog } from '../transparency-log/service.ts';
import type { Answers } from './form/answers.ts';
import { type ApplicationRow, insertEvent } from './repo.ts';

export interface IssuerOptions {
  readonly publicUrl: string;
  readonly sessionSecret: string;
  /** Chromium for certificate PDFs (config PDF_BROWSER); unset: the printed copy is a page to print. */
  readonly pdfBrowser?: string | undefined;
}

/** The first answer among the packs' names for the same fact (fields differ between services). */
function firstAnswer(answers: Answers, ids: readonly string[]): string | undefined {
  for (const id of ids) {
    const value = answers[id];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * A CNIC on a certificate shows only what a verifier compares with the card in front of them: the
 * district prefix and the last digit. The full number is personal data the holder need not hand out.
 */
export function maskCnic(cnic: string): string {
  const digits = cnic.replace(/\D/g, '');
  return digits.length === 13 ? `${digits.slice(0, 5)}-•••••••-${digits.slice(12)}` : '•••••-•••••••-•';
}

/** The facts a verifier needs, from the answers: holder, father, masked CNIC, business, district. */
export async function certificateFacts(
  db: Db,
  actor: Actor,
  application: ApplicationRow,
): Promise<Record<string, Fact>> {
  const answers = application.answers as Answers;
  const facts: Record<string, Fact> = {};
  const fullName = firstAnswer(answers, ['fullName', 'tenantName', 'ownerName']);
  const fatherName = firstAnswer(answers, ['fatherName', 'tenantFatherName']);
  const cnic = firstAnswer(answers, ['applicantCnic', 'tenantCnic', 'ownerCnic']);
  const businessName = firstAnswer(answers, ['businessName']);
  if (fullName !== undefined) facts['fullName'] = fullName;
  if (fatherName !== undefined) facts['fatherName'] = fatherName;
  if (cnic !== undefined) facts['cnic'] = maskCnic(cnic);
  if (businessName !== undefined) facts['businessName'] = businessName;
  const { districts } = await referenceService(db).referenceData(actor);
  const district = districts.find((row) => row.code === application.district_code);
  facts['district'] = district?.nameEn ?? application.district_code;
  return facts;
}

/** Issues the pack's certificate for an approved application and notes it in the application's history. */
export async function issueOnApproval(
  trx: Db,
  options: IssuerOptions,
  actor: Actor,
  application: ApplicationRow & { number: string },
  pack: ServicePack,
) {
  if (pack.issues === null) return undefined;
  const issued = await certificatesService(trx, options).issueForApplication(actor, {
    applicationNumber: application.number,
    serviceCode: pack.code,
    certificateType: pack.issues.certificateType,
    departmentCode: application.department_code,
    districtCode: application.district_code,
    subject: await certificateFacts(trx, actor, application),
    title: { en: pack.name.en, ur: pack.name.ur },
  });
  if (issued.created) {
    await insertEvent(trx, {
      applicationId: application.id,
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      kind: 'certificate_issued',
      remarks: `${options.publicUrl}${issued.shortPath}`,
    });
  }
  return issued;
}

/**
 * Queues the action's public entry: the identifiers in clear, and the hash of a record that includes the
 * application's id (random), so nobody can guess the record from the identifiers. Remarks and answers,
 * which hold personal data, are not in the record at all.
 */
export async function logAction(
  trx: Db,
  application: ApplicationRow & { number: string },
  step: { action: string; from: string; to: string; outcome: string | null; at: Date },
) {
  const ids = {
    applicationNumber: application.number,
    service: application.service_code,
    action: step.action,
    from: step.from,
    to: step.to,
    ...(step.outcome === null ? {} : { outcome: step.outcome }),
  };
  await transparencyLog(trx).append(step.outcome === null ? 'application.action' : 'application.decided', {
    ids,
    record: { ...ids, applicationId: application.id, at: step.at.toISOString() },
  });
}

/** An application's certificates with absolute short links (what its QR code carries). */
export async function issuedCertificates(db: Db, options: IssuerOptions, number: string) {
  const rows = await certificatesService(db, options).ofApplication(number);
  return rows.map((row) => ({ ...row, shortUrl: `${options.publicUrl}${row.shortPath}` }));
}

export type IssuedCertificate = Awaited<ReturnType<typeof issuedCertificates>>[number];
