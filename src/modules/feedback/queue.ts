// Queues a feedback survey for a delivered service, inside the transaction of the change that delivered it:
// a request row (holding only the hash of the link's token) and an SMS in the citizen's language.
import { createHash, randomBytes } from 'node:crypto';
import { systemActor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { accountsService } from '../identity/accounts/service.ts';
import { notificationsService } from '../notifications/service.ts';
import { type SubjectKind, insertRequest } from './repo.ts';

export const FEEDBACK_VALID_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface FeedbackOptions {
  readonly publicUrl: string;
  /** 0–100: the share of subjects surveyed (config FEEDBACK_SAMPLE_PERCENT); absent means every one. */
  readonly feedbackSamplePercent?: number;
}

export interface FeedbackSubject {
  readonly kind: SubjectKind;
  /** The public number: application number, receipt number, complaint number. */
  readonly number: string;
  readonly departmentCode: string;
  readonly districtCode: string;
  readonly citizenId: string | null;
  /** A mobile to use when there is no account (complaints filed by callers). */
  readonly mobile?: string | null;
  readonly locale?: string;
}

export function hashFeedbackToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether this subject falls in the sample. Decided from a hash of the subject, so a retried hook, a re-run
 * or an audit reaches the same answer, and nobody at the office can pick who gets surveyed.
 */
export function inSample(kind: SubjectKind, number: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(`${kind}:${number}`).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

/** Returns the token when a request was queued (for tests and the CLI), undefined when not sampled or unreachable. */
export async function queueFeedbackRequest(
  trx: Db,
  options: FeedbackOptions,
  subject: FeedbackSubject,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (!inSample(subject.kind, subject.number, options.feedbackSamplePercent ?? 100)) return undefined;
  let mobile = subject.mobile ?? null;
  let locale = subject.locale ?? 'en';
  if (subject.citizenId !== null) {
    const contact = await accountsService(trx).contactOf(systemActor('feedback'), subject.citizenId);
    mobile = contact.mobile ?? mobile;
    locale = contact.locale;
  }
  // The survey goes by SMS only: without a mobile there is no one to ask.
  if (mobile === null) return undefined;
  const token = randomBytes(18).toString('base64url');
  const queued = await insertRequest(trx, {
    tokenHash: hashFeedbackToken(token),
    subjectKind: subject.kind,
    subjectNumber: subject.number,
    departmentCode: subject.departmentCode,
    districtCode: subject.districtCode,
    citizenId: subject.citizenId,
    locale,
    expiresAt: new Date(now.getTime() + FEEDBACK_VALID_DAYS * DAY_MS),
  });
  if (!queued) return undefined;
  await notificationsService(trx).enqueue(trx, {
    event: 'feedback.requested',
    channel: 'sms',
    recipient: mobile,
    locale,
    params: { number: subject.number, url: `${options.publicUrl}/f/${token}` },
    userId: subject.citizenId,
  });
  return token;
}
