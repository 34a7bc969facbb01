import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MIGRATION_KNOWN_CODES } from '../../services/pack/known-codes.ts';
import { PACKS_DIR } from '../../services/pack/files.ts';
import { shippedPack } from '../../services/pack/test-packs.ts';
import type { FormField, ServicePack } from '../../services/pack/types.ts';
import {
  type Answers,
  computeFee,
  type RawAnswers,
  validateAll,
  validateStep,
  visibleFields,
} from './answers.ts';

// 05:30 UTC is 10:30 in Pakistan on 28 November 2026.
const today = new Date('2026-11-28T05:30:00Z');
const districts = MIGRATION_KNOWN_CODES.districts;
const context = (previous: Answers = {}) => ({ today, districts, previous });
const pack = (code: string): ServicePack => shippedPack(code);
const keys = (errors: readonly { field: string; messageKey: string }[]) =>
  Object.fromEntries(errors.map((error) => [error.field, error.messageKey]));

/** A valid typed answer for a field, as a person would type it. */
function validRaw(field: FormField): RawAnswers {
  const id = field.id;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return { [id]: '  Sabzal Road, house 12  ' };
    case 'number':
      return { [id]: String(field.min ?? 1) };
    case 'date':
      return { [id]: field.max === undefined ? '01-12-2026' : field.max >= 0 ? '28/11/2026' : '01-09-2026' };
    case 'select':
    case 'multiselect':
      return { [id]: field.options?.[0]?.value };
    case 'cnic':
      return { [id]: '5440012345671' };
    case 'phone':
      return { [id]: '0300 1234567' };
    case 'district':
      return { [id]: 'QTA' };
    case 'email':
      return { [id]: 'Person@Example.PK' };
    case 'file':
      return { [id]: `stored/${id}.pdf` };
    case 'slot':
      return { [id]: '01-12-2026', [`${id}-hour`]: String(field.slots?.firstHour) };
  }
}

function fillAll(servicePack: ServicePack): Answers {
  let answers: Answers = {};
  for (const step of servicePack.form.steps) {
    const raw = Object.assign({}, ...step.fields.map(validRaw)) as RawAnswers;
    const result = validateStep(servicePack, step.id, raw, context(answers));
    assert.deepEqual(result.errors, [], `${servicePack.code} step ${step.id}`);
    answers = result.answers;
  }
  return answers;
}

