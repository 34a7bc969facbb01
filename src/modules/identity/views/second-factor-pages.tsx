import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

interface CommonProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly next: string;
  readonly errors?: readonly FormError[];
}

function CodeForm({
  t,
  csrfToken,
  next,
  errors = [],
  action,
  label,
  hint,
}: CommonProps & { action: string; label: string; hint: string }) {
  return (
    <form method="post" action={action} novalidate class="stack">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      <input type="hidden" name="next" value={next} />
      <TextField
        t={t}
        id="code"
        label={label}
        hint={hint}
        error={errors.find((error) => error.field === 'code')?.message}
        autocomplete="one-time-code"
        inputmode="text"
        dir="ltr"
        spellcheck={false}
        narrow
      />
      <div class="button-group">
        <button type="submit" class="button">
          {t.t('mfa.continue')}
        </button>
      </div>
    </form>
  );
}

export function SecondFactorPage(props: CommonProps) {
  const { t, currentPath, errors = [] } = props;
  return (
    <Layout t={t} title={t.t('mfa.title')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('mfa.title')}</h1>
        <p>{t.t('mfa.intro')}</p>
        <CodeForm
          {...props}
          action="/sign-in/second-factor"
          label={t.t('mfa.codeLabel')}
          hint={t.t('mfa.codeHint')}
        />
      </div>
    </Layout>
  );
}

export function TotpSetupPage(
  props: CommonProps & { readonly qrDataUrl: string; readonly secretForDisplay: string },
) {
  const { t, currentPath, errors = [], qrDataUrl, secretForDisplay } = props;
  return (
    <Layout t={t} title={t.t('mfa.setupTitle')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('mfa.setupTitle')}</h1>
        <p>{t.t('mfa.setupIntro')}</p>
        <ol class="list list--number">
          <li>{t.t('mfa.setupStep1')}</li>
          <li>{t.t('mfa.setupStep2')}</li>
          <li>{t.t('mfa.setupStep3')}</li>
        </ol>
        <img src={qrDataUrl} width={240} height={240} alt={t.t('mfa.qrAlt')} />
        <p>
          {t.t('mfa.secretLabel')} <code dir="ltr">{secretForDisplay}</code>
        </p>
        <CodeForm
          {...props}
          action="/sign-in/totp-setup"
          label={t.t('mfa.firstCodeLabel')}
          hint={t.t('mfa.firstCodeHint')}
        />
      </div>
    </Layout>
  );
}

export function RecoveryCodesPage({
  t,
  currentPath,
  next,
  codes,
}: Omit<CommonProps, 'csrfToken'> & { readonly codes: readonly string[] }) {
  return (
    <Layout t={t} title={t.t('mfa.recoveryTitle')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('mfa.recoveryTitle')}</h1>
        <p class="notice notice--warning">{t.t('mfa.recoveryIntro')}</p>
        <ul class="list" dir="ltr">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href={next}>
            {t.t('mfa.recoveryDone')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
