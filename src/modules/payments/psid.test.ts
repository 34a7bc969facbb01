import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  PSID_LENGTH,
  dammCheckDigit,
  formatPsid,
  isValidPsid,
  normalisePsid,
  psidFromSerial,
} from './psid.ts';

/** Serials spread over the whole range, plus the edges, so every digit position takes many values. */
function samplePsids(count: number): string[] {
  const serials = new Set<number>([1, 2, 9, 10, 99_999_999_999_999]);
  while (serials.size < count) serials.add(randomInt(1, 10 ** 14));
  return [...serials].map(psidFromSerial);
}

describe('PSID', () => {
  it('computes the Damm check digit of the published examples', () => {
    assert.equal(dammCheckDigit('572'), '4'); // Wikipedia's worked example
    assert.equal(dammCheckDigit('43881234567'), '9');
  });

  it('is 17 digits with the province prefix and a valid check digit', () => {
    const psid = psidFromSerial(123);
    assert.equal(psid.length, PSID_LENGTH);
    assert.match(psid, /^04\d{15}$/);
    assert.ok(isValidPsid(psid));
    assert.equal(normalisePsid(` ${formatPsid(psid)} `), psid);
    assert.equal(isValidPsid(psid.slice(0, 16)), false);
    assert.equal(isValidPsid(`${psid.slice(0, 16)}x`), false);
    assert.throws(() => psidFromSerial(0));
    assert.throws(() => psidFromSerial(10 ** 14));
  });

  it('catches every single-digit substitution and every adjacent transposition over 1,000 PSIDs', () => {
    let substitutions = 0;
    let transpositions = 0;
    const missed: string[] = [];
    for (const psid of samplePsids(1000)) {
      assert.ok(isValidPsid(psid), psid);
      for (let position = 0; position < PSID_LENGTH; position += 1) {
        for (let digit = 0; digit <= 9; digit += 1) {
          if (psid[position] === String(digit)) continue;
          const typo = `${psid.slice(0, position)}${digit}${psid.slice(position + 1)}`;
          substitutions += 1;
          if (isValidPsid(typo)) missed.push(`${psid} → ${typo}`);
        }
      }
      for (let position = 0; position < PSID_LENGTH - 1; position += 1) {
        const [a, b] = [psid[position], psid[position + 1]];
        if (a === b || a === undefined || b === undefined) continue;
        const swapped = `${psid.slice(0, position)}${b}${a}${psid.slice(position + 2)}`;
        transpositions += 1;
        if (isValidPsid(swapped)) missed.push(`${psid} ⇄ ${swapped}`);
      }
    }
    assert.deepEqual(missed, []);
    assert.equal(substitutions, 1000 * PSID_LENGTH * 9); // 16 × 9 in the body plus 9 check-digit typos each
    assert.ok(transpositions > 1000 * 8, `only ${transpositions} transpositions were tried`);
  });
});
