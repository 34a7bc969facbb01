// Server-side sessions. The cookie holds a random token; the database keeps only its SHA-256, the owner,
// and the timeouts: idle 30 minutes for citizens and 15 for staff (2 on a kiosk), absolute 12 hours. A staff session is
// not usable until the second factor is checked. Disabling an account ends its sessions at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { findAccountById } from './accounts/repo-identity.ts';
import { roleGrantsOf } from './accounts/repo.ts';
import {
  type SessionRow,
  findLiveSession,
  insertSession,
  listLiveSessions,
  lowerIdleTimeout,
  markSessionMfaVerified,
  revokeSession,
  revokeSessionsOf,
  touchSession,
} from './repo-sessions.ts';

export const SESSION_COOKIE = 'sid';
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;
export const IDLE_TIMEOUT_SECONDS = { citizen: 30 * 60, staff: 15 * 60 } as const;
/** Any session used on a self-service kiosk (see platform/http/kiosk-mode.ts) ends after 2 idle minutes. */
export const KIOSK_IDLE_TIMEOUT_SECONDS = 120;
/** last_seen_at is written at most this often, so reading pages does not mean a write per request. */
const TOUCH_INTERVAL_MS = 60_000;
/**
 * ...except for short idle limits (kiosks), where a minute's slack would halve the time a person has:
 * those are written at every request (a kiosk serves one person at a time).
 */
const TOUCH_EVERY_REQUEST_UP_TO_SECONDS = 5 * 60;

export interface ClientInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface ResolvedSession {
  readonly session: SessionRow;
  /** The signed-in user, or anonymous while a staff session still waits for its second factor. */
  readonly actor: Actor;
  readonly awaitingSecondFactor: boolean;
  readonly accountKind: 'citizen' | 'staff';
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

export function sessionsService(db: Db, clock: () => Date = () => new Date()) {
  return {
    /** Starts a new session (a new id at every sign-in, so a planted cookie is worthless). */
    async create(
      account: { id: string; kind: 'citizen' | 'staff' },
      client: ClientInfo,
      secondFactorDone: boolean,
    ): Promise<{ token: string; sessionId: string }> {
      const now = clock();
      const token = randomBytes(32).toString('base64url');
      const sessionId = await insertSession(db, {
        tokenHash: hashToken(token),
        userId: account.id,
        expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_SECONDS * 1000),
        idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS[account.kind],
        mfaVerifiedAt: account.kind === 'citizen' || secondFactorDone ? now : null,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 400) ?? null,
      });
      return { token, sessionId };
    },

    async resolve(token: string): Promise<ResolvedSession | undefined> {
      const now = clock();
      const session = await findLiveSession(db, hashToken(token), now);
      if (session === undefined) return undefined;
      const account = await findAccountById(db, session.userId);
      if (account === undefined || account.status !== 'active') return undefined;
      const touchEvery =
        session.idleTimeoutSeconds <= TOUCH_EVERY_REQUEST_UP_TO_SECONDS ? 0 : TOUCH_INTERVAL_MS;
      if (now.getTime() - session.lastSeenAt.getTime() > touchEvery) await touchSession(db, session.id, now);
      const awaitingSecondFactor = account.kind === 'staff' && session.mfaVerifiedAt === null;
      const actor: Actor = awaitingSecondFactor
        ? { kind: 'anonymous' }
        : {
            kind: 'user',
            userId: account.id,
            label: account.fullName,
            accountKind: account.kind,
            grants: account.kind === 'staff' ? await roleGrantsOf(db, account.id) : [],
          };
      return { session, actor, awaitingSecondFactor, accountKind: account.kind };
    },

    /**
     * The acting user of an active account, for credentials other than a session: Bearer tokens of our
     * OpenID Provider (whose sign-in already passed the second factor for staff). Undefined when disabled.
     */
    async actorOfAccount(accountId: string): Promise<Actor | undefined> {
      const account = await findAccountById(db, accountId);
      if (account === undefined || account.status !== 'active') return undefined;
      return {
        kind: 'user',
        userId: account.id,
        label: account.fullName,
        accountKind: account.kind,
        grants: account.kind === 'staff' ? await roleGrantsOf(db, account.id) : [],
      };
    },

    /** Shortens a session's idle limit (never lengthens it): a session on a kiosk gets two minutes. */
    async limitIdle(sessionId: string, seconds: number): Promise<void> {
      await lowerIdleTimeout(db, sessionId, seconds);
    },

    async completeSecondFactor(sessionId: string): Promise<void> {
      await markSessionMfaVerified(db, sessionId, clock());
    },

    async list(userId: string): Promise<SessionRow[]> {
      return listLiveSessions(db, userId, clock());
    },

    async end(userId: string, sessionId: string): Promise<boolean> {
      return revokeSession(db, sessionId, userId, clock());
    },

    /** "Sign out everywhere": every session of the account, optionally keeping the current one. */
    async endAll(userId: string, keepSessionId?: string): Promise<number> {
      return revokeSessionsOf(db, userId, clock(), keepSessionId);
    },
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
