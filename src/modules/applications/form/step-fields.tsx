// One step of a service pack's form as HTML: every visible field with its label, hint and error, GOV.UK
// style, in the reader's language. Works without JavaScript: conditional fields appear when the step is
// shown again after a submission whose answers make them visible.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../platform/errors.ts';
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, type FormError, TextField } from '../../../platform/views/components.tsx';
import type { BilingualText, FormField, FormStep, ServicePack } from '../../services/pack/types.ts';
import { type Answers, type RawAnswers, visibleFields } from './answers.ts';
import { clock, displayDate, splitSlot } from './values.ts';

export interface DistrictChoice {
  readonly code: string;
  /** In the reader's language. */
  readonly name: string;
}

export interface StepFieldsProps {
  t: Translator;
  pack: ServicePack;
  step: FormStep;
  /** The answers so far: after a failed submission, the `answers` validateStep returned (they decide which
   * conditional fields show). */
  answers: Answers;
  /** What was typed on this step, shown again when it had errors. */
  raw?: RawAnswers;
  errors: readonly FormError[];
  districts: readonly DistrictChoice[];
}

const inLanguage = (t: Translator, text: BilingualText): string =>
  t.locale.code === 'ur' ? text.ur : text.en;

/** The label as the middle of a sentence: "Father's name" → "father's name"; "CNIC number" stays. */
function midSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

/** Field errors from validateStep/validateAll as messages naming each field in the reader's language. */
export function formErrorsFor(t: Translator, pack: ServicePack, errors: readonly FieldError[]): FormError[] {
  const fields = new Map(pack.form.steps.flatMap((step) => step.fields.map((field) => [field.id, field])));
  return errors.map((error) => {
    const field = fields.get(error.field);
    const label = field === undefined ? error.field : inLanguage(t, field.label);
    const params = { ...error.params, label, name: midSentence(label) };
    return { field: error.field, message: t.t(error.messageKey as MessageKey, params) };
  });
}

function labelText(t: Translator, field: FormField): string {
  const label = inLanguage(t, field.label);
  return field.required === true ? label : `${label} ${t.t('form.optional')}`;
}

/** The hint, error and aria-describedby of a control with id `id`. */
function describe(id: string, hint: ComponentChildren, error: string | undefined, extra: string[] = []) {
  const hasHint = hint !== undefined && hint !== null && hint !== '';
  const hasError = error !== undefined && error !== '';
  const ids = [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : '', ...extra]
    .filter(Boolean)
    .join(' ');
  return { hasHint, hasError, describedBy: ids === '' ? undefined : ids };
}

function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <div class="hint" id={`${id}-hint`}>
      {children}
    </div>
  );
}

function ErrorText({ t, id, error }: { t: Translator; id: string; error: string }) {
  return (
    <p class="error-message" id={`${id}-error`}>
      <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
      {error}
    </p>
  );
}

interface ControlProps {
  t: Translator;
  field: FormField;
  id: string;
  label: string;
  hint: string | undefined;
  error: string | undefined;
}

