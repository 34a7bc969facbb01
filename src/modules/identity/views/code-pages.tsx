// Pages that ask for a code sent by SMS: mobile verification, and the two steps of a password reset.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { CodeForm } from './code-form.tsx';

interface FormPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly errors?: readonly FormError[];
  readonly notice?: string;
}

const errorFor = (errors: readonly FormError[], field: string) =>
  errors.find((error) => error.field === field)?.message;

export function VerifyContactPage(
  props: FormPageProps & {
    readonly kind: 'mobile' | 'email';
    readonly destination: string;
    readonly next: string;
  },
) {
  const { t, currentPath, csrfToken, errors = [], notice, kind, destination, next } = props;
  const title = t.t(kind === 'mobile' ? 'verify.title' : 'verify.titleEmail');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {notice !== undefined && <p class="notice">{notice}</p>}
        <p>
          {t.t(kind === 'mobile' ? 'verify.sentTo' : 'verify.sentToEmail')} <Bdi>{destination}</Bdi>
        </p>
        <CodeForm t={t} action={`/verify/${kind}`} csrfToken={csrfToken} errors={errors} hidden={{ next }} />
        <form method="post" action={`/verify/${kind}/resend`}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" class="button button--secondary">
            {t.t('verify.resend')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function ResetRequestPage(props: FormPageProps & { readonly identifier?: string }) {
  const { t, currentPath, csrfToken, errors = [], identifier } = props;
  return (
    <Layout t={t} title={t.t('reset.title')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('reset.title')}</h1>
        <p>{t.t('reset.intro')}</p>
        <form method="post" action="/reset-password" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="identifier"
            label={t.t('signIn.identifier')}
            value={identifier ?? ''}
            error={errorFor(errors, 'identifier')}
            autocomplete="username"
            dir="ltr"
            spellcheck={false}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('reset.sendCode')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function ResetConfirmPage(props: FormPageProps & { readonly identifier: string }) {
  const { t, currentPath, csrfToken, errors = [], identifier, notice } = props;
  return (
    <Layout t={t} title={t.t('reset.confirmTitle')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('reset.confirmTitle')}</h1>
        {notice !== undefined && <p class="notice">{notice}</p>}
        <CodeForm
          t={t}
          action="/reset-password/confirm"
          csrfToken={csrfToken}
          errors={errors}
          hidden={{ identifier }}
          submitLabel={t.t('reset.submit')}
        >
          <TextField
            t={t}
            id="password"
            type="password"
            label={t.t('reset.newPassword')}
            hint={t.t('signUp.passwordHint')}
            error={errorFor(errors, 'password')}
            autocomplete="new-password"
            dir="ltr"
          />
        </CodeForm>
      </div>
    </Layout>
  );
}
