import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES } from '../../../platform/actor.ts';
import { packSchema } from './schema-check.ts';
import { assertProblems, shippedPack } from './test-packs.ts';
import type {
  Fee,
  FormField,
  FormStep,
  HourlySlots,
  Office,
  PackDocument,
  ServicePack,
  WorkflowAction,
  WorkflowState,
} from './types.ts';

type SchemaNode = { properties?: Record<string, unknown>; enum?: unknown[] };
const schema = packSchema() as SchemaNode & { $defs: Record<string, SchemaNode> };
const propertiesOf = (node: SchemaNode | undefined) => Object.keys(node?.properties ?? {}).sort();

// The TypeScript types are hand-written: each list below must name exactly the type's keys (checked by
// the compiler) and exactly the schema's properties (checked at run time).
type Exact<T, K extends readonly PropertyKey[]> = [
  Exclude<keyof T, K[number]>,
  Exclude<K[number], keyof T>,
] extends [never, never]
  ? true
  : false;
const PACK = ['$schema', 'code', 'version', 'prefix', 'department', 'name', 'summary', 'description', 'keywords',
  'eligibility', 'howToApply', 'documents', 'fee', 'slaDays', 'offices', 'form', 'workflow', 'issues'] as const; // prettier-ignore
const FIELD = ['id', 'type', 'label', 'hint', 'required', 'min', 'max', 'integer', 'minLength', 'maxLength',
  'pattern', 'options', 'showIf', 'slots'] as const; // prettier-ignore
const STEP = ['id', 'title', 'fields'] as const;
const SLOTS = ['kind', 'capacityPerDistrict', 'districtField', 'durationField', 'firstHour', 'lastHour',
  'minDaysAhead', 'maxDaysAhead'] as const; // prettier-ignore
const DOCUMENT = ['code', 'name', 'required', 'field', 'accept'] as const;
const OFFICE = ['name', 'district', 'address'] as const;
const STATE = ['label', 'holder', 'deadlineHours', 'escalate', 'terminal', 'outcome', 'citizenAction', 'actions'] as const; // prettier-ignore
const ACTION = ['id', 'label', 'roles', 'to', 'remarks', 'document'] as const;
const FEE_FIXED = ['kind', 'amount', 'headOfAccount'] as const;
const FEE_BY_OPTION = ['kind', 'field', 'amounts', 'headOfAccount'] as const;
const FEE_COMPUTED = ['kind', 'rate', 'multiplyBy', 'minimum', 'unit', 'headOfAccount'] as const;
const exact: true[] = [
  true satisfies Exact<ServicePack, typeof PACK>,
  true satisfies Exact<FormField, typeof FIELD>,
  true satisfies Exact<FormStep, typeof STEP>,
  true satisfies Exact<HourlySlots, typeof SLOTS>,
  true satisfies Exact<PackDocument, typeof DOCUMENT>,
  true satisfies Exact<Office, typeof OFFICE>,
  true satisfies Exact<WorkflowState, typeof STATE>,
  true satisfies Exact<WorkflowAction, typeof ACTION>,
  true satisfies Exact<Extract<Fee, { kind: 'fixed' }>, typeof FEE_FIXED>,
  true satisfies Exact<Extract<Fee, { kind: 'byOption' }>, typeof FEE_BY_OPTION>,
  true satisfies Exact<Extract<Fee, { kind: 'computed' }>, typeof FEE_COMPUTED>,
];