function Select(
  props: ControlProps & { value: string; options: readonly { value: string; label: string }[] },
) {
  const { t, id, hint, error } = props;
  const { hasHint, hasError, describedBy } = describe(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {hasHint && <Hint id={id}>{hint}</Hint>}
      {hasError && <ErrorText t={t} id={id} error={error ?? ''} />}
      <select
        class="select"
        id={id}
        name={id}
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      >
        <option value="">{t.t('form.choose')}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Checkboxes(props: ControlProps & { values: readonly string[] }) {
  const { t, field, id, hint, error } = props;
  const { hasHint, hasError, describedBy } = describe(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class="label">{props.label}</legend>
        {hasHint && <Hint id={id}>{hint}</Hint>}
        {hasError && <ErrorText t={t} id={id} error={error ?? ''} />}
        {(field.options ?? []).map((option, index) => {
          // The first box carries the field's id, so the error summary's link lands on it.
          const boxId = index === 0 ? id : `${id}-${index}`;
          return (
            <div class="checkbox" key={option.value}>
              <input
                type="checkbox"
                id={boxId}
                name={id}
                value={option.value}
                checked={props.values.includes(option.value)}
                aria-invalid={hasError ? 'true' : undefined}
              />
              <label for={boxId}>{inLanguage(t, option.label)}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function TextArea(props: ControlProps & { value: string }) {
  const { t, id, hint, error } = props;
  const { hasHint, hasError, describedBy } = describe(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {hasHint && <Hint id={id}>{hint}</Hint>}
      {hasError && <ErrorText t={t} id={id} error={error ?? ''} />}
      <textarea
        class="textarea"
        id={id}
        name={id}
        rows={4}
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

const MIME: Readonly<Record<'pdf' | 'jpeg' | 'png', string>> = {
  pdf: '.pdf,application/pdf',
  jpeg: '.jpg,.jpeg,image/jpeg',
  png: '.png,image/png',
};

function FileInput(props: ControlProps & { pack: ServicePack; uploaded: boolean }) {
  const { t, id, error } = props;
  const accept = props.pack.documents.find((document) => document.field === id)?.accept ?? [
    'pdf',
    'jpeg',
    'png',
  ];
  const types = new Intl.ListFormat(t.locale.intlLocale, { type: 'disjunction' }).format(
    accept.map((type) => type.toUpperCase()),
  );
  const hint = (
    <>
      {props.hint === undefined ? '' : `${props.hint} `}
      {t.t('form.file.types', { types })}
    </>
  );
  const { hasError, describedBy } = describe(id, hint, error, props.uploaded ? [`${id}-uploaded`] : []);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <Hint id={id}>{hint}</Hint>
      {props.uploaded && (
        <p class="body-s" id={`${id}-uploaded`}>
          {t.t('form.file.uploaded')}
        </p>
      )}
      {hasError && <ErrorText t={t} id={id} error={error ?? ''} />}
      <input
        class="input"
        type="file"
        id={id}
        name={id}
        accept={accept.map((type) => MIME[type]).join(',')}
        aria-describedby={describedBy}
        aria-invalid={hasError ? 'true' : undefined}
      />
    </div>
  );
}

function SlotInput(props: ControlProps & { date: string; hour: string }) {
  const { t, field, id, hint, error } = props;
  const slots = field.slots;
  const hours: number[] = [];
  for (let hour = slots?.firstHour ?? 0; hour <= (slots?.lastHour ?? -1); hour += 1) hours.push(hour);
  const { hasHint, hasError, describedBy } = describe(id, hint, error);
  return (
    <div class={hasError ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class="label">{props.label}</legend>
        {hasHint && <Hint id={id}>{hint}</Hint>}
        {hasError && <ErrorText t={t} id={id} error={error ?? ''} />}
        <TextField
          t={t}
          id={id}
          label={t.t('form.slot.day')}
          hint={<DateExample t={t} />}
          value={props.date}
          inputmode="numeric"
          dir="ltr"
          narrow
        />
        <Select
          t={t}
          field={field}
          id={`${id}-hour`}
          label={t.t('form.slot.hour')}
          hint={undefined}
          error={undefined}
          value={props.hour}
          options={hours.map((hour) => ({ value: String(hour), label: clock(hour) }))}
        />
      </fieldset>
    </div>
  );
}

function DateExample({ t }: { t: Translator }) {
  return (
    <>
      {t.t('form.date.example')} <Bdi>23-03-1990</Bdi>
    </>
  );
}

function rawText(raw: RawAnswers | undefined, id: string): string | undefined {
  const value = raw?.[id];
  return Array.isArray(value) ? value[0] : value;
}

/** The text a control shows: what was typed, else the stored answer as people write it. */
function shownText(field: FormField, answer: Answers[string] | undefined, typed: string | undefined): string {
  if (typed !== undefined) return typed;
  if (answer === undefined || answer === null || Array.isArray(answer)) return '';
  if (field.type === 'date' && typeof answer === 'string') return displayDate(answer);
  return String(answer);
}

function Field(props: StepFieldsProps & { field: FormField }) {
  const { t, field, answers, raw } = props;
  const id = field.id;
  const common: ControlProps = {
    t,
    field,
    id,
    label: labelText(t, field),
    hint: field.hint === undefined ? undefined : inLanguage(t, field.hint),
    error: props.errors.find((error) => error.field === id)?.message,
  };
  const value = shownText(field, answers[id], rawText(raw, id));
  const text = { t, id, label: common.label, hint: common.hint, error: common.error, value };
  switch (field.type) {
    case 'text':
      return <TextField {...text} />;
    case 'email':
      return <TextField {...text} type="email" spellcheck={false} dir="ltr" />;
    case 'number':
      return <TextField {...text} inputmode={field.integer === true ? 'numeric' : 'decimal'} />;
    case 'cnic':
      return <TextField {...text} inputmode="numeric" dir="ltr" spellcheck={false} narrow />;
    case 'phone':
      return <TextField {...text} type="tel" dir="ltr" narrow />;
    case 'date': {
      const hint = (
        <>
          {common.hint === undefined ? '' : `${common.hint} `}
          <DateExample t={t} />
        </>
      );
      return <TextField {...text} hint={hint} inputmode="numeric" dir="ltr" narrow />;
    }
    case 'textarea':
      return <TextArea {...common} value={value} />;
    case 'select': {
      const options = (field.options ?? []).map((option) => ({
        value: option.value,
        label: inLanguage(t, option.label),
      }));
      return <Select {...common} value={value} options={options} />;
    }
    case 'district': {
      const options = props.districts.map((district) => ({ value: district.code, label: district.name }));
      return <Select {...common} value={value} options={options} />;
    }
    case 'multiselect': {
      const typed = raw?.[id];
      const stored = answers[id];
      const values =
        typed !== undefined
          ? [typed].flat()
          : Array.isArray(stored)
            ? stored
            : typeof stored === 'string'
              ? [stored]
              : [];
      return <Checkboxes {...common} values={values} />;
    }
    case 'file': {
      const stored = answers[id];
      return (
        <FileInput {...common} pack={props.pack} uploaded={typeof stored === 'string' && stored !== ''} />
      );
    }
    case 'slot': {
      const stored = typeof answers[id] === 'string' ? splitSlot(answers[id]) : undefined;
      const typedDate = rawText(raw, id);
      const typedHour = rawText(raw, `${id}-hour`);
      return (
        <SlotInput
          {...common}
          date={typedDate ?? (stored === undefined ? '' : displayDate(stored.date))}
          hour={typedHour ?? (stored === undefined ? '' : String(stored.hour))}
        />
      );
    }
  }
}

/** The visible fields of one step, in order. Wrap them in the page's <form> with its buttons. */
export function StepFields(props: StepFieldsProps) {
  const fields = visibleFields(props.pack, props.answers, props.step.id);
  return (
    <>
      {fields.map((field) => (
        <Field key={field.id} {...props} field={field} />
      ))}
    </>
  );
}
