import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import type { DepartmentList, DistrictList } from './schema.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('reference data API', () => {
  it('lists the 36 districts of Balochistan with bilingual names and unique codes', async () => {
    const response = await t.app.inject('/api/v1/districts');
    assert.equal(response.statusCode, 200);
    const { districts } = response.json<DistrictList>();
    assert.equal(districts.length, 36);
    assert.equal(new Set(districts.map((d) => d.code)).size, 36);
    assert.deepEqual(
      districts.find((d) => d.code === 'QTA'),
      { code: 'QTA', division: 'quetta', name: { en: 'Quetta', ur: 'کوئٹہ' } },
    );
    assert.equal(new Set(districts.map((d) => d.division)).size, 8);
  });

  it('lists the departments the Digital Policy names', async () => {
    const { departments } = (await t.app.inject('/api/v1/departments')).json<DepartmentList>();
    const codes = departments.map((d) => d.code);
    for (const code of ['sit', 'sgad', 'pnd', 'finance', 'home', 'police', 'revenue', 'excise', 'health']) {
      assert.ok(codes.includes(code), `${code} is seeded`);
    }
    for (const code of [
      'education',
      'agriculture',
      'local-government',
      'industries',
      'food-authority',
      'law',
      'transport',
      'cw',
    ]) {
      assert.ok(codes.includes(code), `${code} is seeded`);
    }
    assert.ok(departments.every((d) => d.name.en.length > 0 && /[\u0600-\u06FF]/.test(d.name.ur)));
  });
});

describe('reference pages', () => {
  it('shows districts by division in English and Urdu', async () => {
    const english = await t.app.inject('/districts');
    assert.equal(english.statusCode, 200);
    assert.match(english.body, /Quetta division/);
    assert.match(english.body, /Killa Saifullah/);
    const urdu = await t.app.inject('/districts?lang=ur');
    assert.match(urdu.body, /کوئٹہ ڈویژن/);
    assert.match(urdu.body, /قلعہ سیف اللہ/);
  });

  it('shows the departments', async () => {
    const urdu = await t.app.inject({ url: '/departments', cookies: { lang: 'ur' } });
    assert.equal(urdu.statusCode, 200);
    assert.match(urdu.body, /بلوچستان فوڈ اتھارٹی/);
  });
});

describe('home page', () => {
  it('says what works today with real counts, in both languages', async () => {
    const english = await t.app.inject('/');
    assert.equal(english.statusCode, 200);
    assert.match(english.body, /36 districts in 8 divisions/);
    assert.match(english.body, /href="\/districts"/);
    const urdu = await t.app.inject('/?lang=ur');
    assert.match(urdu.body, /سہولت/);
  });
});
