// The form that takes a 6-digit code sent by SMS or e-mail, shared by every page that asks for one.
import type { ComponentChildren } from 'preact';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { type FormError, TextField } from '../../../platform/views/components.tsx';

export interface CodeFormProps {
  readonly t: Translator;
  readonly action: string;
  readonly csrfToken: string;
  readonly errors: readonly FormError[];
  /** Hidden fields the next step needs (destination, next page...). */
  readonly hidden?: Readonly<Record<string, string>>;
  /** More fields after the code (a new password, for instance). */
  readonly children?: ComponentChildren;
  readonly submitLabel?: string;
}

export function CodeForm({
  t,
  action,
  csrfToken,
  errors,
  hidden = {},
  children,
  submitLabel,
}: CodeFormProps) {
  return (
    <form method="post" action={action} novalidate class="stack">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField
        t={t}
        id="code"
        label={t.t('verify.code')}
        hint={t.t('verify.codeHint')}
        error={errors.find((error) => error.field === 'code')?.message}
        inputmode="numeric"
        autocomplete="one-time-code"
        dir="ltr"
        narrow
      />
      {children}
      <div class="button-group">
        <button type="submit" class="button">
          {submitLabel ?? t.t('verify.submit')}
        </button>
      </div>
    </form>
  );
}
