import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { findLocale, translatorFor } from '../../../platform/i18n/i18n.ts';
import { shippedPack } from '../../services/pack/test-packs.ts';
import type { FieldType, ServicePack } from '../../services/pack/types.ts';
import type { Answers, RawAnswers } from './answers.ts';
import { validateStep } from './answers.ts';
import { formErrorsFor, StepFields } from './step-fields.tsx';

const english = translatorFor(findLocale('en')!);
const urdu = translatorFor(findLocale('ur')!);
const districts = [
  { code: 'QTA', name: 'Quetta' },
  { code: 'GWD', name: 'Gwadar' },
];

// One step holding a field of every type, built from the shipped bulldozer pack.
const pack = shippedPack('bulldozer-booking');
const label = (en: string) => ({ en, ur: `${en} (ur)` });
const options = [
  { value: 'one', label: label('One') },
  { value: 'two', label: label('Two') },
];
pack.form.steps.push({
  id: 'everything',
  title: label('Everything'),
  fields: [
    { id: 'aText', type: 'text', label: label('A text'), required: true },
    { id: 'aTextarea', type: 'textarea', label: label('A textarea'), hint: label('Some hint') },
    { id: 'aNumber', type: 'number', label: label('A number'), integer: true },
    { id: 'aDate', type: 'date', label: label('A date') },
    { id: 'aSelect', type: 'select', label: label('A select'), options },
    { id: 'aMultiselect', type: 'multiselect', label: label('A multiselect'), options },
    { id: 'aCnic', type: 'cnic', label: label('A CNIC') },
    { id: 'aPhone', type: 'phone', label: label('A phone') },
    { id: 'aDistrict', type: 'district', label: label('A district') },
    { id: 'anEmail', type: 'email', label: label('An e-mail') },
    { id: 'aFile', type: 'file', label: label('A file') },
  ],
});
pack.documents.push({
  code: 'a-file',
  name: label('A file'),
  required: false,
  field: 'aFile',
  accept: ['pdf'],
});
const servicePack = pack as ServicePack;
const everything = servicePack.form.steps.find((step) => step.id === 'everything')!;
const booking = servicePack.form.steps.find((step) => step.id === 'booking')!;

function html(props: {
  raw?: RawAnswers;
  answers?: Answers;
  errors?: { field: string; message: string }[];
  t?: typeof english;
  step?: typeof booking;
}) {
  return render(
    <StepFields
      t={props.t ?? english}
      pack={servicePack}
      step={props.step ?? everything}
      answers={props.answers ?? {}}
      raw={props.raw}
      errors={props.errors ?? []}
      districts={districts}
    />,
  );
}

/** The opening tag of the element with this id. */
function tagWithId(page: string, id: string): string {
  const match = new RegExp(
    `<(?:input|select|textarea)\\b(?:[^>"]|"[^"]*")*?\\bid="${id}"(?:[^>"]|"[^"]*")*>`,
  ).exec(page);
  assert.ok(match, `a control with id ${id}`);
  return match[0];
}

