// The facilitation-centre counter: an operator files for a walk-in citizen. The citizen consents by reading
// out a code sent to their phone (identity module); the operator then chooses the service and fills the same
// step pages, as the filer of a draft whose applicant is the citizen. One consent starts one draft, within
// 30 minutes, for the operator who asked for it, in their own district. Also the acknowledgement slip.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Actor, hasRole, systemActor } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden, validationFailed } from '../../platform/errors.ts';
import { deriveKey } from '../../platform/secrets.ts';
import { accountsService } from '../identity/accounts/service.ts';
import type { WalkIn } from '../identity/counter-consent.ts';
import { identityService } from '../identity/service.ts';
import { referenceService } from '../reference/service.ts';
import { servicesService } from '../services/service.ts';
import { requireCounterScope } from './counter-access.ts';
import { insertDraft, insertEvent } from './repo.ts';
import { CONSENT_EVENT, consentAlreadyUsed, draftsFiledBy } from './repo-counter.ts';
import { applicationsService } from './service.ts';
import { billsService } from '../payments/bills.ts';
import { feeBillOf } from './billing.ts';

/** How long after the code is confirmed the operator may start the draft. */
export const CONSENT_TTL_MS = 30 * 60_000;

export interface Consent {
  readonly operatorId: string;
  readonly citizenId: string;
  readonly citizenName: string;
  readonly codeId: string;
  readonly at: number;
}

type Operator = Extract<Actor, { kind: 'user' }>;

function requireOperator(actor: Actor): Operator {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  if (actor.kind !== 'user' || !hasRole(actor, 'operator'))
    throw forbidden('Only a facilitation-centre operator works at the counter');
  return actor;
}

