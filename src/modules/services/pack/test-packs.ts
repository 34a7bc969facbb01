// Test helpers: a fresh, mutable copy of a shipped pack, and validation with the migration's codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_KNOWN_CODES } from './known-codes.ts';
import { PACKS_DIR } from './files.ts';
import type { PackError, ServicePack } from './types.ts';
import { validatePack } from './validate.ts';

/** A pack a test may change in place. */
export type Writable<T> = T extends readonly (infer E)[]
  ? Writable<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;
export type MutablePack = Writable<ServicePack>;

export function shippedPack(code: string): MutablePack {
  return JSON.parse(readFileSync(path.join(PACKS_DIR, `${code}.json`), 'utf8')) as MutablePack;
}

/** The problems of a pack (failing the test when there are none). */
export function problemsOf(json: unknown, fileName: string): readonly PackError[] {
  const result = validatePack(json, fileName, MIGRATION_KNOWN_CODES);
  if (result.ok) assert.fail('the pack should be invalid');
  return result.errors;
}

/** Asserts that the pack has exactly the given problems (path and message, in any order). */
export function assertProblems(
  json: unknown,
  fileName: string,
  expected: { path: string; message: string }[],
): void {
  const actual = problemsOf(json, fileName).map(({ path: at, message }) => ({ path: at, message }));
  const sort = (list: { path: string; message: string }[]) =>
    [...list].sort((a, b) => `${a.path} ${a.message}`.localeCompare(`${b.path} ${b.message}`));
  assert.deepEqual(sort(actual), sort(expected));
}
