// The shipped category tree: valid against its published schema, every sub-type's department a seeded one,
// and a broken tree refused with every problem named.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { CategoryTreeError, categoryTree, checkCategoryTree } from './categories.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('complaint categories', () => {
  it('ships a bilingual tree whose departments all exist and whose codes are unique', async () => {
    const tree = categoryTree();
    const departments = new Set(
      (await t.services.reference.referenceData(systemActor('test'))).departments.map((d) => d.code),
    );
    assert.ok(tree.categories.length >= 7);
    for (const { subType } of tree.subTypes.values()) {
      assert.ok(
        departments.has(subType.department),
        `${subType.code}: ${subType.department} is a department`,
      );
      assert.ok(
        subType.name.ur !== subType.name.en && subType.name.ur.trim() !== '',
        `${subType.code} has an Urdu name`,
      );
    }
    for (const department of ['local-government', 'cw', 'health', 'education', 'police', 'revenue'])
      assert.ok(
        [...tree.subTypes.values()].some(({ subType }) => subType.department === department),
        department,
      );
  });

  it('refuses a tree that breaks the schema or repeats a code, naming every problem', () => {
    const subType = {
      code: 'x-one',
      name: { en: 'One', ur: 'ایک' },
      department: 'health',
      deadlineHours: 24,
    };
    assert.throws(
      () =>
        checkCategoryTree({
          version: 1,
          categories: [{ code: 'c', name: { en: 'C' }, subTypes: [{ ...subType, deadlineHours: 0 }] }],
        }),
      (error: unknown) =>
        error instanceof CategoryTreeError &&
        /\/name/.test(error.message) &&
        /deadlineHours/.test(error.message),
    );
    assert.throws(
      () =>
        checkCategoryTree({
          version: 1,
          categories: [
            { code: 'a', name: { en: 'A', ur: 'ا' }, subTypes: [subType] },
            { code: 'b', name: { en: 'B', ur: 'ب' }, subTypes: [subType] },
          ],
        }),
      (error: unknown) => error instanceof CategoryTreeError && /x-one appears twice/.test(error.message),
    );
  });
});
