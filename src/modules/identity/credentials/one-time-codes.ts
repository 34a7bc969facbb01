// Six-digit one-time codes sent by SMS or e-mail: contact verification, password reset, contact change.
// 10 minutes to live, single use, dead after 5 wrong tries; a new code replaces the previous one for the
// same purpose and destination; sending is throttled to one a minute and five an hour per purpose and
// destination. Codes are random (crypto.randomInt) and stored only as HMAC-SHA256 under a server key, so a
// copy of the table does not let anyone brute-force the million possible codes.
//
// These functions take the database or the caller's open transaction first. When you pass a transaction,
// COMMIT it whatever verifyCode returns: rolling back after 'wrong' would also roll back the attempt count.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  consumeOneTimeCode,
  deleteOneTimeCodesBefore,
  insertOneTimeCode,
  lockCodeDestination,
  lockCurrentCode,
  recordWrongAttempt,
  sendTimesSince,
  supersedeCodes,
} from './repo.ts';

export type OneTimeCodePurpose =
  | 'verify_mobile'
  | 'verify_email'
  | 'password_reset'
  | 'change_mobile'
  | 'change_email'
  /** A mobile number that belongs to no account (an overseas complainant's), proved for one use. */
  | 'prove_mobile'
  /** A citizen at a facilitation-centre counter lets the operator file an application for them. */
  | 'counter_consent';

export const CODE_DIGITS = 6;
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_WRONG_ATTEMPTS = 5;
export const RESEND_INTERVAL_MS = 60_000;
export const MAX_SENDS_PER_HOUR = 5;
const HOUR_MS = 60 * 60_000;

export interface IssuedCode {
  readonly id: string;
  /** The code to send. Never store or log it. */
  readonly code: string;
  readonly expiresAt: Date;
}

export type VerifyResult =
  | { readonly status: 'ok'; readonly id: string; readonly userId: string | null }
  | { readonly status: 'wrong'; readonly attemptsLeft: number }
  | { readonly status: 'expired' }
  | { readonly status: 'too_many_attempts' }
  | { readonly status: 'not_found' };

export interface OneTimeCodeOptions {
  /** Server key for the HMAC, at least 32 bytes (the app derives one from SESSION_SECRET). */
  readonly key: string | Uint8Array;
  /** Injected in tests. */
  readonly clock?: () => Date;
}

/** Mobile numbers are given in E.164; e-mail addresses compare in lower case. */
export function normalizeDestination(destination: string): string {
  const trimmed = destination.trim();
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed;
}

export function oneTimeCodes(options: OneTimeCodeOptions) {
  const key = typeof options.key === 'string' ? Buffer.from(options.key) : Buffer.from(options.key);
  if (key.length < 32) throw new Error('The one-time code key must be at least 32 bytes');
  const clock = options.clock ?? (() => new Date());
  const mac = (purpose: string, destination: string, code: string) =>
    createHmac('sha256', key).update(`${purpose}\n${destination}\n${code}`).digest();

  return {
    /**
     * Creates a code for `destination`, replacing any earlier unused one for the same purpose. Throws
     * AppError 'rate_limited' (with a field error saying how long to wait) when sending is throttled.
     */
    async issueCode(
      db: Db,
      input: { purpose: OneTimeCodePurpose; destination: string; userId?: string | null },
    ): Promise<IssuedCode> {
      const destination = normalizeDestination(input.destination);
      const now = clock();
      return inTransaction(db, async (trx) => {
        await lockCodeDestination(trx, input.purpose, destination);
        const sent = await sendTimesSince(trx, input.purpose, destination, new Date(now.getTime() - HOUR_MS));
        const last = sent.at(-1);
        if (last !== undefined && now.getTime() - last.getTime() < RESEND_INTERVAL_MS) {
          const seconds = Math.ceil((last.getTime() + RESEND_INTERVAL_MS - now.getTime()) / 1000);
          throw rateLimited('validation.codeResendTooSoon', { seconds: Math.max(seconds, 1) });
        }
        const oldest = sent[0];
        if (oldest !== undefined && sent.length >= MAX_SENDS_PER_HOUR) {
          const minutes = Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 60_000);
          throw rateLimited('validation.codeSendLimit', { minutes: Math.max(minutes, 1) });
        }
        await supersedeCodes(trx, input.purpose, destination, now);
        const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
        const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
        const id = await insertOneTimeCode(trx, {
          userId: input.userId ?? null,
          purpose: input.purpose,
          destination,
          codeHash: mac(input.purpose, destination, code).toString('hex'),
          createdAt: now,
          expiresAt,
          sendCount: sent.length + 1,
        });
        return { id, code, expiresAt };
      });
    },

    /** Checks a typed code against the current one for the purpose and destination, and spends it if right. */
    async verifyCode(
      db: Db,
      input: { purpose: OneTimeCodePurpose; destination: string; code: string },
    ): Promise<VerifyResult> {
      const destination = normalizeDestination(input.destination);
      const typed = input.code.replace(/[\s-]/g, '');
      const now = clock();
      return inTransaction(db, async (trx): Promise<VerifyResult> => {
        const current = await lockCurrentCode(trx, input.purpose, destination);
        if (current === undefined) return { status: 'not_found' };
        if (current.attempts >= MAX_WRONG_ATTEMPTS) return { status: 'too_many_attempts' };
        if (current.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
        const expected = Buffer.from(current.codeHash, 'hex');
        const actual = mac(input.purpose, destination, typed);
        const right =
          /^\d+$/.test(typed) && expected.length === actual.length && timingSafeEqual(expected, actual);
        if (!right) {
          const attempts = await recordWrongAttempt(trx, current.id);
          return attempts >= MAX_WRONG_ATTEMPTS
            ? { status: 'too_many_attempts' }
            : { status: 'wrong', attemptsLeft: MAX_WRONG_ATTEMPTS - attempts };
        }
        const consumed = await consumeOneTimeCode(trx, current.id, now, MAX_WRONG_ATTEMPTS);
        return consumed ? { status: 'ok', id: current.id, userId: current.userId } : { status: 'not_found' };
      });
    },

    /** Housekeeping for a daily job: deletes codes older than a day (they are long dead; audit keeps the events). */
    async purgeOldCodes(db: Db, olderThanMs = 24 * HOUR_MS): Promise<number> {
      return deleteOneTimeCodesBefore(db, new Date(clock().getTime() - olderThanMs));
    },
  };
}

export type OneTimeCodes = ReturnType<typeof oneTimeCodes>;

function rateLimited(messageKey: string, params: Record<string, number>): AppError {
  return new AppError('rate_limited', 'Too many codes were requested for this address', {
    fieldErrors: [{ field: 'code', messageKey, params }],
  });
}
