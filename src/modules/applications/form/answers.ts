// The form engine: turns what a person typed on one step of a service pack's form into typed answers, checks
// them against the pack (GOV.UK-style messages as catalog keys), decides which conditional fields are
// visible, and works out the fee. Pure functions: no database, no clock but the `today` given.
import { notFound, type FieldError } from '../../../platform/errors.ts';
import type { FormField, FormStep, ServicePack, ShowIf } from '../../services/pack/types.ts';
import {
  type Parsed,
  parseCnic,
  parseDate,
  parseDistrict,
  parseEmail,
  parseNumber,
  parseOption,
  parsePhone,
  parseSlot,
  parseText,
  pakistanToday,
} from './values.ts';

/** Stored answers, by field id: text, option values, numbers, YYYY-MM-DD dates, dashed CNICs, E.164 phones,
 * district codes, stored document keys (file fields) and `YYYY-MM-DDTHH:00` slots; null when left empty. */
export type Answers = Record<string, string | string[] | number | null>;

/** What the browser (or an API client) sent: one string per field, several for a multiselect. A slot field
 * sends its day as `<id>` and its start hour as `<id>-hour` (or both as `YYYY-MM-DDTHH:00` in `<id>`). */
export type RawAnswers = Record<string, string | string[] | undefined>;

export interface FormContext {
  /** Now; dates and slots are checked against today's date in Pakistan. */
  readonly today: Date;
  /** District codes a district field accepts. */
  readonly districts: readonly string[];
  /** The answers saved so far (earlier steps, and this step's files already stored by the caller). */
  readonly previous: Answers;
}

export interface StepResult {
  /** `previous` with this step's valid typed values; invalid ones and hidden fields are left out. */
  readonly answers: Answers;
  readonly errors: FieldError[];
}

/** A field error and the step it is on. */
export interface StepFieldError extends FieldError {
  readonly step: string;
}

const EMPTY_KEY: Readonly<Record<FormField['type'], string>> = {
  text: 'form.error.enter',
  textarea: 'form.error.enter',
  number: 'form.error.enter',
  date: 'form.error.enter',
  cnic: 'form.error.enter',
  phone: 'form.error.enter',
  email: 'form.error.enter',
  select: 'form.error.select',
  multiselect: 'form.error.select',
  district: 'form.error.select',
  file: 'form.error.upload',
  slot: 'form.error.slotChoose',
};

function matches(showIf: ShowIf, answer: Answers[string] | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  const wanted = 'equals' in showIf ? [showIf.equals] : showIf.in;
  const given = Array.isArray(answer) ? answer : [answer];
  return wanted.some((value) => given.some((item) => String(item) === String(value)));
}

const allFields = (pack: ServicePack): FormField[] => pack.form.steps.flatMap((step) => step.fields);

/** Ids of the fields shown for these answers (a field whose condition's field is hidden is hidden too). */
function visibleIds(pack: ServicePack, answers: Answers): Set<string> {
  const visible = new Set<string>();
  for (const field of allFields(pack)) {
    const shown =
      field.showIf === undefined ||
      (visible.has(field.showIf.field) && matches(field.showIf, answers[field.showIf.field]));
    if (shown) visible.add(field.id);
  }
  return visible;
}

/** The fields shown for these answers, in form order: of one step when `stepId` is given, else of all. */
export function visibleFields(pack: ServicePack, answers: Answers, stepId?: string): FormField[] {
  const visible = visibleIds(pack, answers);
  const fields = stepId === undefined ? allFields(pack) : findStep(pack, stepId).fields;
  return fields.filter((field) => visible.has(field.id));
}

function findStep(pack: ServicePack, stepId: string): FormStep {
  const step = pack.form.steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) throw notFound(`Step ${stepId} of ${pack.code}`);
  return step;
}

const first = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .map((item) => item.trim())
    .filter(Boolean);

function parseList(field: FormField, values: string[]): Parsed<string[]> {
  for (const value of values) {
    const parsed = parseOption(field, value);
    if (!parsed.ok) return parsed;
  }
  return { ok: true, value: [...new Set(values)] };
}

