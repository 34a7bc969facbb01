// The overseas filer types back the code sent to their foreign mobile; the complaint is accepted only then.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { errorFor } from './controls.tsx';

export function ConfirmPage(props: {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly id: string;
  readonly mobile: string;
  readonly errors: readonly FormError[];
  readonly notice?: string;
}) {
  const { t, currentPath, csrfToken, id, mobile, errors, notice } = props;
  const title = t.t('complaints.confirm.title');
  return (
    <Layout t={t} title={title} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {notice !== undefined && <p class="notice">{notice}</p>}
        <p>
          {t.t('complaints.confirm.sentTo')} <Bdi>{mobile}</Bdi>
        </p>
        <p>{t.t('complaints.confirm.why')}</p>
        <form method="post" action={`/complaints/overseas/${id}/confirm`} novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="code"
            label={t.t('verify.code')}
            hint={t.t('verify.codeHint')}
            error={errorFor(errors, 'code')}
            inputmode="numeric"
            autocomplete="one-time-code"
            dir="ltr"
            narrow
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('complaints.confirm.submit')}
            </button>
          </div>
        </form>
        <form method="post" action={`/complaints/overseas/${id}/resend`}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <button type="submit" class="button button--secondary">
            {t.t('verify.resend')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
