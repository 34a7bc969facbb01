import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { assertProblems, shippedPack } from './test-packs.ts';
import {
  MIGRATION_KNOWN_CODES,
  PACKS_DIR,
  loadPackFiles,
  parsePackText,
  validatePack,
  validatePackSet,
} from './validate.ts';

const SHIPPED = [
  'bulldozer-booking',
  'business-registration',
  'domicile-certificate',
  'driving-licence',
  'food-licence',
  'learner-driving-licence',
  'tenant-registration',
];

describe('the shipped service packs', () => {
  it('are all valid, with distinct prefixes, and include the services the policy names', async () => {
    const files = await loadPackFiles(PACKS_DIR);
    const { packs, errors } = validatePackSet(files, MIGRATION_KNOWN_CODES);
    assert.deepEqual(errors, []);
    assert.equal(packs.length, files.length);
    const codes = packs.map((p) => p.code);
    for (const code of SHIPPED) assert.ok(codes.includes(code), `${code} is shipped`);
  });

  it('include the valid example in docs/SERVICE-PACKS.md', () => {
    const doc = readFileSync(path.join(PACKS_DIR, '..', 'docs', 'SERVICE-PACKS.md'), 'utf8');
    const example = /## Example[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(example !== undefined, 'the example is there');
    const result = validatePack(JSON.parse(example), 'character-certificate.json', MIGRATION_KNOWN_CODES);
    assert.deepEqual(result.ok ? [] : result.errors, []);
  });

  it('returns the pack itself when it is valid', () => {
    const json = shippedPack('domicile-certificate');
    const result = validatePack(json, 'domicile-certificate.json', MIGRATION_KNOWN_CODES);
    assert.ok(result.ok);
    assert.equal(result.pack, json);
    assert.equal(result.pack.workflow.initial, 'payment');
  });
});

describe('a pack with a broken form, documents or fee', () => {
  it('names a duplicate field id with the first one', () => {
    const pack = shippedPack('domicile-certificate');
    pack.form.steps[1]!.fields[1]!.id = 'fullName';
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/form/steps/1/fields/1/id',
        message: 'duplicate field id "fullName" (first at /form/steps/0/fields/1)',
      },
    ]);
  });

  it('names duplicate step ids, option values, document codes and action ids', () => {
    const pack = shippedPack('domicile-certificate');
    pack.form.steps[1]!.id = 'applicant';
    pack.form.steps[0]!.fields[4]!.options![1]!.value = 'male';
    pack.documents[1]!.code = 'cnic-copy';
    pack.workflow.states.dcApproval!.actions![2]!.id = 'return';
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/form/steps/1/id', message: 'duplicate step id "applicant"' },
      { path: '/form/steps/0/fields/4/options/1/value', message: 'duplicate option value "male"' },
      { path: '/documents/1/code', message: 'duplicate document code "cnic-copy"' },
      { path: '/workflow/states/dcApproval/actions/2/id', message: 'duplicate action id "return"' },
    ]);
  });

  it('checks showIf: the field exists, comes earlier, and the value is one of its options', () => {
    const pack = shippedPack('domicile-certificate');
    pack.form.steps[0]!.fields[7]!.showIf = { field: 'purpose', equals: 'others' };
    pack.form.steps[1]!.fields[6]!.showIf = { field: 'permanentAdress', equals: 'yes' };
    pack.form.steps[0]!.fields[1]!.showIf = { field: 'district', in: ['QTA'] };
    assertProblems(pack, 'domicile-certificate.json', [
      {
        path: '/form/steps/0/fields/7/showIf/equals',
        message: '"others" is not an option of field "purpose"',
      },
      { path: '/form/steps/1/fields/6/showIf/field', message: 'no field "permanentAdress" in the form' },
      {
        path: '/form/steps/0/fields/1/showIf/field',
        message: 'field "district" must come before "fullName" in the form',
      },
    ]);
  });

  it('checks that documents name file fields and agree on being required', () => {
    const pack = shippedPack('domicile-certificate');
    pack.documents[0]!.field = 'fullName';
    pack.documents[3]!.required = true;
    assertProblems(pack, 'domicile-certificate.json', [
      { path: '/documents/0/field', message: 'field "fullName" is of type "text", not "file"' },
      {
        path: '/documents/3/required',
        message: 'must match file field "fatherDomicile", which is not required',
      },
      { path: '/form/steps/2/fields/0', message: 'file field "cnicCopy" is not listed in documents' },
    ]);
  });

  it('names a byOption fee that misses an option or prices one that does not exist', () => {
    const pack = shippedPack('food-licence');
    assert.equal(pack.fee.kind, 'byOption');
    delete pack.fee.amounts.restaurant;
    pack.fee.amounts.bakery = 500;
    assertProblems(pack, 'food-licence.json', [
      { path: '/fee/amounts', message: 'no amount for option "restaurant" of field "businessCategory"' },
      { path: '/fee/amounts/bakery', message: '"bakery" is not an option of field "businessCategory"' },
    ]);
  });

  it('needs a fee field of the right type that is always asked', () => {
    const food = shippedPack('food-licence');
    food.fee = { kind: 'byOption', field: 'foodTypes', amounts: { 'cooked-meals': 100 } };
    assertProblems(food, 'food-licence.json', [
      { path: '/fee/field', message: 'field "foodTypes" is of type "multiselect", not "select"' },
    ]);
    const licence = shippedPack('driving-licence');
    licence.form.steps[1]!.fields[0]!.required = false;
    assertProblems(licence, 'driving-licence.json', [
      {
        path: '/fee/field',
        message: 'field "licenceClass" decides the fee, so it must be required and have no showIf',
      },
    ]);
    const bulldozer = shippedPack('bulldozer-booking');
    bulldozer.fee = { kind: 'computed', rate: 1500, multiplyBy: 'village' };
    assertProblems(bulldozer, 'bulldozer-booking.json', [
      { path: '/fee/multiplyBy', message: 'field "village" is of type "text", not "number"' },
    ]);
  });

  it('checks a slot field: its district field and that the hours fit in a day', () => {
    const pack = shippedPack('bulldozer-booking');
    const slots = pack.form.steps[1]!.fields[1]!.slots!;
    slots.districtField = 'village';
    pack.form.steps[1]!.fields[0]!.max = 10;
    assertProblems(pack, 'bulldozer-booking.json', [
      {
        path: '/form/steps/1/fields/1/slots/districtField',
        message: 'field "village" is of type "text", not "district"',
      },
      {
        path: '/form/steps/1/fields/1/slots/durationField',
        message: 'field "hours" must be a whole number from at least 1 to at most 8 (the slots in a day)',
      },
    ]);
  });

  it('checks limits and patterns', () => {
    const pack = shippedPack('domicile-certificate');
    const years = pack.form.steps[1]!.fields[3]!;
    years.min = 10;
    years.max = 5;
    pack.form.steps[0]!.fields[1]!.pattern = '[a-z';
    const problems = validatePack(pack, 'domicile-certificate.json', MIGRATION_KNOWN_CODES);
    assert.ok(!problems.ok);
    assert.deepEqual(
      problems.errors.map((e) => e.path),
      ['/form/steps/0/fields/1/pattern', '/form/steps/1/fields/3/max'],
    );
    assert.match(problems.errors[0]!.message, /^not a valid regular expression: /);
    assert.equal(problems.errors[1]!.message, 'max (5) is less than min (10)');
  });
});

