// "My account": what the signed-in person can see and take away about themselves (the rights the draft
// Personal Data Protection Bill gives: access and portability).
import { type Actor, forbiddenUnlessUser } from './actor-guards.ts';
import { auditEventsInvolving } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { type AccountRecord, findAccountById } from './accounts/repo-identity.ts';
import { roleGrantsOf } from './accounts/repo.ts';
import type { SessionsService } from './sessions.ts';

export interface AccountOverview {
  readonly account: AccountRecord;
  readonly sessions: Awaited<ReturnType<SessionsService['list']>>;
}

export async function accountOverview(
  db: Db,
  sessions: SessionsService,
  actor: Actor,
): Promise<AccountOverview> {
  const userId = forbiddenUnlessUser(actor);
  const account = await findAccountById(db, userId);
  if (account === undefined) throw notFound('Account');
  return { account, sessions: await sessions.list(userId) };
}

/** Everything we hold about the person, as JSON; never secrets (password hash, TOTP secret). */
export async function exportPersonalData(db: Db, sessions: SessionsService, actor: Actor, now = new Date()) {
  const { account, sessions: live } = await accountOverview(db, sessions, actor);
  return {
    exportedAt: now.toISOString(),
    about: 'Personal data held by Sahulat (Government of Balochistan) about the account holder.',
    account: {
      id: account.id,
      kind: account.kind,
      status: account.status,
      fullName: account.fullName,
      fullNameUr: account.fullNameUr,
      cnic: account.cnic,
      mobile: account.mobile,
      mobileVerifiedAt: account.mobileVerifiedAt,
      email: account.email,
      emailVerifiedAt: account.emailVerifiedAt,
      preferredLocale: account.preferredLocale,
      secondFactorEnrolledAt: account.totpEnrolledAt,
      createdAt: account.createdAt,
      lastSignInAt: account.lastSignInAt,
    },
    roles: await roleGrantsOf(db, account.id),
    activeSessions: live.map((session) => ({
      startedAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      ip: session.ip,
      device: session.userAgent,
    })),
    activity: await auditEventsInvolving(db, account.id),
  };
}