describe('StepFields', () => {
  const types: FieldType[] = everything.fields.map((field) => field.type);
  it('covers every field type but slot in the test step (slot is on the booking step)', () => {
    assert.equal(new Set([...types, 'slot']).size, 12);
  });

  it('ties a label to the control of every field type', () => {
    const page = html({});
    for (const field of everything.fields) {
      tagWithId(page, field.id);
      if (field.type === 'multiselect') {
        assert.match(page, /<legend class="label">A multiselect \(optional\)<\/legend>/);
        assert.match(page, /<label for="aMultiselect">One<\/label>/);
        assert.match(page, /<label for="aMultiselect-1">Two<\/label>/);
      } else {
        assert.match(page, new RegExp(`<label class="label" for="${field.id}">`), field.id);
      }
    }
    const slot = html({ step: booking });
    assert.match(slot, /<legend class="label">Day and starting hour<\/legend>/);
    assert.match(slot, /<label class="label" for="slot">Day<\/label>/);
    assert.match(slot, /<label class="label" for="slot-hour">Starting hour<\/label>/);
    assert.match(slot, /<option value="8">08:00<\/option>.*<option value="15">15:00<\/option>/s);
    assert.doesNotMatch(slot, /value="16"/);
  });

  it('marks optional fields, not required ones, and gives each type its input hints', () => {
    const page = html({});
    assert.match(page, /for="aText">A text<\/label>/);
    assert.match(page, /for="aNumber">A number \(optional\)<\/label>/);
    assert.doesNotMatch(page, /\*/);
    assert.match(tagWithId(page, 'aNumber'), /inputmode="numeric"/);
    assert.match(tagWithId(page, 'aDate'), /inputmode="numeric"/);
    assert.match(tagWithId(page, 'aDate'), /dir="ltr"/);
    assert.match(page, /<div class="hint" id="aDate-hint">For example <bdi dir="ltr">23-03-1990<\/bdi>/);
    assert.match(tagWithId(page, 'aCnic'), /class="input input--narrow".*dir="ltr"/);
    assert.match(tagWithId(page, 'aPhone'), /type="tel"/);
    assert.match(tagWithId(page, 'anEmail'), /type="email"/);
    assert.match(tagWithId(page, 'aFile'), /type="file"/);
    assert.match(tagWithId(page, 'aFile'), /accept=".pdf,application\/pdf"/);
    assert.match(page, /<div class="hint" id="aFile-hint">PDF, at most 5 MB<\/div>/);
    assert.match(page, /<option value="QTA">Quetta<\/option>/);
  });

  it('keeps what was typed, escaped, and shows stored answers as people write them', () => {
    const typed = html({
      raw: {
        aText: '<script>alert(1)</script>',
        aTextarea: 'a "quote" & </textarea>',
        aSelect: 'two',
        aMultiselect: ['one', 'two'],
        aCnic: '۵۴۴۰۰',
      },
    });
    assert.match(tagWithId(typed, 'aText'), /value="&lt;script>alert\(1\)&lt;\/script>"/);
    assert.doesNotMatch(typed, /<script>/);
    assert.match(typed, />a &quot;quote&quot; &amp; &lt;\/textarea><\/textarea>/);
    assert.match(typed, /<option value="two" selected>Two<\/option>/);
    assert.match(tagWithId(typed, 'aMultiselect'), /checked/);
    assert.match(tagWithId(typed, 'aMultiselect-1'), /checked/);
    assert.match(tagWithId(typed, 'aCnic'), /value="۵۴۴۰۰"/);
    const stored = html({
      answers: { aDate: '1990-03-23', aNumber: 7, aDistrict: 'GWD', aFile: 'stored/key' },
    });
    assert.match(tagWithId(stored, 'aDate'), /value="23-03-1990"/);
    assert.match(tagWithId(stored, 'aNumber'), /value="7"/);
    assert.match(stored, /<option value="GWD" selected>Gwadar<\/option>/);
    assert.match(stored, /id="aFile-uploaded">Uploaded\./);
    assert.match(tagWithId(stored, 'aFile'), /aria-describedby="aFile-hint aFile-uploaded"/);
    const slot = html({ step: booking, answers: { slot: '2026-12-01T09:00', hours: 2 } });
    assert.match(tagWithId(slot, 'slot'), /value="01-12-2026"/);
    assert.match(slot, /<option value="9" selected>09:00<\/option>/);
  });

  it('shows each error beside its field, with aria-invalid and aria-describedby', () => {
    const errors = everything.fields.map((field) => ({
      field: field.id,
      message: `Problem with ${field.id}`,
    }));
    const page = html({ errors });
    for (const field of everything.fields) {
      assert.match(
        page,
        new RegExp(
          `<p class="error-message" id="${field.id}-error"><span class="visually-hidden">Error: </span>Problem with ${field.id}</p>`,
        ),
      );
      const control = tagWithId(page, field.id);
      assert.match(control, /aria-invalid="true"/, field.id);
      if (field.type === 'multiselect')
        assert.match(page, /<fieldset class="fieldset" aria-describedby="aMultiselect-error">/);
      else assert.match(control, new RegExp(`aria-describedby="[^"]*${field.id}-error`), field.id);
    }
    assert.equal(page.match(/class="field field--error"/g)?.length, everything.fields.length);
    const clean = html({});
    assert.doesNotMatch(clean, /aria-invalid|field--error/);
  });

  it('speaks Urdu with the pack Urdu labels', () => {
    const page = html({ t: urdu });
    assert.match(page, /for="aText">A text \(ur\)<\/label>/);
    assert.match(page, /for="aNumber">A number \(ur\) \(اختیاری\)<\/label>/);
    assert.match(page, /<label for="aMultiselect">One \(ur\)<\/label>/);
  });

  it('renders a conditional field only when its condition holds', () => {
    const domicile = shippedPack('domicile-certificate') as ServicePack;
    const applicant = domicile.form.steps[0]!;
    const render1 = (answers: Answers) =>
      render(
        <StepFields
          t={english}
          pack={domicile}
          step={applicant}
          answers={answers}
          errors={[]}
          districts={districts}
        />,
      );
    assert.doesNotMatch(render1({ purpose: 'education' }), /id="purposeOther"/);
    assert.match(render1({ purpose: 'other' }), /id="purposeOther"/);
  });
});

describe('formErrorsFor', () => {
  it('names the field in the reader language, GOV.UK style', () => {
    const domicile = shippedPack('domicile-certificate') as ServicePack;
    const { errors } = validateStep(
      domicile,
      'applicant',
      { dateOfBirth: '01-01-2030' },
      { today: new Date('2026-11-28T05:30:00Z'), districts: ['QTA'], previous: {} },
    );
    const messages = Object.fromEntries(
      formErrorsFor(english, domicile, errors).map((e) => [e.field, e.message]),
    );
    assert.equal(messages.fatherName, "Enter father's name (or husband's name)");
    assert.equal(messages.applicantCnic, 'Enter CNIC or B-form number of the applicant');
    assert.equal(messages.dateOfBirth, 'Date of birth must be today or in the past');
    assert.equal(messages.gender, 'Select gender');
    const inUrdu = formErrorsFor(urdu, domicile, errors);
    assert.ok(inUrdu.every((error) => !/[{}]/.test(error.message) && /[\u0600-\u06FF]/.test(error.message)));
    const slotErrors = [
      { field: 'hours', messageKey: 'form.error.numberBetween', params: { min: 1, max: 8 } },
    ];
    assert.deepEqual(formErrorsFor(english, servicePack, slotErrors), [
      { field: 'hours', message: 'Enter a number between 1 and 8' },
    ]);
  });
});