describe('a pack that does not fit its file or the reference data', () => {
  it('names a code that differs from the file name, reporting the bare file name', () => {
    const pack = shippedPack('domicile-certificate');
    const result = validatePack(pack, 'services/domicile.json', MIGRATION_KNOWN_CODES);
    assert.deepEqual(result, {
      ok: false,
      errors: [
        {
          file: 'domicile.json',
          path: '/code',
          message: 'code "domicile-certificate" does not match the file name "domicile.json"',
        },
      ],
    });
  });

  it('names an unknown department and district, using the codes it is given', () => {
    const pack = shippedPack('business-registration');
    pack.department = 'ministry-of-magic';
    pack.offices[0]!.district = 'XYZ';
    assertProblems(pack, 'business-registration.json', [
      { path: '/department', message: 'unknown department "ministry-of-magic"' },
      { path: '/offices/0/district', message: 'unknown district "XYZ"' },
    ]);
    const known = { departments: ['ministry-of-magic'], districts: ['XYZ'] };
    assert.ok(validatePack(pack, 'business-registration.json', known).ok);
  });

  it('refuses two packs with the same application-number prefix', () => {
    const tenant = shippedPack('tenant-registration');
    tenant.prefix = 'DOM';
    const { packs, errors } = validatePackSet(
      [
        { file: 'domicile-certificate.json', json: shippedPack('domicile-certificate') },
        { file: 'tenant-registration.json', json: tenant },
      ],
      MIGRATION_KNOWN_CODES,
    );
    assert.deepEqual(
      packs.map((p) => p.code),
      ['domicile-certificate'],
    );
    assert.deepEqual(errors, [
      {
        file: 'tenant-registration.json',
        path: '/prefix',
        message: 'prefix "DOM" is already used by domicile-certificate',
      },
    ]);
  });
});

describe('reading pack files', () => {
  it('reports bad JSON with the file, line and column', () => {
    const text = '{\n  "code": "x",\n  "version": 1,\n}\n';
    assert.deepEqual(parsePackText('broken.json', text), {
      file: 'broken.json',
      error: {
        file: 'broken.json',
        path: '',
        message:
          'invalid JSON at line 4, column 1: unexpected "}": expected a property name in double quotes',
      },
    });
  });

  it('reads only *.json files, in name order, and keeps going past a broken one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'packs-'));
    try {
      await writeFile(path.join(dir, 'b-pack.json'), '{\n  "code": "b-pack"\n  "version": 1\n}\n');
      await writeFile(path.join(dir, 'a-pack.json'), '\uFEFF{ "code": "a-pack" }');
      await writeFile(path.join(dir, 'README.md'), '# not a pack');
      const files = await loadPackFiles(dir);
      assert.deepEqual(files, [
        { file: 'a-pack.json', json: { code: 'a-pack' } },
        {
          file: 'b-pack.json',
          error: {
            file: 'b-pack.json',
            path: '',
            message: "invalid JSON at line 3, column 3: unexpected \"\\\"\": expected ',' or '}'",
          },
        },
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
