// What the complaint use cases share: the database, the category tree, links for messages, the hook for
// closed complaints, and loading a complaint for a viewer (who learns nothing of complaints they may not see).
import { timingSafeEqual } from 'node:crypto';
import { type Actor, actorId, actorLabel } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { referenceService } from '../reference/service.ts';
import type { CategoryTree } from './categories.ts';
import type { ComplaintClosedHook } from './closing.ts';
import { type ComplaintRow, findComplaint } from './repo.ts';
import { type Viewer, canView } from './workflow.ts';

export interface ComplaintsOptions {
  readonly publicUrl: string;
  readonly sessionSecret: string;
  /** Called in the closing transaction of every complaint that closes (see closing.ts). */
  readonly onClosed?: ComplaintClosedHook;
}

export interface ComplaintsContext {
  readonly db: Db;
  readonly tree: CategoryTree;
  readonly options: ComplaintsOptions;
  divisionOf(actor: Actor): Promise<(district: string) => string | undefined>;
}

/** How a complainant without an account proves it is theirs: the key of their tracking link. */
export interface Access {
  readonly key?: string | undefined;
}

export const NUMBER_PATTERN = /^CMP-\d{4}-\d{7}$/;

export function complaintNumber(year: number, sequence: number): string {
  return `CMP-${year}-${String(sequence).padStart(7, '0')}`;
}

/** The Gregorian year in Pakistan time, which decides the number's year. */
export function pakistanYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Karachi', year: 'numeric' }).format(at));
}

export function createContext(db: Db, tree: CategoryTree, options: ComplaintsOptions): ComplaintsContext {
  const reference = referenceService(db);
  return {
    db,
    tree,
    options,
    async divisionOf(actor) {
      const districts = (await reference.referenceData(actor)).districts;
      const map = new Map(districts.map((district) => [district.code, district.divisionCode]));
      return (district) => map.get(district);
    },
  };
}

function sameKey(given: string | undefined, stored: string | null): boolean {
  if (given === undefined || stored === null || given.length !== stored.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(stored));
}

export function isComplainant(actor: Actor, complaint: ComplaintRow, access: Access): boolean {
  if (complaint.complainant_id !== null && actorId(actor) === complaint.complainant_id) return true;
  return sameKey(access.key, complaint.tracking_key);
}

/** A numbered complaint the viewer may see, with the viewer's standing; not found for everyone else. */
export async function loadForViewer(
  context: ComplaintsContext,
  actor: Actor,
  number: string,
  access: Access,
): Promise<{ complaint: ComplaintRow; viewer: Viewer }> {
  if (!NUMBER_PATTERN.test(number)) throw notFound('Complaint');
  const complaint = await findComplaint(context.db, { number });
  if (complaint === undefined) {
    if (actor.kind === 'anonymous' && access.key === undefined)
      throw new AppError('unauthenticated', 'Sign in to see complaints');
    throw notFound('Complaint');
  }
  const viewer: Viewer = {
    actor,
    isComplainant: isComplainant(actor, complaint, access),
    divisionOf: await context.divisionOf(actor),
  };
  if (!canView(viewer, complaint)) {
    if (actor.kind === 'anonymous' && access.key === undefined)
      throw new AppError('unauthenticated', 'Sign in to see complaints');
    throw notFound('Complaint');
  }
  return { complaint, viewer };
}

export const who = (actor: Actor) => ({ actorId: actorId(actor), actorLabel: actorLabel(actor) });
