import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS } from '../../../platform/actor.ts';
import { type TestDatabase, createTestDatabase } from '../../../test-support/database.ts';
import { referenceService } from '../../reference/service.ts';
import { MIGRATION_KNOWN_CODES } from './known-codes.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.destroy());

describe('the codes packs are checked against in CI', () => {
  it('are exactly the departments and districts in the migrated database', async () => {
    const data = await referenceService(t.database.db).referenceData(ANONYMOUS);
    assert.deepEqual(
      [...MIGRATION_KNOWN_CODES.departments].sort(),
      data.departments.map((d) => d.code).sort(),
    );
    assert.deepEqual([...MIGRATION_KNOWN_CODES.districts].sort(), data.districts.map((d) => d.code).sort());
  });
});