describe('validateStep and validateAll', () => {
  const codes = readdirSync(PACKS_DIR).map((file) => file.replace(/\.json$/, ''));
  it('ships the seven packs', () => {
    assert.equal(codes.length, 7);
  });
  for (const code of codes) {
    it(`accepts valid answers for every step of ${code}, and again before submission`, () => {
      const servicePack = pack(code);
      const answers = fillAll(servicePack);
      for (const field of visibleFields(servicePack, answers)) {
        if (field.required === true) assert.notEqual(answers[field.id] ?? null, null, field.id);
      }
      assert.deepEqual(validateAll(servicePack, answers, { today, districts }), []);
    });
  }

  it('stores typed values: trimmed text, dashed CNIC, E.164 mobile, ISO date, lower-case e-mail', () => {
    const answers = fillAll(pack('business-registration'));
    assert.equal(answers.businessName, 'Sabzal Road, house 12');
    assert.equal(answers.ownerCnic, '54400-1234567-1');
    assert.equal(answers.mobile, '+923001234567');
    assert.equal(answers.startDate, '2026-11-28');
    assert.equal(answers.email, 'person@example.pk');
    assert.equal(answers.capital, 0);
  });

  it('gives the expected keys for typical mistakes on the domicile form', () => {
    const result = validateStep(
      pack('domicile-certificate'),
      'applicant',
      {
        applicantCnic: '54400-123456-1',
        fullName: 'Amina Baloch',
        fatherName: '   ',
        dateOfBirth: '29-11-2026',
        gender: 'unknown',
        mobile: '12345',
        purpose: 'education',
      },
      context(),
    );
    assert.deepEqual(keys(result.errors), {
      applicantCnic: 'form.error.cnic',
      fatherName: 'form.error.enter',
      dateOfBirth: 'form.error.dateNotFuture',
      gender: 'form.error.select',
      mobile: 'form.error.phone',
    });
    assert.deepEqual(result.answers, { fullName: 'Amina Baloch', purpose: 'education' });
    const residence = validateStep(
      pack('domicile-certificate'),
      'residence',
      { district: 'XXX', yearsResident: '121', tehsil: 'x'.repeat(81) },
      context(),
    );
    assert.equal(keys(residence.errors).district, 'form.error.select');
    assert.equal(keys(residence.errors).tehsil, 'form.error.tooLong');
    assert.deepEqual(
      residence.errors.find((error) => error.field === 'yearsResident'),
      {
        field: 'yearsResident',
        messageKey: 'form.error.numberBetween',
        params: { min: 0, max: 120 },
      },
    );
  });

  it('reads numbers with Urdu digits, refuses fractions where whole numbers are asked', () => {
    const servicePack = pack('bulldozer-booking');
    const step = (raw: RawAnswers) => validateStep(servicePack, 'booking', raw, context({ district: 'QTA' }));
    assert.equal(step({ hours: '۳', slot: '2026-12-01T08:00' }).answers.hours, 3);
    assert.equal(keys(step({ hours: '2.5' }).errors).hours, 'form.error.notWholeNumber');
    assert.equal(keys(step({ hours: 'three' }).errors).hours, 'form.error.notNumber');
    assert.equal(keys(step({ hours: '9' }).errors).hours, 'form.error.numberBetween');
    const land = validateStep(servicePack, 'land', { areaAcres: '۱٫۵' }, context());
    assert.equal(land.answers.areaAcres, 1.5);
    assert.equal(
      keys(validateStep(servicePack, 'land', { areaAcres: '0.1' }, context()).errors).areaAcres,
      'form.error.numberBetween',
    );
  });

  it('reads CNICs with Urdu digits and dashes or none', () => {
    const servicePack = pack('tenant-registration');
    for (const typed of ['۵۴۴۰۰-۱۲۳۴۵۶۷-۱', '۵۴۴۰۰۱۲۳۴۵۶۷۱', '54400-1234567-1']) {
      const result = validateStep(servicePack, 'owner', { ownerCnic: typed }, context());
      assert.equal(result.answers.ownerCnic, '54400-1234567-1', typed);
    }
  });

  it('reads dates as YYYY-MM-DD, DD-MM-YYYY and DD/MM/YYYY, and refuses impossible ones', () => {
    const servicePack = pack('domicile-certificate');
    const dob = (typed: string) => validateStep(servicePack, 'applicant', { dateOfBirth: typed }, context());
    for (const typed of ['1990-03-23', '23-03-1990', '23/03/1990', '۲۳-۰۳-۱۹۹۰', '23-3-1990']) {
      assert.equal(dob(typed).answers.dateOfBirth, '1990-03-23', typed);
    }
    for (const typed of ['31-02-1990', '1990/03/23', '23 March 1990', '23-03-90']) {
      assert.equal(keys(dob(typed).errors).dateOfBirth, 'form.error.dateInvalid', typed);
    }
    assert.equal(dob('28-11-2026').answers.dateOfBirth, '2026-11-28', 'today in Pakistan is not the future');
  });

  it('checks dates against days from today in Pakistan time', () => {
    const servicePack = pack('driving-licence');
    const learner = (typed: string, now = today) =>
      validateStep(servicePack, 'licence', { learnerLicenceDate: typed }, { ...context(), today: now });
    // Between 182 and 42 days ago: 30-05-2026 to 17-10-2026.
    assert.equal(keys(learner('17-10-2026').errors).learnerLicenceDate, undefined);
    assert.equal(keys(learner('30-05-2026').errors).learnerLicenceDate, undefined);
    assert.deepEqual(
      learner('18-10-2026').errors.find((error) => error.field === 'learnerLicenceDate')?.params,
      {
        min: '30-05-2026',
        max: '17-10-2026',
      },
    );
    assert.equal(keys(learner('29-05-2026').errors).learnerLicenceDate, 'form.error.dateBetween');
    // 20:00 UTC on 27 November is already 28 November in Pakistan.
    const late = new Date('2026-11-27T20:00:00Z');
    assert.equal(keys(learner('17-10-2026', late).errors).learnerLicenceDate, undefined);
  });

  it('checks a slot against the pack: hours of the day, days ahead and the booking length', () => {
    const servicePack = pack('bulldozer-booking');
    const slot = (raw: RawAnswers) =>
      validateStep(servicePack, 'booking', { hours: '3', ...raw }, context({ district: 'QTA' }));
    assert.equal(slot({ slot: '30-11-2026', 'slot-hour': '8' }).answers.slot, '2026-11-30T08:00');
    assert.equal(slot({ slot: '2026-12-28', 'slot-hour': '13' }).answers.slot, '2026-12-28T13:00');
    assert.equal(slot({ slot: '2026-12-01T09:00' }).answers.slot, '2026-12-01T09:00');
    assert.equal(keys(slot({ slot: '29-11-2026', 'slot-hour': '8' }).errors).slot, 'form.error.slotDay');
    assert.equal(keys(slot({ slot: '29-12-2026', 'slot-hour': '8' }).errors).slot, 'form.error.slotDay');
    assert.equal(keys(slot({ slot: '01-12-2026', 'slot-hour': '7' }).errors).slot, 'form.error.slotHour');
    assert.equal(keys(slot({ slot: '01-12-2026', 'slot-hour': '16' }).errors).slot, 'form.error.slotHour');
    assert.deepEqual(slot({ slot: '01-12-2026', 'slot-hour': '14' }).errors, [
      { field: 'slot', messageKey: 'form.error.slotTooLate', params: { hours: 3, last: '13:00' } },
    ]);
    assert.equal(keys(slot({ slot: '01-12-2026' }).errors).slot, 'form.error.slotChoose');
    assert.equal(keys(slot({}).errors).slot, 'form.error.slotChoose');
  });

  it('requires file keys from this submission or stored before', () => {
    const servicePack = pack('tenant-registration');
    const none = validateStep(servicePack, 'documents', {}, context());
    assert.deepEqual(keys(none.errors), {
      tenantCnicCopy: 'form.error.upload',
      tenantPhoto: 'form.error.upload',
      ownerCnicCopy: 'form.error.upload',
    });
    const stored = validateStep(
      servicePack,
      'documents',
      { tenantPhoto: 'new-photo', ownerCnicCopy: '' },
      context({ tenantCnicCopy: 'a', tenantPhoto: 'old-photo', ownerCnicCopy: 'c' }),
    );
    assert.deepEqual(stored.errors, []);
    assert.deepEqual(stored.answers, {
      tenantCnicCopy: 'a',
      tenantPhoto: 'new-photo',
      ownerCnicCopy: 'c',
      rentAgreement: null,
    });
  });

  it('checks minLength and pattern on text', () => {
    const servicePack = shippedPack('business-registration');
    const step = servicePack.form.steps[0]!;
    const name = step.fields.find((field) => field.id === 'businessName')!;
    name.pattern = '[A-Za-z ]+';
    const check = (typed: string) =>
      keys(validateStep(servicePack, 'business', { businessName: typed }, context()).errors).businessName;
    assert.equal(check('AB'), 'form.error.tooShort');
    assert.equal(check('Shop 12'), 'form.error.pattern');
    assert.equal(check('Quetta Traders'), undefined);
  });

  it('checks multiselect values, each an option', () => {
    const servicePack = pack('food-licence');
    const foods = (typed: string[] | undefined) =>
      validateStep(servicePack, 'business', { foodTypes: typed }, context());
    assert.deepEqual(foods(['bakery', 'dairy', 'bakery']).answers.foodTypes, ['bakery', 'dairy']);
    assert.equal(keys(foods(['bakery', 'bricks']).errors).foodTypes, 'form.error.select');
    assert.equal(keys(foods(undefined).errors).foodTypes, 'form.error.select');
  });

  it('shows, requires and keeps a conditional field only while its condition holds', () => {
    const servicePack = pack('domicile-certificate');
    const other = validateStep(servicePack, 'applicant', { purpose: 'other' }, context());
    assert.equal(keys(other.errors).purposeOther, 'form.error.enter');
    const given = validateStep(
      servicePack,
      'applicant',
      { purpose: 'other', purposeOther: 'Hajj' },
      context(),
    );
    assert.equal(given.answers.purposeOther, 'Hajj');
    const changed = validateStep(
      servicePack,
      'applicant',
      { purpose: 'education', purposeOther: 'Hajj' },
      context(given.answers),
    );
    assert.equal(keys(changed.errors).purposeOther, undefined);
    assert.equal('purposeOther' in changed.answers, false);
    assert.equal(
      visibleFields(servicePack, changed.answers, 'applicant').some((f) => f.id === 'purposeOther'),
      false,
    );
  });

  it('drops answers on later steps that an earlier change hides, and validateAll names the step', () => {
    const servicePack = pack('business-registration');
    const partnership = {
      ...fillAll(servicePack),
      businessType: 'partnership',
      partnerCount: 2,
      partners: 'A, B',
    };
    const all = validateAll(servicePack, partnership, { today, districts });
    assert.deepEqual(
      all.map((error) => [error.step, error.field, error.messageKey]),
      [
        ['documents', 'partnershipDeed', 'form.error.upload'],
        ['documents', 'partnersCnic', 'form.error.upload'],
      ],
    );
    const sole = validateStep(
      servicePack,
      'business',
      { ...toRawBusiness(partnership), businessType: 'sole-proprietorship' },
      context(partnership),
    );
    assert.deepEqual(sole.errors, []);
    assert.equal('partnerCount' in sole.answers, false);
    assert.equal('partners' in sole.answers, false);
  });

  it('validateAll finds stored answers that are no longer valid, with their step', () => {
    const servicePack = pack('domicile-certificate');
    const answers = { ...fillAll(servicePack), dateOfBirth: '2030-01-01', district: 'XXX', photo: null };
    assert.deepEqual(
      validateAll(servicePack, answers, { today, districts }).map((e) => [e.step, e.field, e.messageKey]),
      [
        ['applicant', 'dateOfBirth', 'form.error.dateNotFuture'],
        ['residence', 'district', 'form.error.select'],
        ['documents', 'photo', 'form.error.upload'],
      ],
    );
  });

  it('refuses an unknown step', () => {
    assert.throws(() => validateStep(pack('domicile-certificate'), 'nope', {}, context()), {
      code: 'not_found',
    });
  });
});

