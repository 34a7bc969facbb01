import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export interface SignInPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly next: string;
  readonly identifier?: string;
  readonly errors?: readonly FormError[];
  /** A notice above the form, e.g. "you have been signed out" or "your session expired". */
  readonly notice?: string;
}

export function SignInPage({
  t,
  currentPath,
  csrfToken,
  next,
  identifier,
  errors = [],
  notice,
}: SignInPageProps) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const title = t.t('signIn.title');
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {notice !== undefined && <p class="notice">{notice}</p>}
        <form method="post" action="/sign-in" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="next" value={next} />
          <TextField
            t={t}
            id="identifier"
            label={t.t('signIn.identifier')}
            hint={t.t('signIn.identifierHint')}
            value={identifier ?? ''}
            error={errorFor('identifier')}
            autocomplete="username"
            dir="ltr"
            spellcheck={false}
          />
          <TextField
            t={t}
            id="password"
            type="password"
            label={t.t('signIn.password')}
            error={errorFor('password')}
            autocomplete="current-password"
            dir="ltr"
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('signIn.submit')}
            </button>
          </div>
        </form>
        <p>
          <a href="/reset-password">{t.t('signIn.forgotPassword')}</a>
        </p>
        <p>
          {t.t('signIn.noAccount')} <a href="/sign-up">{t.t('signIn.createAccount')}</a>
        </p>
      </div>
    </Layout>
  );
}
