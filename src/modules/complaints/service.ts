// Complaints: filing (filing.ts), acting (actions.ts), the clock (deadlines.ts, unconfirmed.ts), abuse
// controls (abuse.ts) and here the reading side: one complaint for whoever may see it, a complainant's
// list, the officers' inbox, the dashboards and the public page. Authorisation is checked in each use case.
import { type Actor, hasProvinceRole, hasRole, systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { abuseUseCases } from './abuse.ts';
import { actionUseCases } from './actions.ts';
import { type CategoryTree, categoryTree } from './categories.ts';
import {
  type Access,
  type ComplaintsOptions,
  NUMBER_PATTERN,
  createContext,
  loadForViewer,
} from './context.ts';
import { deadlineUseCases } from './deadlines.ts';
import { filingUseCases } from './filing.ts';
import { open311UseCases } from './open311/service.ts';
import { unconfirmedUseCases } from './unconfirmed.ts';
import { type ComplaintRow, attachmentsOf, eventsOf } from './repo.ts';
import {
  type Figures,
  type InboxReach,
  type PublicPhoto,
  complaintsOf,
  figures,
  findPublicPhoto,
  inboxFor,
  publicComplaints,
} from './repo-lists.ts';
import { allowedActions, isAnswerable } from './workflow.ts';

export type { ComplaintsOptions } from './context.ts';

const DASHBOARD_ROLES = [
  'grievance_officer',
  'department_admin',
  'auditor',
  'platform_admin',
  'me_focal_person',
] as const;

/** How long the public figures may be old: they are computed at most once a minute per instance. */
export const PUBLIC_FIGURES_TTL_MS = 60_000;

interface PublicOverview {
  readonly byDepartment: Awaited<ReturnType<typeof figures>>;
  readonly byDistrict: Awaited<ReturnType<typeof figures>>;
  readonly recent: ReturnType<typeof anonymised>[];
}

export function complaintsService(db: Db, options: ComplaintsOptions, tree: CategoryTree = categoryTree()) {
  const context = createContext(db, tree, options);
  const accounts = accountsService(db);
  let publicCache: { at: number; overview: Promise<PublicOverview> } | undefined;

  async function reachesOf(actor: Actor): Promise<InboxReach[]> {
    if (actor.kind !== 'user') return [];
    const divisionOf = await context.divisionOf(actor);
    const reaches: InboxReach[] = [];
    for (const grant of actor.grants) {
      if (grant.role === 'field_officer') reaches.push({ kind: 'assignee', userId: actor.userId });
      if (grant.role !== 'grievance_officer') continue;
      if (grant.districtCode === null)
        reaches.push({ kind: 'province', departmentCode: grant.departmentCode });
      else if (grant.departmentCode !== null)
        reaches.push({
          kind: 'office',
          departmentCode: grant.departmentCode,
          districtCode: grant.districtCode,
        });
      else {
        const division = divisionOf(grant.districtCode);
        if (division !== undefined) reaches.push({ kind: 'division', divisionCode: division });
      }
    }
    return reaches;
  }

  return {
    tree,
    ...filingUseCases(context),
    ...actionUseCases(context),
    ...deadlineUseCases(context),
    ...abuseUseCases(context),
    ...unconfirmedUseCases(context),
    open311: open311UseCases(context),

    /** One complaint with its history, attachments, the viewer's actions and, for officers, whom to assign. */
    async get(actor: Actor, number: string, access: Access = {}, now: Date = new Date()) {
      const { complaint, viewer } = await loadForViewer(context, actor, number, access);
      const actions = allowedActions(viewer, complaint, now);
      const events = await eventsOf(db, complaint.id);
      const staff = actor.kind === 'user' && actor.accountKind === 'staff';
      const names = staff
        ? await accounts.staffNames(actor, [
            ...(complaint.assigned_to === null ? [] : [complaint.assigned_to]),
            ...events.flatMap((event) => (event.assignee_id === null ? [] : [event.assignee_id])),
          ])
        : new Map<string, string>();
      const fieldOfficers = actions.includes('assign')
        ? await accounts.officersHolding(systemActor('complaints'), {
            role: 'field_officer',
            departmentCode: complaint.department_code,
            districtCode: complaint.district_code,
          })
        : [];
      return {
        complaint,
        events,
        attachments: await attachmentsOf(db, complaint.id),
        actions,
        isComplainant: viewer.isComplainant,
        isStaff: staff,
        answerable: isAnswerable(viewer, complaint),
        names,
        fieldOfficers: fieldOfficers.map((officer) => ({ id: officer.id, name: officer.fullName })),
      };
    },

    /** The stored document behind one attachment, for whoever may see the complaint. */
    async attachment(actor: Actor, number: string, attachmentId: number, access: Access = {}) {
      const { complaint } = await loadForViewer(context, actor, number, access);
      const found = (await attachmentsOf(db, complaint.id)).find(
        (attachment) => attachment.id === attachmentId,
      );
      if (found === undefined) throw notFound('Attachment');
      return found;
    },

    async mine(actor: Actor): Promise<ComplaintRow[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      return complaintsOf(db, actor.userId);
    },

    /** Open complaints the actor must act on: a grievance officer's by level, a field officer's assigned. */
    async inbox(
      actor: Actor,
      search: { number?: string; overdueOnly?: boolean } = {},
      now: Date = new Date(),
    ) {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      if (!actor.grants.some((grant) => grant.role === 'grievance_officer' || grant.role === 'field_officer'))
        throw forbidden('You have no complaints inbox');
      const number = search.number?.trim().toUpperCase();
      return inboxFor(db, await reachesOf(actor), {
        ...(number === undefined || !NUMBER_PATTERN.test(number) ? {} : { number }),
        ...(search.overdueOnly === undefined ? {} : { overdueOnly: search.overdueOnly }),
        now,
      });
    },

    /**
     * Figures per department and district for staff who oversee complaints: all departments for
     * province-wide grants, their own department otherwise.
     */
    async dashboard(
      actor: Actor,
      period: { from?: Date; to?: Date } = {},
      now: Date = new Date(),
    ): Promise<Figures[]> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      const grants = actor.grants.filter((grant) =>
        (DASHBOARD_ROLES as readonly string[]).includes(grant.role),
      );
      if (grants.length === 0) throw forbidden('You cannot see complaint figures');
      const provinceWide = grants.some((grant) => grant.departmentCode === null);
      const department = provinceWide ? null : (grants[0]?.departmentCode ?? null);
      return figures(db, { groupBy: 'both', departmentCode: department, ...period, now });
    },

    /** What anyone may see: figures by department and by district, and recent public complaints. */
    /**
     * The public figures and list, the same for everyone. They read every complaint (about a second at a
     * million), and the page is open to anyone, so one computation serves all requests for a minute:
     * concurrent visitors share it rather than each starting their own.
     */
    publicOverview(_actor: Actor, now: Date = new Date()): Promise<PublicOverview> {
      if (publicCache !== undefined && now.getTime() - publicCache.at < PUBLIC_FIGURES_TTL_MS)
        return publicCache.overview;
      const overview = (async () => {
        const [byDepartment, byDistrict, recent] = await Promise.all([
          figures(db, { groupBy: 'department', now }),
          figures(db, { groupBy: 'district', now }),
          publicComplaints(db),
        ]);
        return { byDepartment, byDistrict, recent: recent.map(anonymised) };
      })();
      const entry = { at: now.getTime(), overview };
      publicCache = entry;
      // A failure is not kept: the next visitor tries again.
      overview.catch(() => {
        if (publicCache === entry) publicCache = undefined;
      });
      return overview;
    },

    /**
     * A photo filed with a public complaint, for anyone (never evidence added later, never a PDF); the
     * route publishes it only as `publishableImage` (media.ts) leaves it, without its metadata.
     */
    async publicPhoto(_actor: Actor, number: string, id: number): Promise<PublicPhoto> {
      const photo = NUMBER_PATTERN.test(number) ? await findPublicPhoto(db, number, id) : undefined;
      if (photo === undefined) throw notFound('Photo');
      return photo;
    },

    /** Whether the actor may see the dashboards (for the pages' navigation). */
    canSeeDashboard(actor: Actor): boolean {
      return DASHBOARD_ROLES.some((role) => hasRole(actor, role)) || hasProvinceRole(actor, 'auditor');
    },
  };
}

/** A public complaint without anything that names or reaches the complainant. */
export function anonymised(complaint: ComplaintRow) {
  return {
    number: complaint.number ?? '',
    subTypeCode: complaint.sub_type_code,
    departmentCode: complaint.department_code,
    districtCode: complaint.district_code,
    address: complaint.address,
    latitude: complaint.latitude,
    longitude: complaint.longitude,
    description: complaint.description,
    state: complaint.state,
    filedAt: complaint.filed_at ?? complaint.created_at,
    updatedAt: complaint.updated_at,
    dueAt: complaint.due_at,
  };
}

export type ComplaintsService = ReturnType<typeof complaintsService>;
export type PublicComplaint = ReturnType<typeof anonymised>;