function toRawBusiness(answers: Answers): RawAnswers {
  return Object.fromEntries(
    Object.entries(answers).map(([id, value]) => [
      id,
      value === null || Array.isArray(value) ? undefined : String(value),
    ]),
  );
}

describe('computeFee', () => {
  it('none is nothing to pay', () => {
    assert.equal(computeFee(pack('tenant-registration'), {}), 0);
  });
  it('fixed is the amount', () => {
    assert.equal(computeFee(pack('domicile-certificate'), {}), 200);
  });
  it('byOption is the chosen option amount, unknown until chosen', () => {
    const food = pack('food-licence');
    assert.equal(computeFee(food, { businessCategory: 'restaurant' }), 10000);
    assert.equal(computeFee(food, { businessCategory: 'street-vendor' }), 1000);
    assert.equal(computeFee(food, {}), undefined);
  });
  it('computed is rate × answer, at least the minimum, unknown until answered', () => {
    const bulldozer = pack('bulldozer-booking');
    assert.equal(computeFee(bulldozer, { hours: 3 }), 4500);
    assert.equal(computeFee(bulldozer, { hours: null }), undefined);
    const withMinimum = shippedPack('bulldozer-booking');
    if (withMinimum.fee.kind !== 'computed') assert.fail('computed fee expected');
    withMinimum.fee.minimum = 3000;
    assert.equal(computeFee(withMinimum as ServicePack, { hours: 1 }), 3000);
    assert.equal(computeFee(withMinimum as ServicePack, { hours: 4 }), 6000);
  });
});
