import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type PasswordContext,
  checkPasswordPolicy,
  isCommonPassword,
  loadCommonPasswords,
} from './password-policy.ts';

const keyOf = (password: string, context: PasswordContext = {}) =>
  checkPasswordPolicy(password, context)[0]?.messageKey;

const citizen: PasswordContext = {
  cnic: '54400-1234567-1',
  email: 'naseem.baloch@example.pk',
  name: 'Naseem Baloch',
  mobile: '+923001234567',
};

describe('password policy (ASVS 5 level 2)', () => {
  it('accepts 8 to 128 characters of any kind, counted in Unicode code points', () => {
    assert.deepEqual(checkPasswordPolicy('kite mango river', citizen), []);
    assert.deepEqual(checkPasswordPolicy('تربت کی کھجوریں میٹھی ہیں'), [], 'Urdu with spaces');
    assert.deepEqual(checkPasswordPolicy('zq7#Lp2!'), [], 'exactly 8');
    assert.deepEqual(checkPasswordPolicy('abcdefghij'.repeat(12) + 'klmnopqr'), [], 'exactly 128');
    assert.deepEqual(checkPasswordPolicy('🐪🏔️🌙🌵🐐🍇🌰'), [], 'emoji: 8 code points (🏔️ is two)');
  });

  it('refuses fewer than 8 or more than 128 characters, with the limit as a parameter', () => {
    assert.deepEqual(checkPasswordPolicy('zq7#Lp2', {}, 'newPassword'), [
      { field: 'newPassword', messageKey: 'validation.passwordTooShort', params: { min: 8 } },
    ]);
    assert.deepEqual(checkPasswordPolicy('abcdefghij'.repeat(12) + 'klmnopqrs'), [
      { field: 'password', messageKey: 'validation.passwordTooLong', params: { max: 128 } },
    ]);
    assert.equal(keyOf('😀😀😀😀'), 'validation.passwordTooShort', '4 emoji are 4 characters, not 8');
  });

  it('refuses common and breached passwords from the shipped list, in any letter case', () => {
    const list = loadCommonPasswords();
    assert.ok(list.size > 15_000, `list has ${String(list.size)} entries`);
    assert.equal(loadCommonPasswords(), list, 'loaded once');
    for (const password of ['password', 'PASSWORD', '12345678', 'qwertyuiop', 'Iloveyou', 'superman']) {
      assert.equal(keyOf(password), 'validation.passwordCommon', password);
    }
    // A list word dressed with digits or symbols at either end is no better.
    assert.equal(keyOf('Football!2026'), 'validation.passwordCommon');
    assert.equal(keyOf('2026 sunshine'), 'validation.passwordCommon');
  });

  it('refuses words tied to this service and mere repetitions', () => {
    for (const password of [
      'Sahulat@2026',
      'balochistan 123',
      'Quetta-12345',
      'MyGovIdentity1',
      'aaaaaaaaaa',
    ]) {
      assert.equal(isCommonPassword(password), true, password);
    }
    assert.equal(keyOf('abababababab'), 'validation.passwordCommon');
    assert.equal(keyOf('            '), 'validation.passwordCommon', 'twelve spaces');
    assert.deepEqual(
      checkPasswordPolicy('Sahulat-Demo-2026'),
      [],
      'a context word inside a longer phrase is fine',
    );
  });

  it('refuses passwords equal to or containing the CNIC, mobile, e-mail or name', () => {
    for (const password of [
      '5440012345671',
      '54400-1234567-1',
      'my cnic 5440 0123 4567 1',
      'شناختی کارڈ ۵۴۴۰۰۱۲۳۴۵۶۷۱',
      '03001234567!',
      '+92 300 1234567',
      'naseem.baloch',
      'NaseemBaloch',
      'i am naseem from turbat',
      'baloch pride 1947',
      'naseembaloch@example.pk',
    ]) {
      assert.deepEqual(
        checkPasswordPolicy(password, citizen),
        [{ field: 'password', messageKey: 'validation.passwordPersonal' }],
        password,
      );
    }
  });

  it('does not refuse ordinary words for containing a short name or e-mail fragment', () => {
    const ali: PasswordContext = { name: 'Ali Raza', email: 'ali@example.pk', cnic: '5440012345671' };
    assert.deepEqual(checkPasswordPolicy('totalitarian regime', ali), []);
    assert.deepEqual(checkPasswordPolicy('544001234567 plus one', ali), [], 'twelve of the thirteen digits');
    assert.deepEqual(checkPasswordPolicy('kite mango river', {}), []);
  });
});