describe('the published schema', () => {
  it('names the same properties as the TypeScript types', () => {
    assert.equal(exact.length, 11);
    const defs = schema.$defs;
    assert.deepEqual(propertiesOf(schema), [...PACK].sort());
    assert.deepEqual(propertiesOf(defs.field), [...FIELD].sort());
    assert.deepEqual(propertiesOf(defs.step), [...STEP].sort());
    assert.deepEqual(propertiesOf(defs.slots), [...SLOTS].sort());
    assert.deepEqual(propertiesOf(defs.document), [...DOCUMENT].sort());
    assert.deepEqual(propertiesOf(defs.office), [...OFFICE].sort());
    assert.deepEqual(propertiesOf(defs.state), [...STATE].sort());
    assert.deepEqual(propertiesOf(defs.action), [...ACTION].sort());
    assert.deepEqual(propertiesOf(defs.feeFixed), [...FEE_FIXED].sort());
    assert.deepEqual(propertiesOf(defs.feeByOption), [...FEE_BY_OPTION].sort());
    assert.deepEqual(propertiesOf(defs.feeComputed), [...FEE_COMPUTED].sort());
  });

  it('knows exactly the platform roles, plus citizen for actions', () => {
    assert.deepEqual(schema.$defs.role?.enum, [...ROLES]);
    assert.deepEqual(schema.$defs.actionRole?.enum, ['citizen', ...ROLES]);
  });

  it('rejects unknown properties at every level', () => {
    const pack = shippedPack('domicile-certificate');
    Object.assign(pack, { colour: 'green' });
    Object.assign(pack.name, { fr: 'Certificat de domicile' });
    Object.assign(pack.fee, { currency: 'PKR' });
    Object.assign(pack.form.steps[0]!.fields[1]!, { placeholder: 'Ali Khan' });
    Object.assign(pack.workflow.states.scrutiny!, { sla: 2 });
    Object.assign(pack.workflow.states.scrutiny!.actions![0]!, { notify: true });
    Object.assign(pack.offices[0]!, { phone: '081-9201234' });
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/colour', message: 'unknown property' },
      { path: '/name/fr', message: 'unknown property' },
      { path: '/fee/currency', message: 'unknown property' },
      { path: '/form/steps/0/fields/1/placeholder', message: 'unknown property' },
      { path: '/workflow/states/scrutiny/sla', message: 'unknown property' },
      { path: '/workflow/states/scrutiny/actions/0/notify', message: 'unknown property' },
      { path: '/offices/0/phone', message: 'unknown property' },
    ]);
  });

  it('allows each field property only on the field types it means something for', () => {
    const pack = shippedPack('domicile-certificate');
    const fields = pack.form.steps[0]!.fields;
    fields[1]!.options = [{ value: 'x', label: { en: 'X', ur: 'ایکس' } }];
    fields[1]!.min = 3;
    fields[3]!.pattern = '\\d+';
    delete fields[4]!.options;
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/form/steps/0/fields/1/options',
        message: '"options" is not allowed on a field of type "text"',
      },
      { path: '/form/steps/0/fields/1/min', message: '"min" is not allowed on a field of type "text"' },
      {
        path: '/form/steps/0/fields/3/pattern',
        message: '"pattern" is not allowed on a field of type "date"',
      },
      { path: '/form/steps/0/fields/4', message: 'missing required property "options"' },
    ]);
  });

  it('explains a malformed showIf, fee, identifier and missing property', () => {
    const pack = shippedPack('domicile-certificate');
    pack.form.steps[0]!.fields[7]!.showIf = { field: 'purpose', equals: 'other', in: ['other'] };
    pack.fee = { kind: 'free' } as never;
    pack.prefix = 'Dom';
    pack.workflow.states['dc-approval'] = pack.workflow.states.dcApproval!;
    Reflect.deleteProperty(pack, 'slaDays');
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '', message: 'missing required property "slaDays"' },
      { path: '/prefix', message: 'must match pattern "^[A-Z]{3}$"' },
      { path: '/fee/kind', message: 'must be one of: none, fixed, byOption, computed' },
      { path: '/form/steps/0/fields/7/showIf', message: 'must have exactly one of "equals" or "in"' },
      { path: '/workflow/states/dc-approval', message: 'name must match pattern "^[a-z][a-zA-Z0-9]*$"' },
    ]);
  });

  it('rejects what is not a pack at all', () => {
    assertProblems([], 'domicile-certificate.json', [{ path: '', message: 'must be object' }]);
  });
});
