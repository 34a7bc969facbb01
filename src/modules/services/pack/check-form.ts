// Checks on the form, documents and fee that the schema cannot express: unique ids, references between
// fields (showIf, slots, documents, fee) to fields that exist, come earlier and have the right type.
import type { FormField, ServicePack } from './types.ts';
import { pointer } from './pointer.ts';

export interface Problem {
  readonly path: string;
  readonly message: string;
}

interface Located {
  readonly field: FormField;
  readonly path: string;
  readonly order: number;
}

/** Every field of the form by id (the first one when an id repeats), with its pointer and position. */
export function fieldIndex(pack: ServicePack): Map<string, Located> {
  const index = new Map<string, Located>();
  let order = 0;
  for (const [s, step] of pack.form.steps.entries()) {
    for (const [f, field] of step.fields.entries()) {
      if (!index.has(field.id))
        index.set(field.id, { field, path: pointer('/form/steps', s, 'fields', f), order });
      order++;
    }
  }
  return index;
}

/** Resolves a reference to a field and checks its type; reports at `at` and returns it when usable. */
function reference(
  fields: Map<string, Located>,
  problems: Problem[],
  at: string,
  id: string,
  types: readonly string[],
): Located | undefined {
  const found = fields.get(id);
  if (found === undefined) {
    problems.push({ path: at, message: `no field "${id}" in the form` });
    return undefined;
  }
  if (!types.includes(found.field.type)) {
    const wanted = types.map((t) => `"${t}"`).join(' or ');
    problems.push({ path: at, message: `field "${id}" is of type "${found.field.type}", not ${wanted}` });
    return undefined;
  }
  return found;
}

/** A field that decides a fee or a booking must always be asked. */
function mustBeAlwaysAsked(problems: Problem[], at: string, found: Located, purpose: string): void {
  if (found.field.required !== true || found.field.showIf !== undefined) {
    problems.push({
      path: at,
      message: `field "${found.field.id}" ${purpose}, so it must be required and have no showIf`,
    });
  }
}

function checkField(fields: Map<string, Located>, problems: Problem[], located: Located): void {
  const { field, path, order } = located;
  const seen = new Set<string>();
  field.options?.forEach((option, o) => {
    if (seen.has(option.value)) {
      problems.push({
        path: pointer(path, 'options', o, 'value'),
        message: `duplicate option value "${option.value}"`,
      });
    }
    seen.add(option.value);
  });
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.push({
      path: pointer(path, 'max'),
      message: `max (${field.max}) is less than min (${field.min})`,
    });
  }
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
    problems.push({ path: pointer(path, 'maxLength'), message: 'maxLength is less than minLength' });
  }
  if (field.pattern !== undefined) {
    try {
      new RegExp(field.pattern, 'u');
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ path: pointer(path, 'pattern'), message: `not a valid regular expression: ${reason}` });
    }
  }
  const showIf = field.showIf;
  if (showIf !== undefined) {
    const at = pointer(path, 'showIf', 'field');
    const target = reference(fields, problems, at, showIf.field, [
      'text',
      'textarea',
      'number',
      'date',
      'select',
      'multiselect',
      'cnic',
      'phone',
      'district',
      'email',
    ]);
    if (target !== undefined && target.order >= order) {
      problems.push({
        path: at,
        message: `field "${showIf.field}" must come before "${field.id}" in the form`,
      });
    } else if (target?.field.options !== undefined) {
      const values = new Set(target.field.options.map((option) => option.value));
      const given = 'equals' in showIf ? [[pointer(path, 'showIf', 'equals'), showIf.equals] as const] : [];
      const listed =
        'in' in showIf ? showIf.in.map((v, i) => [pointer(path, 'showIf', 'in', i), v] as const) : [];
      for (const [valuePath, value] of [...given, ...listed]) {
        if (typeof value !== 'string' || !values.has(value)) {
          problems.push({
            path: valuePath,
            message: `${JSON.stringify(value)} is not an option of field "${showIf.field}"`,
          });
        }
      }
    }
  }
  if (field.slots !== undefined) checkSlots(fields, problems, located);
}

