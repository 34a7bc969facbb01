// Form controls the complaint pages need beyond TextField: selects (with option groups), a text area,
// radios, a single checkbox and a file input; each with its label, hint and error, GOV.UK style.
import type { ComponentChildren } from 'preact';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import type { FormError } from '../../../platform/views/components.tsx';

export const errorFor = (errors: readonly FormError[], field: string) =>
  errors.find((error) => error.field === field)?.message;

interface ControlProps {
  readonly t: Translator;
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
}

function described(id: string, hint: ComponentChildren, error: string | undefined) {
  const hasHint = hint !== undefined && hint !== null && hint !== '';
  const hasError = error !== undefined && error !== '';
  const ids = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { hasHint, hasError, describedBy: ids === '' ? undefined : ids };
}

function HintAndError({ t, id, hint, error }: ControlProps) {
  const { hasHint, hasError } = described(id, hint, error);
  return (
    <>
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
    </>
  );
}

export interface OptionGroup {
  readonly label: string;
  readonly options: readonly { value: string; label: string }[];
}

export function Select(props: ControlProps & { value: string; groups: readonly OptionGroup[] }) {
  const { t, id, hint, error, value, groups } = props;
  const { hasError, describedBy } = described(id, hint, error);
  const option = (choice: { value: string; label: string }) => (
    <option key={choice.value} value={choice.value} selected={choice.value === value}>
      {choice.label}
    </option>
  );
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <HintAndError {...props} />
      <select
        class="select"
        id={id}
        name={id}
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      >
        <option value="">{t.t('form.choose')}</option>
        {groups.map((group) =>
          group.label === '' ? (
            group.options.map(option)
          ) : (
            <optgroup key={group.label} label={group.label}>
              {group.options.map(option)}
            </optgroup>
          ),
        )}
      </select>
    </div>
  );
}

export function TextArea(
  props: ControlProps & { value: string; name?: string; rows?: number; maxLength?: number },
) {
  const { id, hint, error } = props;
  const { hasError, describedBy } = described(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <HintAndError {...props} />
      <textarea
        class="textarea"
        id={id}
        name={props.name ?? id}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        dir="auto"
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

export function Radios(
  props: ControlProps & { value: string; options: readonly { value: string; label: string }[] },
) {
  const { id, hint, error, options, value } = props;
  const { hasError, describedBy } = described(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class="label">{props.label}</legend>
        <HintAndError {...props} />
        {options.map((option, index) => {
          // The first radio carries the field's id, so the error summary's link lands on it.
          const radioId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div class="checkbox" key={option.value}>
              <input
                type="radio"
                id={radioId}
                name={id}
                value={option.value}
                checked={option.value === value}
              />{' '}
              <label for={radioId}>{option.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function Checkbox(props: ControlProps & { checked: boolean; value?: string }) {
  const { id, hint, error } = props;
  const { hasError, describedBy } = described(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <HintAndError {...props} />
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={id}
          value={props.value ?? 'yes'}
          checked={props.checked}
          aria-describedby={describedBy}
        />{' '}
        <label for={id}>{props.label}</label>
      </div>
    </div>
  );
}

export function FileInput(props: ControlProps & { multiple?: boolean }) {
  const { id, hint, error } = props;
  const { hasError, describedBy } = described(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <HintAndError {...props} />
      <input
        class="input"
        type="file"
        id={id}
        name={id}
        multiple={props.multiple}
        accept=".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png"
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      />
    </div>
  );
}
