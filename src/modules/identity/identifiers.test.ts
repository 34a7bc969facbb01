import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { displayMobile, formatCnic, normaliseCnic, normaliseMobile } from './identifiers.ts';

describe('CNIC numbers', () => {
  it('accepts the dashed and plain forms, Urdu digits and Unicode dashes', () => {
    assert.equal(normaliseCnic('54400-1234567-1'), '5440012345671');
    assert.equal(normaliseCnic(' 5440012345671 '), '5440012345671');
    assert.equal(normaliseCnic('۵۴۴۰۰-۱۲۳۴۵۶۷-۱'), '5440012345671');
    assert.equal(normaliseCnic('54400‑1234567‑1'), '5440012345671');
    assert.equal(formatCnic('5440012345671'), '54400-1234567-1');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '5440-01234567-1',
      '54400-1234567',
      '54400-1234567-12',
      'abcde-fghijkl-m',
      '54400--1234567-1',
    ]) {
      assert.equal(normaliseCnic(bad), undefined, bad);
    }
  });
});

describe('mobile numbers', () => {
  it('turns Pakistani numbers in any common form into E.164', () => {
    assert.equal(normaliseMobile('0300 1234567'), '+923001234567');
    assert.equal(normaliseMobile('+92 300 1234567'), '+923001234567');
    assert.equal(normaliseMobile('۰۳۰۰۱۲۳۴۵۶۷'), '+923001234567');
    assert.equal(displayMobile('+923001234567'), '+92 300 1234567');
  });

  it('accepts overseas mobiles in international form and refuses landlines and junk', () => {
    assert.equal(normaliseMobile('+971 50 123 4567'), '+971501234567');
    assert.equal(normaliseMobile('+44 7911 123456'), '+447911123456');
    assert.equal(normaliseMobile('081 2345678'), undefined, 'a Quetta landline is not a mobile');
    assert.equal(normaliseMobile('12345'), undefined);
    assert.equal(normaliseMobile('not a number'), undefined);
  });
});
