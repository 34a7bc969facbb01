// Changing the mobile number or e-mail address: new value and password, then the code sent to it.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { CodeForm } from './code-form.tsx';
import type { ContactKind } from '../contacts.ts';

interface Props {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly kind: ContactKind;
  readonly errors?: readonly FormError[];
}

const errorFor = (errors: readonly FormError[], field: string) =>
  errors.find((e) => e.field === field)?.message;

export function ChangeContactPage({
  t,
  currentPath,
  csrfToken,
  kind,
  errors = [],
  value = '',
}: Props & { value?: string }) {
  const title = t.t(kind === 'mobile' ? 'contacts.changeMobile' : 'contacts.changeEmail');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>{t.t('contacts.intro')}</p>
        <form method="post" action={`/account/contacts/${kind}`} novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="value"
            type={kind === 'mobile' ? 'tel' : 'email'}
            label={t.t(kind === 'mobile' ? 'contacts.newMobile' : 'contacts.newEmail')}
            hint={kind === 'mobile' ? t.t('signUp.mobileHint') : undefined}
            value={value}
            error={errorFor(errors, 'value')}
            dir="ltr"
            spellcheck={false}
          />
          <TextField
            t={t}
            id="password"
            type="password"
            label={t.t('contacts.currentPassword')}
            error={errorFor(errors, 'password')}
            autocomplete="current-password"
            dir="ltr"
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

export function ConfirmContactPage({
  t,
  currentPath,
  csrfToken,
  kind,
  errors = [],
  destination,
}: Props & { destination: string }) {
  const title = t.t(kind === 'mobile' ? 'contacts.changeMobile' : 'contacts.changeEmail');
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p>
          {t.t('verify.sentTo')} <Bdi>{destination}</Bdi>
        </p>
        <CodeForm
          t={t}
          action={`/account/contacts/${kind}/confirm`}
          csrfToken={csrfToken}
          errors={errors}
          hidden={{ destination }}
        />
      </div>
    </Layout>
  );
}