function checkSlots(fields: Map<string, Located>, problems: Problem[], { field, path }: Located): void {
  const slots = field.slots;
  if (slots === undefined) return;
  const at = (...segments: string[]) => pointer(path, 'slots', ...segments);
  if (field.required !== true || field.showIf !== undefined) {
    problems.push({ path, message: `slot field "${field.id}" must be required and have no showIf` });
  }
  if (slots.firstHour > slots.lastHour) {
    problems.push({ path: at('lastHour'), message: 'lastHour is before firstHour' });
  }
  if (slots.minDaysAhead > slots.maxDaysAhead) {
    problems.push({ path: at('maxDaysAhead'), message: 'maxDaysAhead is less than minDaysAhead' });
  }
  const district = reference(fields, problems, at('districtField'), slots.districtField, ['district']);
  if (district !== undefined)
    mustBeAlwaysAsked(problems, at('districtField'), district, 'decides the booking');
  if (slots.durationField === undefined) return;
  const duration = reference(fields, problems, at('durationField'), slots.durationField, ['number']);
  if (duration === undefined) return;
  mustBeAlwaysAsked(problems, at('durationField'), duration, 'decides the booking');
  const perDay = slots.lastHour - slots.firstHour + 1;
  const { min, max, integer } = duration.field;
  if (integer !== true || min === undefined || min < 1 || max === undefined || max > perDay) {
    problems.push({
      path: at('durationField'),
      message: `field "${duration.field.id}" must be a whole number from at least 1 to at most ${perDay} (the slots in a day)`,
    });
  }
}

function checkDocuments(pack: ServicePack, fields: Map<string, Located>, problems: Problem[]): void {
  const codes = new Set<string>();
  const documentOf = new Map<string, string>();
  pack.documents.forEach((document, d) => {
    const path = pointer('/documents', d);
    if (codes.has(document.code)) {
      problems.push({ path: pointer(path, 'code'), message: `duplicate document code "${document.code}"` });
    }
    codes.add(document.code);
    const file = reference(fields, problems, pointer(path, 'field'), document.field, ['file']);
    if (file === undefined) return;
    const other = documentOf.get(document.field);
    if (other !== undefined) {
      problems.push({
        path: pointer(path, 'field'),
        message: `file field "${document.field}" already uploads document "${other}"`,
      });
    }
    documentOf.set(document.field, document.code);
    if (document.required !== (file.field.required === true)) {
      problems.push({
        path: pointer(path, 'required'),
        message: `must match file field "${document.field}", which is ${file.field.required === true ? '' : 'not '}required`,
      });
    }
  });
  for (const { field, path } of fields.values()) {
    if (field.type === 'file' && !documentOf.has(field.id)) {
      problems.push({ path, message: `file field "${field.id}" is not listed in documents` });
    }
  }
}

function checkFee(pack: ServicePack, fields: Map<string, Located>, problems: Problem[]): void {
  const fee = pack.fee;
  if (fee.kind === 'byOption') {
    const found = reference(fields, problems, '/fee/field', fee.field, ['select']);
    if (found === undefined) return;
    mustBeAlwaysAsked(problems, '/fee/field', found, 'decides the fee');
    const values = (found.field.options ?? []).map((option) => option.value);
    for (const value of values) {
      if (!(value in fee.amounts)) {
        problems.push({
          path: '/fee/amounts',
          message: `no amount for option "${value}" of field "${fee.field}"`,
        });
      }
    }
    for (const key of Object.keys(fee.amounts)) {
      if (!values.includes(key)) {
        problems.push({
          path: pointer('/fee/amounts', key),
          message: `"${key}" is not an option of field "${fee.field}"`,
        });
      }
    }
  } else if (fee.kind === 'computed') {
    const found = reference(fields, problems, '/fee/multiplyBy', fee.multiplyBy, ['number']);
    if (found !== undefined) mustBeAlwaysAsked(problems, '/fee/multiplyBy', found, 'decides the fee');
  }
}

export function checkForm(pack: ServicePack): Problem[] {
  const problems: Problem[] = [];
  const stepIds = new Set<string>();
  const fieldPaths = new Map<string, string>();
  pack.form.steps.forEach((step, s) => {
    if (stepIds.has(step.id))
      problems.push({ path: pointer('/form/steps', s, 'id'), message: `duplicate step id "${step.id}"` });
    stepIds.add(step.id);
    step.fields.forEach((field, f) => {
      const path = pointer('/form/steps', s, 'fields', f);
      const first = fieldPaths.get(field.id);
      if (first !== undefined) {
        problems.push({
          path: pointer(path, 'id'),
          message: `duplicate field id "${field.id}" (first at ${first})`,
        });
      } else fieldPaths.set(field.id, path);
    });
  });
  const fields = fieldIndex(pack);
  for (const located of fields.values()) checkField(fields, problems, located);
  const slotFields = [...fields.values()].filter(({ field }) => field.type === 'slot');
  for (const extra of slotFields.slice(1)) {
    problems.push({ path: extra.path, message: 'a form has at most one slot field' });
  }
  checkDocuments(pack, fields, problems);
  checkFee(pack, fields, problems);
  return problems;
}
