// Small building blocks for pages, styled by public/css/app.css. All visible text comes from the caller or
// the catalogs; nothing here hard-codes a language.
import type { ComponentChildren } from 'preact';
import type { Translator } from '../i18n/i18n.ts';

export interface PageHeadingProps {
  title: ComponentChildren;
  /** A larger opening paragraph under the heading. */
  lead?: ComponentChildren;
}

/** The page's one h1, with an optional lead paragraph. */
export function PageHeading({ title, lead }: PageHeadingProps) {
  return (
    <>
      <h1>{title}</h1>
      {lead !== undefined && lead !== null && <p class="lead">{lead}</p>}
    </>
  );
}

export interface FormError {
  /** The id of the field's control; the summary links to `#<field>`. */
  field: string;
  message: string;
}

/**
 * The box at the top of a form that lists every error as a link to its field. Renders nothing when
 * there are no errors. `autofocus` moves focus to it on page load without any script, as GOV.UK does;
 * the page title should also start with the error prefix so screen readers announce the problem.
 */
export function ErrorSummary({ t, errors }: { t: Translator; errors: readonly FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 class="error-summary__title" id="error-summary-title">
        {t.t('errorSummary.title')}
      </h2>
      <ul class="error-summary__list">
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TextFieldProps {
  t: Translator;
  /** The control's id (what an ErrorSummary links to); `name` defaults to it. */
  id: string;
  name?: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** The error for this field, if any: marks the field invalid and shows the message above the control. */
  error?: string;
  /** What the person typed, so it survives a failed submission. */
  value?: string;
  /** No `number` or `date`: use `inputmode` for digits, as GOV.UK advises. */
  type?: 'text' | 'email' | 'tel' | 'url' | 'password';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';
  /** `ltr` for CNICs, phone numbers and codes, so they read the same way inside Urdu pages. */
  dir?: 'ltr' | 'rtl' | 'auto';
  spellcheck?: boolean;
  /** A short control, for answers of a known small length (CNIC, postcode, codes). */
  narrow?: boolean;
}

/** A labelled text input with optional hint and error message, GOV.UK style. */
export function TextField(props: TextFieldProps) {
  const { t, id, label, hint, error, narrow } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasHint = hint !== undefined && hint !== null;
  const hasError = error !== undefined && error !== '';
  const describedBy = [hasHint ? hintId : '', hasError ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {label}
      </label>
      {hasHint && (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      )}
      {hasError && (
        <p class="error-message" id={errorId}>
          <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
          {error}
        </p>
      )}
      <input
        class={narrow === true ? 'input input--narrow' : 'input'}
        id={id}
        name={props.name ?? id}
        // Preact's typings reject a union of input types (tsc fails without the assertion); all are text-like.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        dir={props.dir}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      />
    </div>
  );
}

/**
 * Isolates a run of text from the surrounding direction. Wrap CNICs (35202-1234567-1), application
 * numbers, phone numbers and numeric dates (27-11-2026) so their hyphenated parts do not reorder inside
 * Urdu text. Use `dir="auto"` for text that may itself be Urdu, such as a date written out by
 * `t.formatDate` in Urdu ("27 نومبر، 2026"), which must keep right-to-left order.
 */
export function Bdi({ children, dir = 'ltr' }: { children: ComponentChildren; dir?: 'ltr' | 'auto' }) {
  return <bdi dir={dir}>{children}</bdi>;
}

export interface SelectFieldProps {
  t: Translator;
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  options: readonly { readonly value: string; readonly label: string }[];
  value?: string;
  /** A first, empty choice ("Choose…"); without it the first option is preselected. */
  placeholder?: string;
  error?: string;
}

/** A labelled drop-down with optional hint and error message, like TextField. */
export function SelectField({ t, id, label, hint, options, value, placeholder, error }: SelectFieldProps) {
  const hasHint = hint !== undefined && hint !== null;
  const hasError = error !== undefined && error !== '';
  const describedBy = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {label}
      </label>
      {hasHint && (
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {hasError && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
          {error}
        </p>
      )}
      <select
        class="select"
        id={id}
        name={id}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