/** The typed value of one visible field, null when left empty, or the problem. */
function parseField(
  field: FormField,
  raw: RawAnswers,
  context: FormContext,
  merged: Answers,
): Parsed<Answers[string]> {
  if (field.type === 'multiselect') {
    const values = list(raw[field.id]);
    return values.length === 0 ? { ok: true, value: null } : parseList(field, values);
  }
  if (field.type === 'file') {
    const key = first(raw[field.id]);
    const stored = context.previous[field.id];
    return {
      ok: true,
      value: key !== '' ? key : typeof stored === 'string' && stored !== '' ? stored : null,
    };
  }
  const input = first(raw[field.id]);
  const hourInput = field.type === 'slot' ? first(raw[`${field.id}-hour`]) : '';
  if (input === '' && hourInput === '') return { ok: true, value: null };
  const today = pakistanToday(context.today);
  switch (field.type) {
    case 'text':
    case 'textarea':
      return parseText(field, input);
    case 'number':
      return parseNumber(field, input);
    case 'date':
      return parseDate(field, input, today);
    case 'select':
      return parseOption(field, input);
    case 'cnic':
      return parseCnic(input);
    case 'phone':
      return parsePhone(input);
    case 'email':
      return parseEmail(input);
    case 'district':
      return parseDistrict(input, context.districts);
    case 'slot': {
      if (field.slots === undefined) return { ok: false, messageKey: 'form.error.slotChoose' };
      const [date = '', hour = ''] = hourInput === '' ? input.split('T') : [input, hourInput];
      if (date === '' || hour === '') return { ok: false, messageKey: 'form.error.slotChoose' };
      const durationField = field.slots.durationField;
      const duration = durationField === undefined ? 1 : merged[durationField];
      return parseSlot(field.slots, date, hour, today, typeof duration === 'number' ? duration : 1);
    }
  }
}

const without = (answers: Answers, id: string): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([key]) => key !== id));

/** Removes the answers of every field hidden by these answers. */
function dropHidden(pack: ServicePack, answers: Answers): Answers {
  const visible = visibleIds(pack, answers);
  const kept: Answers = {};
  for (const field of allFields(pack)) {
    const value = answers[field.id];
    if (visible.has(field.id) && value !== undefined) kept[field.id] = value;
  }
  return kept;
}

/**
 * Checks one step. Fields are taken in order, so a condition on an earlier field of the same step sees the
 * new answer. Hidden fields are neither checked nor kept, anywhere in the form.
 */
export function validateStep(
  pack: ServicePack,
  stepId: string,
  raw: RawAnswers,
  context: FormContext,
): StepResult {
  const step = findStep(pack, stepId);
  let merged: Answers = { ...context.previous };
  const errors: FieldError[] = [];
  for (const field of step.fields) {
    merged = dropHidden(pack, merged);
    if (!visibleIds(pack, merged).has(field.id)) continue;
    const parsed = parseField(field, raw, context, merged);
    if (!parsed.ok) {
      merged = without(merged, field.id);
      errors.push({
        field: field.id,
        messageKey: parsed.messageKey,
        ...(parsed.params && { params: parsed.params }),
      });
    } else if (parsed.value === null && field.required === true) {
      merged = without(merged, field.id);
      errors.push({ field: field.id, messageKey: EMPTY_KEY[field.type] });
    } else {
      merged[field.id] = parsed.value;
    }
  }
  return { answers: dropHidden(pack, merged), errors };
}

/** Stored answers back to what a browser would send, to check them again. */
function toRaw(answers: Answers): RawAnswers {
  const raw: RawAnswers = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === null) continue;
    raw[id] = typeof value === 'number' ? String(value) : value;
  }
  return raw;
}

/**
 * Checks every step again (before submission, or answers sent whole through the API); each error names its
 * step. `context.previous` is not used: the answers given are the whole application.
 */
export function validateAll(
  pack: ServicePack,
  answers: Answers,
  context: Omit<FormContext, 'previous'> & { readonly previous?: Answers },
): StepFieldError[] {
  const raw = toRaw(answers);
  let checked: Answers = {};
  const errors: StepFieldError[] = [];
  for (const step of pack.form.steps) {
    const result = validateStep(pack, step.id, raw, {
      today: context.today,
      districts: context.districts,
      previous: checked,
    });
    checked = result.answers;
    errors.push(...result.errors.map((error) => ({ ...error, step: step.id })));
  }
  return errors;
}

/** The fee in rupees for these answers; undefined while an answer it depends on is missing. */
export function computeFee(pack: ServicePack, answers: Answers): number | undefined {
  const fee = pack.fee;
  switch (fee.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return fee.amount;
    case 'byOption': {
      const choice = answers[fee.field];
      return typeof choice === 'string' ? fee.amounts[choice] : undefined;
    }
    case 'computed': {
      const value = answers[fee.multiplyBy];
      if (typeof value !== 'number') return undefined;
      return Math.max(Math.round(fee.rate * value * 100) / 100, fee.minimum ?? 0);
    }
  }
}
