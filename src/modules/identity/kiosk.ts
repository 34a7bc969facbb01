// Self-service kiosks: an administrator turns a browser into a kiosk of a centre (the signed cookie is set by
// the route, see platform/http/kiosk-mode.ts) or back into an ordinary browser; a kiosk session that has sat
// idle is ended by the timeout page. Enrolment and removal are audited.
import { type Actor, actorLabel, hasProvinceRole, hasRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { type FieldError, forbidden, validationFailed } from '../../platform/errors.ts';
import type { KioskTerminal } from '../../platform/http/kiosk-mode.ts';
import { referenceService } from '../reference/service.ts';
import {
  type ClientInfo,
  KIOSK_IDLE_TIMEOUT_SECONDS,
  type ResolvedSession,
  type SessionsService,
} from './sessions.ts';

const where = (client: ClientInfo) => ({
  ...(client.ip === null ? {} : { ip: client.ip }),
  ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
});

/**
 * The districts this administrator may put a kiosk in: every one for a province-wide platform administrator,
 * a department administrator's own district (or every one when the grant names none). Empty: not allowed.
 */
export async function kioskDistricts(db: Db, actor: Actor): Promise<string[]> {
  const all = (await referenceService(db).referenceData(actor)).districts.map((district) => district.code);
  if (hasProvinceRole(actor, 'platform_admin')) return all;
  return all.filter((districtCode) => hasRole(actor, 'department_admin', { districtCode }));
}

async function requireKioskAdmin(db: Db, actor: Actor): Promise<string[]> {
  const districts = await kioskDistricts(db, actor);
  if (districts.length === 0) throw forbidden('Only an administrator can set up or remove a kiosk');
  return districts;
}

export async function enrolKiosk(
  db: Db,
  actor: Actor,
  input: { centre: string; districtCode: string },
  client: ClientInfo,
): Promise<KioskTerminal> {
  const districts = await requireKioskAdmin(db, actor);
  const centre = input.centre.trim().replace(/\s+/g, ' ');
  const errors: FieldError[] = [];
  if (centre.length < 3 || centre.length > 120)
    errors.push({ field: 'centre', messageKey: 'kiosk.centreRequired' });
  if (!districts.includes(input.districtCode))
    errors.push({ field: 'district', messageKey: 'applications.districtRequired' });
  if (errors.length > 0) throw validationFailed('Name the centre and its district', errors);
  await insertAuditEvent(db, {
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actorLabel(actor),
    action: 'kiosk.enrolled',
    subjectType: 'kiosk',
    subjectId: input.districtCode,
    details: { centre },
    ...where(client),
  });
  return { centre, districtCode: input.districtCode };
}

export async function leaveKiosk(
  db: Db,
  actor: Actor,
  terminal: KioskTerminal | null,
  client: ClientInfo,
): Promise<void> {
  await requireKioskAdmin(db, actor);
  if (terminal === null) return;
  await insertAuditEvent(db, {
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actorLabel(actor),
    action: 'kiosk.left',
    subjectType: 'kiosk',
    subjectId: terminal.districtCode,
    details: { centre: terminal.centre },
    ...where(client),
  });
}

/**
 * Ends the session behind the kiosk's timeout page. Only a kiosk session (its idle limit is the kiosk's),
 * and only on a kiosk: anywhere else signing out stays a POST with a CSRF token. See routes-kiosk.ts.
 */
export async function endIdleKioskSession(
  db: Db,
  sessions: SessionsService,
  resolved: ResolvedSession | null,
  onKiosk: boolean,
  client: ClientInfo,
): Promise<boolean> {
  if (!onKiosk || resolved === null) return false;
  if (resolved.session.idleTimeoutSeconds > KIOSK_IDLE_TIMEOUT_SECONDS) return false;
  const ended = await sessions.end(resolved.session.userId, resolved.session.id);
  if (ended) {
    await insertAuditEvent(db, {
      actorId: resolved.session.userId,
      actorLabel: actorLabel(resolved.actor),
      action: 'session.ended',
      subjectType: 'user_session',
      subjectId: resolved.session.id,
      details: { reason: 'kiosk_idle' },
      ...where(client),
    });
  }
  return ended;
}
