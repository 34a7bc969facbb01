// The auditor's view of the audit trail: read-only, for auditors and platform administrators.
import { type Actor, hasProvinceRole } from '../../platform/actor.ts';
import { type AuditFilters, searchAuditEvents } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden } from '../../platform/errors.ts';

export const AUDIT_PAGE_SIZE = 50;

export function auditService(db: Db) {
  return {
    async search(actor: Actor, filters: Omit<AuditFilters, 'limit'>) {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      if (!hasProvinceRole(actor, 'auditor') && !hasProvinceRole(actor, 'platform_admin')) {
        throw forbidden('Only auditors and platform administrators can read the audit trail');
      }
      // One extra row tells whether there is a next page.
      const rows = await searchAuditEvents(db, { ...filters, limit: AUDIT_PAGE_SIZE + 1 });
      return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
