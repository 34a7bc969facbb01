// Filing a complaint. A signed-in citizen's, a contact-centre agent's (for a caller) and an Open311 app's
// complaint is accepted at once: numbered, routed to the district's grievance officer and acknowledged.
// An overseas filer's waits until they type back the code sent to their foreign mobile.
import { randomBytes } from 'node:crypto';
import { type Actor, actorId, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, type FieldError, forbidden, notFound, validationFailed } from '../../platform/errors.ts';
import type { VerifyResult } from '../identity/credentials/one-time-codes.ts';
import { identityService } from '../identity/service.ts';
import { referenceService } from '../reference/service.ts';
import { checkCanFile } from './abuse.ts';
import { type ComplaintsContext, complaintNumber, pakistanYear, who } from './context.ts';
import {
  type CheckedFiling,
  type FilingForm,
  type FilingMode,
  MAX_FILES,
  checkFilingForm,
} from './filing-form.ts';
import { notifyComplainant } from './notify.ts';
import {
  type ComplaintRow,
  type StoredAttachment,
  findComplaint,
  insertAttachments,
  insertComplaint,
  insertEvent,
  nextNumber,
  updateIfVersion,
} from './repo.ts';

const HOUR_MS = 3_600_000;

export type Filed =
  | { readonly kind: 'filed'; readonly number: string; readonly key: string | null }
  | { readonly kind: 'pending'; readonly id: string };

function requireMode(actor: Actor, mode: FilingMode): void {
  const allowed =
    mode === 'citizen'
      ? actor.kind === 'user' && actor.accountKind === 'citizen'
      : mode === 'contact_centre'
        ? hasRole(actor, 'contact_centre_agent')
        : mode === 'open311'
          ? actor.kind === 'system'
          : true; // overseas: anyone, signed in or not; the code to the mobile is the proof
  if (allowed) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in to file a complaint');
  throw forbidden('You cannot file complaints this way');
}

/** The fields a complaint gets when it is accepted: its number, its deadline, a link key if needed. */
async function acceptance(trx: Db, deadlineHours: number, withKey: boolean, now: Date) {
  const year = pakistanYear(now);
  const due = new Date(now.getTime() + deadlineHours * HOUR_MS);
  return {
    number: complaintNumber(year, await nextNumber(trx, year)),
    state: 'submitted' as const,
    filed_at: now,
    first_due_at: due,
    due_at: due,
    tracking_key: withKey ? randomBytes(18).toString('base64url') : null,
  };
}

async function acknowledge(
  context: ComplaintsContext,
  trx: Db,
  actor: Actor,
  complaint: ComplaintRow,
  now: Date,
) {
  await insertEvent(trx, {
    complaintId: complaint.id,
    ...who(actor),
    kind: 'filed',
    toState: 'submitted',
    at: now,
  });
  await insertAuditEvent(trx, {
    ...who(actor),
    action: 'complaint.filed',
    subjectType: 'complaint',
    subjectId: complaint.number ?? complaint.id,
    details: {
      channel: complaint.channel,
      department: complaint.department_code,
      district: complaint.district_code,
    },
  });
  await notifyComplainant(
    trx,
    { publicUrl: context.options.publicUrl, tree: context.tree },
    complaint,
    'complaint.received',
    {
      date: complaint.due_at ?? now,
    },
  );
}

