// Suspending, reinstating and revoking a certificate: an approver of the issuing department (and district)
// acts with a reason. The status row, its history, the audit event and a queued log entry are one
// transaction; the published status list reads the rows, so verifiers see the change at once.
import { type Actor, actorId, actorLabel, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, type FieldError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import { transparencyLog } from '../transparency-log/service.ts';
import { credentialUrn } from './credential.ts';
import {
  type CertificateAction,
  type CertificateRow,
  type CertificateStatus,
  certificateById,
  insertEvent,
  updateStatus,
} from './repo.ts';

export type StatusAction = 'suspend' | 'reinstate' | 'revoke';
export const STATUS_ACTIONS: readonly StatusAction[] = ['suspend', 'reinstate', 'revoke'];

const TRANSITIONS: Record<
  StatusAction,
  { from: readonly CertificateStatus[]; to: CertificateStatus; event: CertificateAction }
> = {
  suspend: { from: ['valid'], to: 'suspended', event: 'suspended' },
  reinstate: { from: ['suspended'], to: 'valid', event: 'reinstated' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', event: 'revoked' },
};

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** Approvers whose grant covers the certificate's department and district. */
export function canManage(
  actor: Actor,
  certificate: Pick<CertificateRow, 'department_code' | 'district_code'>,
): boolean {
  return hasRole(actor, 'approver', {
    departmentCode: certificate.department_code,
    districtCode: certificate.district_code,
  });
}

export function allowedActions(certificate: Pick<CertificateRow, 'status'>): StatusAction[] {
  return STATUS_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(certificate.status));
}

/** The certificate, for someone allowed to manage it (others learn nothing, not even that it exists). */
export async function managedCertificate(db: Db, actor: Actor, id: string): Promise<CertificateRow> {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  const certificate = await certificateById(db, id);
  if (certificate === undefined || !canManage(actor, certificate)) {
    throw certificate === undefined
      ? notFound('Certificate')
      : forbidden('Only an approver of the issuing office can do this');
  }
  return certificate;
}

export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: string; reason: string },
): Promise<{ status: CertificateStatus }> {
  const certificate = await managedCertificate(db, actor, id);
  const reason = input.reason.trim();
  const action = STATUS_ACTIONS.find((candidate) => candidate === input.action);
  const problems: FieldError[] = [
    ...(action === undefined ? [{ field: 'action', messageKey: 'certificates.manage.actionRequired' }] : []),
    ...(reason.length < REASON_MIN || reason.length > REASON_MAX
      ? [
          {
            field: 'reason',
            messageKey: 'certificates.manage.reasonRequired',
            params: { min: REASON_MIN, max: REASON_MAX },
          },
        ]
      : []),
  ];
  if (
    action !== undefined &&
    problems.length === 0 &&
    !TRANSITIONS[action].from.includes(certificate.status)
  ) {
    problems.push({ field: 'action', messageKey: 'certificates.manage.notAllowedNow' });
  }
  if (action === undefined || problems.length > 0)
    throw validationFailed('The status change is not valid', problems);
  const transition = TRANSITIONS[action];
  return inTransaction(db, async (trx) => {
    if (!(await updateStatus(trx, id, certificate.status, transition.to))) {
      throw new AppError('conflict', 'Someone else changed this certificate first: reload it');
    }
    await insertEvent(trx, {
      certificateId: id,
      action: transition.event,
      reason,
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
    });
    await insertAuditEvent(trx, {
      actorId: actorId(actor),
      actorLabel: actorLabel(actor),
      action: `certificate.${transition.event}`,
      subjectType: 'certificate',
      subjectId: id,
      details: { from: certificate.status, to: transition.to, reason },
    });
    await transparencyLog(trx).append(`certificate.${transition.event}`, {
      ids: {
        credentialId: credentialUrn(id),
        statusList: certificate.status_list_id,
        statusIndex: certificate.status_index,
      },
      record: {
        credentialId: credentialUrn(id),
        status: transition.to,
        reason,
        at: new Date().toISOString(),
        by: actorId(actor),
      },
    });
    return { status: transition.to };
  });
}
