import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS, systemActor } from '../../platform/actor.ts';
import { createLogger } from '../../platform/logger.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { loadServicePacks } from './loader.ts';
import { PACKS_DIR } from './pack/validate.ts';
import type { ServiceList } from './schema.ts';

const SHIPPED = [
  'domicile-certificate',
  'learner-driving-licence',
  'driving-licence',
  'business-registration',
  'food-licence',
  'tenant-registration',
  'bulldozer-booking',
];

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const codesOf = async (query: string) =>
  (await t.services.services.catalogue(ANONYMOUS, query)).map((service) => service.code);

describe('the service catalogue', () => {
  it('holds every shipped service, loaded into the test database like a started server', async () => {
    const codes = (await t.services.services.catalogue(ANONYMOUS)).map((s) => s.code);
    for (const code of SHIPPED) assert.ok(codes.includes(code), code);
  });

  it('finds services in English (stemmed), in Urdu, and despite misspellings', async () => {
    assert.equal((await codesOf('domicile'))[0], 'domicile-certificate');
    assert.ok((await codesOf('licences')).includes('food-licence'), 'plural finds the singular');
    assert.ok((await codesOf('driving')).includes('driving-licence'));
    assert.equal((await codesOf('ڈومیسائل'))[0], 'domicile-certificate');
    assert.equal((await codesOf('domicil'))[0], 'domicile-certificate', 'a missing letter');
    assert.ok((await codesOf('bulldozer')).includes('bulldozer-booking'));
    assert.deepEqual(await codesOf('xyzzy quux'), []);
  });

  it('shows the catalogue and a "how do I" page in both languages without signing in', async () => {
    const list = await t.app.inject('/services?q=domicile');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /href="\/services\/domicile-certificate"/);
    const page = await t.app.inject('/services/domicile-certificate');
    assert.equal(page.statusCode, 200);
    for (const heading of [
      'Who can apply',
      'Documents you need',
      'How to apply',
      'Where it is delivered',
      'working days',
    ]) {
      assert.ok(page.body.includes(heading), heading);
    }
    const urdu = await t.app.inject('/services/domicile-certificate?lang=ur');
    assert.match(urdu.body, /درکار دستاویزات/);
    assert.equal((await t.app.inject('/services/no-such-service')).statusCode, 404);
    assert.equal((await t.app.inject('/services/Bad_Code')).statusCode, 400);
  });

  it('answers the API with every service and one service’s form', async () => {
    const list = await t.app.inject('/api/v1/services');
    assert.equal(list.statusCode, 200);
    const { items } = list.json<ServiceList>();
    const domicile = items.find((item) => item.code === 'domicile-certificate');
    assert.ok(domicile !== undefined);
    assert.equal(domicile.department, 'revenue');
    assert.ok(domicile.slaDays > 0);
    assert.ok(/[\u0600-\u06FF]/.test(domicile.name.ur));
    const one = await t.app.inject('/api/v1/services/domicile-certificate');
    const pack = one.json<{ form: { steps: unknown[] }; workflow: { initial: string } }>();
    assert.ok(pack.form.steps.length > 0);
    assert.equal(typeof pack.workflow.initial, 'string');
    assert.equal((await t.app.inject('/api/v1/services/nothing-here')).statusCode, 404);
  });
});

describe('loading packs', () => {
  let dir = '';
  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('stores versions, refuses a changed pack without a new version, and moves to a new version', async () => {
    const db = t.testDatabase.database.db;
    const logger = createLogger('silent');
    const reference = await t.services.reference.referenceData(systemActor('test'));
    const known = {
      departments: reference.departments.map((d) => d.code),
      districts: reference.districts.map((d) => d.code),
    };
    dir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-packs-'));
    await cp(PACKS_DIR, dir, { recursive: true });

    const again = await loadServicePacks(db, known, logger, dir);
    assert.deepEqual(again.loaded, [], 'the template already holds these versions');
    assert.deepEqual(again.problems, []);

    const file = path.join(dir, 'tenant-registration.json');
    const pack = JSON.parse(await readFile(file, 'utf8')) as { version: number; slaDays: number };
    pack.slaDays += 1;
    await writeFile(file, JSON.stringify(pack, null, 2));
    const changed = await loadServicePacks(db, known, logger, dir);
    assert.equal(changed.problems.length, 1);
    assert.equal(changed.problems[0]?.path, '/version');
    const admin = await t.services.services.packAdministration({
      kind: 'user',
      userId: '00000000-0000-4000-8000-000000000001',
      label: 'admin',
      accountKind: 'staff',
      grants: [{ role: 'platform_admin', departmentCode: null, districtCode: null }],
    });
    assert.equal(admin.problems.length, 1, 'the administrator sees the problem');
    const live = await t.services.services.service(ANONYMOUS, 'tenant-registration');
    assert.notEqual(live.pack.slaDays, pack.slaDays, 'the changed pack did not go live');

    pack.version += 1;
    await writeFile(file, JSON.stringify(pack, null, 2));
    const bumped = await loadServicePacks(db, known, logger, dir);
    assert.deepEqual(bumped.loaded, [`tenant-registration@${pack.version}`]);
    const current = await t.services.services.service(ANONYMOUS, 'tenant-registration');
    assert.equal(current.row.version, pack.version);
    assert.equal(current.pack.slaDays, pack.slaDays);
  });
});
