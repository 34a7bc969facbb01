// The error page every non-API failure renders, in the reader's language, inside the normal page shell.
import type { ErrorCode } from '../errors.ts';
import type { MessageKey, Translator } from '../i18n/i18n.ts';
import { Layout } from './layout.tsx';

interface ErrorPageProps {
  readonly t: Translator;
  readonly code: ErrorCode;
  readonly reference: string;
  readonly currentPath: string;
}

const MESSAGES: Record<ErrorCode, { title: MessageKey; body: MessageKey }> = {
  bad_request: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  validation_failed: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  unauthenticated: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  forbidden: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  csrf_invalid: { title: 'error.csrf.title', body: 'error.csrf.body' },
  not_found: { title: 'error.notFound.title', body: 'error.notFound.body' },
  conflict: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  precondition_failed: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  payload_too_large: { title: 'error.payloadTooLarge.title', body: 'error.payloadTooLarge.body' },
  rate_limited: { title: 'error.tooManyRequests.title', body: 'error.tooManyRequests.body' },
  unavailable: { title: 'error.unavailable.title', body: 'error.unavailable.body' },
  internal: { title: 'error.server.title', body: 'error.server.body' },
};

export function ErrorPage({ t, code, reference, currentPath }: ErrorPageProps) {
  const { title, body } = MESSAGES[code];
  return (
    <Layout t={t} title={t.t(title)} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t(title)}</h1>
        <p class="lead">{t.t(body)}</p>
        <p>
          {t.t('error.reference')}: <bdi dir="ltr">{reference}</bdi>
        </p>
        <p>
          <a href="/">{t.t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}
