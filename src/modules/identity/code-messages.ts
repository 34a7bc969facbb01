// What a person is told when a code they typed is not accepted.
import type { MessageKey, Translator } from '../../platform/i18n/i18n.ts';
import type { VerifyResult } from './credentials/one-time-codes.ts';

const MESSAGES: Record<Exclude<VerifyResult['status'], 'ok' | 'wrong'>, MessageKey> = {
  expired: 'verify.expired',
  too_many_attempts: 'verify.tooMany',
  not_found: 'verify.notFound',
};

export function codeRefusal(t: Translator, result: Exclude<VerifyResult, { status: 'ok' }>): string {
  return result.status === 'wrong'
    ? t.t('verify.wrong', { left: result.attemptsLeft })
    : t.t(MESSAGES[result.status]);
}