export function counterService(db: Db, secrets: { sessionSecret: string; publicUrl: string }) {
  const identity = identityService(db, secrets);
  const applications = applicationsService(db, secrets);
  const key = deriveKey(secrets.sessionSecret, 'counter-consent');
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  /** A signed note of the consent, carried by the service-choice form to the step that starts the draft. */
  function sealConsent(consent: Consent): string {
    const payload = Buffer.from(JSON.stringify(consent)).toString('base64url');
    return `${payload}.${mac(payload)}`;
  }

  /** The consent behind a sealed note, if it is genuine, this operator's, and not older than 30 minutes. */
  function openConsent(actor: Operator, sealed: string, now = Date.now()): Consent | undefined {
    const [payload = '', signature = ''] = sealed.split('.');
    const expected = Buffer.from(mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    // Signed by us, so well-formed; the check of its owner and age is what matters.
    const consent = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Consent;
    // A minute's grace for another app instance whose clock is a little ahead.
    const age = now - consent.at;
    if (consent.operatorId !== actor.userId || age > CONSENT_TTL_MS || age < -60_000) return undefined;
    return consent;
  }

  /** The applicant's name and CNIC as their account has them (blank for an account since disabled). */
  async function applicantOf(userId: string) {
    try {
      const claims = await accountsService(db).claimsOf(systemActor('counter'), userId);
      return { name: claims.fullName, nameUr: claims.fullNameUr, cnic: claims.cnic };
    } catch (error: unknown) {
      if (error instanceof AppError && error.code === 'not_found')
        return { name: '', nameUr: null, cnic: null };
      throw error;
    }
  }

  /** The districts the operator files in: their grants' (every district for a grant that names none). */
  async function districtsOf(actor: Operator): Promise<string[]> {
    const all = (await referenceService(db).referenceData(actor)).districts.map((d) => d.code);
    return all.filter((districtCode) => hasRole(actor, 'operator', { districtCode }));
  }

  return {
    /** The counter: the operator's districts, the services they may file, and their unsent drafts. */
    async desk(actor: Actor) {
      const operator = requireOperator(actor);
      const catalogue = await servicesService(db).catalogue(operator);
      const drafts = await Promise.all(
        (await draftsFiledBy(db, operator.userId)).map(async (application) => ({
          application,
          applicantName: (await applicantOf(application.applicant_id)).name,
        })),
      );
      return {
        districts: await districtsOf(operator),
        services: catalogue.filter((row) =>
          hasRole(operator, 'operator', { departmentCode: row.departmentCode }),
        ),
        drafts,
      };
    },

    /** Sends the consent code (opening an account for a citizen who has none). */
    async requestConsent(actor: Actor, walkIn: WalkIn) {
      return identity.sendCounterConsentCode(requireOperator(actor), walkIn);
    },

    /** Checks the code the citizen read out; on success, a sealed consent for choosing the service. */
    async confirmConsent(actor: Actor, input: WalkIn & { code: string }) {
      const operator = requireOperator(actor);
      const result = await identity.checkCounterConsentCode(operator, input);
      if (result.status !== 'ok') return result;
      const consent: Consent = {
        operatorId: operator.userId,
        citizenId: result.citizenId,
        citizenName: result.citizenName,
        codeId: result.codeId,
        at: Date.now(),
      };
      return { status: 'ok' as const, consent, sealed: sealConsent(consent) };
    },

    /** Reads a sealed consent back (to show whom the operator is filing for); undefined when no longer good. */
    consentOf: (actor: Actor, sealed: string): Consent | undefined =>
      openConsent(requireOperator(actor), sealed),

    /** Starts the citizen's draft of a service, filed by the operator, with the consent in its history. */
    async startFor(
      actor: Actor,
      input: { consent: string; serviceCode: string; districtCode: string },
    ): Promise<string> {
      const operator = requireOperator(actor);
      const consent = openConsent(operator, input.consent);
      if (consent === undefined)
        throw validationFailed('The consent has expired', [
          { field: 'cnic', messageKey: 'counter.consentExpired' },
        ]);
      const { row, pack } = await servicesService(db).service(operator, input.serviceCode);
      if (!(await districtsOf(operator)).includes(input.districtCode)) {
        throw forbidden('An operator files only in their own district');
      }
      requireCounterScope(operator, { departmentCode: pack.department, districtCode: input.districtCode });
      return inTransaction(db, async (trx) => {
        if (await consentAlreadyUsed(trx, consent.codeId))
          throw validationFailed('This consent was used', [
            { field: 'cnic', messageKey: 'counter.consentUsed' },
          ]);
        const id = await insertDraft(trx, {
          serviceCode: row.code,
          packVersion: row.version,
          applicantId: consent.citizenId,
          filedBy: operator.userId,
          districtCode: input.districtCode,
          departmentCode: pack.department,
        });
        await insertEvent(trx, {
          applicationId: id,
          actorId: operator.userId,
          actorLabel: operator.label,
          kind: 'created',
        });
        // Who consented (the applicant), when (the code's confirmation), and which code: the event's remarks.
        await insertEvent(trx, {
          applicationId: id,
          actorId: consent.citizenId,
          actorLabel: consent.citizenName,
          kind: CONSENT_EVENT,
          remarks: consent.codeId,
        });
        await insertAuditEvent(trx, {
          actorId: operator.userId,
          actorLabel: operator.label,
          action: 'application.counter_consent',
          subjectType: 'application',
          subjectId: id,
          details: {
            citizenId: consent.citizenId,
            codeId: consent.codeId,
            consentedAt: new Date(consent.at).toISOString(),
            service: row.code,
            district: input.districtCode,
          },
        });
        return id;
      });
    },

    /** What the acknowledgement slip shows; for whoever may see the application. */
    async slip(actor: Actor, number: string) {
      const { application, pack } = await applications.get(actor, { number });
      const system = systemActor('acknowledgement slip');
      const applicant = await applicantOf(application.applicant_id);
      const filedBy =
        application.filed_by === null
          ? null
          : ((await accountsService(db).staffNames(system, [application.filed_by])).get(
              application.filed_by,
            ) ?? null);
      // The fee's bill: its PSID while unpaid, its receipt once paid (however it was paid).
      const bill = await feeBillOf(billsService(db), system, application.id);
      return {
        application,
        pack,
        applicant,
        filedBy,
        bill,
        trackUrl: `${secrets.publicUrl}/applications/${number}`,
      };
    },
  };
}

export type CounterService = ReturnType<typeof counterService>;