export function filingUseCases(context: ComplaintsContext) {
  const { db } = context;
  const identity = (on: Db) => identityService(on, { sessionSecret: context.options.sessionSecret });

  async function check(actor: Actor, mode: FilingMode, form: FilingForm) {
    requireMode(actor, mode);
    const districts = (await referenceService(db).referenceData(actor)).districts;
    return checkFilingForm(form, mode, context.tree, districts);
  }

  return {
    /** Throws unless the actor may file this way (the form page asks before showing the form). */
    mayFile(actor: Actor, mode: FilingMode): void {
      requireMode(actor, mode);
    },

    /** The form's field errors for `mode` (empty when it can be filed); refuses modes the actor lacks. */
    async checkFiling(actor: Actor, mode: FilingMode, form: FilingForm): Promise<FieldError[]> {
      return (await check(actor, mode, form)).errors;
    },

    async file(
      actor: Actor,
      mode: FilingMode,
      form: FilingForm,
      extra: {
        documents?: readonly StoredAttachment[];
        apiKeyId?: string;
        attributes?: Record<string, string>;
      } = {},
      now: Date = new Date(),
    ): Promise<Filed> {
      const { filing, errors } = await check(actor, mode, form);
      if (filing === undefined) throw validationFailed('The complaint form has problems', errors);
      if (mode === 'contact_centre' && !hasRole(actor, 'contact_centre_agent', scopeOf(filing)))
        throw forbidden('This complaint is outside your contact centre');
      const documents = extra.documents ?? [];
      if (documents.length > MAX_FILES)
        throw validationFailed('Too many files', [
          { field: 'evidence', messageKey: 'complaints.error.tooManyFiles' },
        ]);
      const complainantId = mode === 'citizen' || mode === 'overseas' ? citizenId(actor) : null;
      return inTransaction(db, async (trx) => {
        await checkCanFile(trx, { complainantId, mobile: filing.mobile }, now);
        const row = { ...rowFor(filing, mode, actor, complainantId, extra), created_at: now };
        if (mode === 'overseas') {
          const id = await insertComplaint(trx, {
            ...row,
            number: null,
            state: 'pending_verification',
            filed_at: null,
            first_due_at: null,
            due_at: null,
            tracking_key: null,
          });
          await insertAttachments(trx, id, null, documents);
          await identity(trx).sendMobileProof(actor, {
            mobile: filing.mobile ?? '',
            locale: filing.locale,
            reference: id,
          });
          return { kind: 'pending', id } as const;
        }
        const accepted = await acceptance(trx, filing.subType.deadlineHours, complainantId === null, now);
        const id = await insertComplaint(trx, { ...row, ...accepted });
        await insertAttachments(trx, id, null, documents);
        const complaint = await findComplaint(trx, { id });
        if (complaint === undefined) throw new Error('The complaint just filed is missing');
        await acknowledge(context, trx, actor, complaint, now);
        return { kind: 'filed', number: accepted.number, key: accepted.tracking_key } as const;
      });
    },

    /** The foreign mobile an overseas filing waits on, for the page that asks for the code. */
    async pendingOverseas(_actor: Actor, id: string): Promise<{ mobile: string }> {
      const complaint = await findComplaint(db, { id });
      if (complaint?.state !== 'pending_verification' || complaint.contact_mobile === null)
        throw notFound('Complaint');
      return { mobile: complaint.contact_mobile };
    },

    async resendOverseasCode(actor: Actor, id: string): Promise<void> {
      const { mobile } = await this.pendingOverseas(actor, id);
      const complaint = await findComplaint(db, { id });
      await identity(db).sendMobileProof(actor, {
        mobile,
        locale: complaint?.contact_locale ?? 'en',
        reference: id,
      });
    },

    /** The code typed back: the complaint is accepted, or the reason it is not. */
    async confirmOverseas(
      actor: Actor,
      id: string,
      code: string,
      now: Date = new Date(),
    ): Promise<
      { status: 'ok'; number: string; key: string | null } | Exclude<VerifyResult, { status: 'ok' }>
    > {
      const { mobile } = await this.pendingOverseas(actor, id);
      const result = await identity(db).checkMobileProof({ mobile, code });
      if (result.status !== 'ok') return result;
      return inTransaction(db, async (trx) => {
        const pending = await findComplaint(trx, { id });
        if (pending?.state !== 'pending_verification') throw notFound('Complaint');
        const accepted = await acceptance(trx, pending.deadline_hours, pending.complainant_id === null, now);
        if (!(await updateIfVersion(trx, id, pending.version, { ...accepted, mobile_verified_at: now }, now)))
          throw new AppError('conflict', 'The complaint was confirmed elsewhere');
        const complaint = await findComplaint(trx, { id });
        if (complaint === undefined) throw notFound('Complaint');
        await acknowledge(context, trx, actor, complaint, now);
        return { status: 'ok', number: accepted.number, key: accepted.tracking_key } as const;
      });
    },
  };
}

const scopeOf = (filing: CheckedFiling) => ({
  departmentCode: filing.subType.department,
  districtCode: filing.district.code,
});

function citizenId(actor: Actor): string | null {
  return actor.kind === 'user' && actor.accountKind === 'citizen' ? actor.userId : null;
}

function rowFor(
  filing: CheckedFiling,
  mode: FilingMode,
  actor: Actor,
  complainantId: string | null,
  extra: { apiKeyId?: string; attributes?: Record<string, string> },
) {
  return {
    category_code: filing.categoryCode,
    sub_type_code: filing.subType.code,
    department_code: filing.subType.department,
    district_code: filing.district.code,
    division_code: filing.district.divisionCode,
    address: filing.address,
    latitude: filing.latitude,
    longitude: filing.longitude,
    description: filing.description,
    attributes: extra.attributes ?? {},
    is_public: filing.isPublic,
    channel: mode === 'citizen' ? ('web' as const) : mode,
    complainant_id: complainantId,
    filed_by: mode === 'contact_centre' ? actorId(actor) : null,
    api_key_id: extra.apiKeyId ?? null,
    contact_name: filing.contactName,
    contact_mobile: filing.mobile,
    contact_email: filing.email,
    contact_locale: filing.locale,
    overseas_document_kind: filing.document?.kind ?? null,
    overseas_document_number: filing.document?.number ?? null,
    mobile_verified_at: null,
    assigned_to: null,
    deadline_hours: filing.subType.deadlineHours,
    resolved_at: null,
    closed_at: null,
    rating: null,
  };
}
