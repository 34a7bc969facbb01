// "No slot can ever be double booked, even under concurrent requests": 20 citizens send bookings for the
// same bulldozer hour at once, on a pack version whose district has one machine; exactly one gets it.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { createLogger } from '../../platform/logger.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { loadServicePacks } from '../services/loader.ts';
import { PACKS_DIR } from '../services/pack/validate.ts';
import { addDays, pakistanToday } from './form/values.ts';

let t: TestApp;
let dir = '';
before(async () => {
  t = await buildTestApp();
  // A new version of the bulldozer pack with one machine per district.
  dir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-slot-packs-'));
  await cp(PACKS_DIR, dir, { recursive: true });
  const file = path.join(dir, 'bulldozer-booking.json');
  const pack = JSON.parse(await readFile(file, 'utf8')) as {
    version: number;
    form: { steps: { fields: { slots?: { capacityPerDistrict: number } }[] }[] };
  };
  pack.version += 1;
  for (const step of pack.form.steps)
    for (const field of step.fields) if (field.slots !== undefined) field.slots.capacityPerDistrict = 1;
  await writeFile(file, JSON.stringify(pack));
  const reference = await t.services.reference.referenceData(systemActor('test'));
  const known = {
    departments: reference.departments.map((d) => d.code),
    districts: reference.districts.map((d) => d.code),
  };
  const result = await loadServicePacks(t.testDatabase.database.db, known, createLogger('silent'), dir);
  assert.deepEqual(result.problems, []);
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function readyToSend(slot: string): Promise<{ actor: Actor; id: string; version: number }> {
  const citizen = await createCitizen(t.testDatabase.database.db);
  const actor: Actor = {
    kind: 'user',
    userId: citizen.id,
    label: 'citizen',
    accountKind: 'citizen',
    grants: [],
  };
  const { applications } = t.services;
  const id = await applications.startDraft(actor, { serviceCode: 'bulldozer-booking', districtCode: 'PSN' });
  const steps: Record<string, Record<string, string>> = {
    land: {
      district: 'PSN',
      tehsil: 'Pishin',
      village: 'Khanozai',
      landDirections: 'Past the school, second field on the left',
      areaAcres: '2',
      workType: 'levelling',
    },
    booking: { hours: '2', slot },
    applicant: {
      applicantCnic: '54400-1111111-1',
      fullName: 'Farmer',
      mobile: '0301 2345678',
      cnicCopy: 'a'.repeat(32),
      landRecord: 'b'.repeat(32),
    },
  };
  let version = 1;
  for (const [stepId, raw] of Object.entries(steps)) {
    const saved = await applications.saveStep(actor, id, { stepId, raw, version });
    assert.deepEqual(saved.errors, [], stepId);
    version = saved.version;
  }
  return { actor, id, version };
}

describe('bookable hours', () => {
  it('gives one hour with one machine to exactly one of 20 simultaneous bookings', async () => {
    const slot = `${addDays(pakistanToday(new Date()), 5)}T09:00`;
    const ready = await Promise.all(Array.from({ length: 20 }, () => readyToSend(slot)));
    const results = await Promise.allSettled(
      ready.map(({ actor, id, version }) => t.services.applications.submit(actor, id, version)),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const result of results) {
      if (result.status === 'rejected') {
        const error: unknown = result.reason;
        assert.ok(
          error instanceof AppError &&
            error.code === 'validation_failed' &&
            error.fieldErrors[0]?.messageKey === 'applications.slotTaken',
        );
      }
    }
    // An overlapping booking (10:00, two hours, sharing 10:00 with the first) is refused too; 11:00 is free.
    const overlapping = await readyToSend(`${addDays(pakistanToday(new Date()), 5)}T10:00`);
    await assert.rejects(
      t.services.applications.submit(overlapping.actor, overlapping.id, overlapping.version),
    );
    const later = await readyToSend(`${addDays(pakistanToday(new Date()), 5)}T11:00`);
    assert.match(
      (await t.services.applications.submit(later.actor, later.id, later.version)).number,
      /^BDZ-PSN-|^[A-Z]{3}-PSN-/,
    );
  });
});
