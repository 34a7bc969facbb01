import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { SignUpForm } from '../sign-up.ts';

export interface SignUpPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly values?: Partial<SignUpForm>;
  readonly errors?: readonly FormError[];
}

export function SignUpPage({ t, currentPath, csrfToken, values = {}, errors = [] }: SignUpPageProps) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const title = t.t('signUp.title');
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">{t.t('signUp.lead')}</p>
        <form method="post" action="/sign-up" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="cnic"
            label={t.t('signUp.cnic')}
            hint={t.t('signUp.cnicHint')}
            value={values.cnic ?? ''}
            error={errorFor('cnic')}
            inputmode="numeric"
            dir="ltr"
            spellcheck={false}
            narrow
          />
          <TextField
            t={t}
            id="fullName"
            label={t.t('signUp.fullName')}
            hint={t.t('signUp.fullNameHint')}
            value={values.fullName ?? ''}
            error={errorFor('fullName')}
            autocomplete="name"
          />
          <TextField
            t={t}
            id="fullNameUr"
            label={t.t('signUp.fullNameUr')}
            value={values.fullNameUr ?? ''}
            error={errorFor('fullNameUr')}
            dir="rtl"
          />
          <TextField
            t={t}
            id="mobile"
            type="tel"
            label={t.t('signUp.mobile')}
            hint={t.t('signUp.mobileHint')}
            value={values.mobile ?? ''}
            error={errorFor('mobile')}
            autocomplete="tel"
            dir="ltr"
            narrow
          />
          <TextField
            t={t}
            id="email"
            type="email"
            label={t.t('signUp.email')}
            hint={t.t('signUp.emailHint')}
            value={values.email ?? ''}
            error={errorFor('email')}
            autocomplete="email"
            dir="ltr"
            spellcheck={false}
          />
          <TextField
            t={t}
            id="password"
            type="password"
            label={t.t('signUp.password')}
            hint={t.t('signUp.passwordHint')}
            error={errorFor('password')}
            autocomplete="new-password"
            dir="ltr"
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('signUp.submit')}
            </button>
          </div>
        </form>
        <p>
          {t.t('signUp.haveAccount')} <a href="/sign-in">{t.t('nav.signIn')}</a>
        </p>
      </div>
    </Layout>
  );
}
