// The identity module's use cases, wired to one database handle (see src/services.ts).
import { type Actor, actorLabel } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { accountOverview, exportPersonalData } from './account.ts';
import { type ContactKind, confirmContactChange, startContactChange } from './contacts.ts';
import { oneTimeCodes } from './credentials/one-time-codes.ts';
import { runHousekeeping } from './housekeeping.ts';
import { provisionCitizen, provisionSecondFactor } from './provisioning.ts';
import { requestPasswordReset, resetPassword } from './recovery.ts';
import { contactToVerify, resendVerificationCode, verifyContact } from './verification.ts';
import { checkMobileProof, sendMobileProof } from './mobile-proof.ts';
import { type WalkIn, checkCounterConsentCode, sendCounterConsentCode } from './counter-consent.ts';
import { endIdleKioskSession, enrolKiosk, kioskDistricts, leaveKiosk } from './kiosk.ts';
import type { KioskTerminal } from '../../platform/http/kiosk-mode.ts';
import { type SignUpForm, signUpCitizen } from './sign-up.ts';
import type { AccountRecord } from './accounts/repo-identity.ts';
import { checkSecondFactor, confirmEnrolment, enrolmentSecret, pendingAccount } from './second-factor.ts';
import { type ClientInfo, type ResolvedSession, sessionsService } from './sessions.ts';
import { signInWithPassword } from './sign-in.ts';

export function identityService(db: Db, secrets: { sessionSecret: string }) {
  const sessions = sessionsService(db);
  const codes = oneTimeCodes({ key: deriveKey(secrets.sessionSecret, 'one-time-codes') });
  return {
    sessions,

    pendingSecondFactor: (session: ResolvedSession | null) => pendingAccount(db, session),
    enrolmentSecret: (account: AccountRecord) => enrolmentSecret(db, account),
    confirmEnrolment: (session: ResolvedSession, account: AccountRecord, code: string, client: ClientInfo) =>
      confirmEnrolment(db, sessions, session, account, code, client),
    checkSecondFactor: (session: ResolvedSession, account: AccountRecord, code: string, client: ClientInfo) =>
      checkSecondFactor(db, sessions, session, account, code, client),

    accountOverview: (actor: Actor) => accountOverview(db, sessions, actor),
    exportPersonalData: (actor: Actor) => exportPersonalData(db, sessions, actor),

    signUp: (form: SignUpForm, locale: string, client: ClientInfo) =>
      signUpCitizen(db, codes, form, locale, client),
    contactToVerify: (actor: Actor, kind: ContactKind) => contactToVerify(db, actor, kind),
    verifyContact: (actor: Actor, kind: ContactKind, code: string, client: ClientInfo) =>
      verifyContact(db, codes, actor, kind, code, client),
    resendVerificationCode: (actor: Actor, kind: ContactKind) =>
      resendVerificationCode(db, codes, actor, kind),
    requestPasswordReset: (identifier: string, client: ClientInfo) =>
      requestPasswordReset(db, codes, identifier, client),
    resetPassword: (input: { identifier: string; code: string; password: string }, client: ClientInfo) =>
      resetPassword(db, codes, input, client),

    provisionCitizen: (actor: Actor, input: Parameters<typeof provisionCitizen>[2]) =>
      provisionCitizen(db, actor, input),
    provisionSecondFactor: (actor: Actor, userId: string, secret: string) =>
      provisionSecondFactor(db, actor, userId, secret),

    /** A code to a mobile number of no account (an overseas complainant's); `reference` names the case. */
    sendMobileProof: (actor: Actor, input: { mobile: string; locale: string; reference: string }) =>
      sendMobileProof(db, codes, actor, input),
    checkMobileProof: (input: { mobile: string; code: string }) => checkMobileProof(db, codes, input),

    /** A facilitation-centre operator asks a walk-in citizen (opening an account if need be) for consent. */
    sendCounterConsentCode: (actor: Actor, input: WalkIn) => sendCounterConsentCode(db, codes, actor, input),
    checkCounterConsentCode: (actor: Actor, input: WalkIn & { code: string }) =>
      checkCounterConsentCode(db, codes, actor, input),

    kioskDistricts: (actor: Actor) => kioskDistricts(db, actor),
    enrolKiosk: (actor: Actor, input: { centre: string; districtCode: string }, client: ClientInfo) =>
      enrolKiosk(db, actor, input, client),
    leaveKiosk: (actor: Actor, terminal: KioskTerminal | null, client: ClientInfo) =>
      leaveKiosk(db, actor, terminal, client),
    endIdleKioskSession: (session: ResolvedSession | null, onKiosk: boolean, client: ClientInfo) =>
      endIdleKioskSession(db, sessions, session, onKiosk, client),

    startContactChange: (actor: Actor, input: { kind: ContactKind; value: string; password: string }) =>
      startContactChange(db, codes, actor, input),
    confirmContactChange: (
      actor: Actor,
      input: { kind: ContactKind; destination: string; code: string; ip: string | null },
    ) => confirmContactChange(db, codes, actor, input),

    /** The daily clean-up (spent codes, ended sessions, stale failure counts): the scheduler's job only. */
    housekeeping: async (actor: Actor) => {
      if (actor.kind !== 'system') throw forbidden('Only the scheduler runs housekeeping');
      return runHousekeeping(db, codes);
    },

    signInWithPassword: (input: { identifier: string; password: string }, client: ClientInfo) =>
      signInWithPassword(db, input, client),

    /** Ends one session of the acting user (the current one, or another from the account page). */
    async endSession(actor: Actor, sessionId: string, client: ClientInfo): Promise<boolean> {
      if (actor.kind !== 'user') throw forbidden('Sign in first');
      const ended = await sessions.end(actor.userId, sessionId);
      if (ended) {
        await insertAuditEvent(db, {
          actorId: actor.userId,
          actorLabel: actorLabel(actor),
          action: 'session.ended',
          subjectType: 'user_session',
          subjectId: sessionId,
          ...(client.ip === null ? {} : { ip: client.ip }),
          ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
        });
      }
      return ended;
    },

    /** "Sign out everywhere": ends every session of the acting user. */
    async endAllSessions(actor: Actor, client: ClientInfo): Promise<number> {
      if (actor.kind !== 'user') throw forbidden('Sign in first');
      const ended = await sessions.endAll(actor.userId);
      await insertAuditEvent(db, {
        actorId: actor.userId,
        actorLabel: actorLabel(actor),
        action: 'session.ended_everywhere',
        subjectType: 'user_account',
        subjectId: actor.userId,
        details: { sessions: ended },
        ...(client.ip === null ? {} : { ip: client.ip }),
        ...(client.userAgent === null ? {} : { userAgent: client.userAgent }),
      });
      return ended;
    },
  };
}

export type IdentityService = ReturnType<typeof identityService>;
