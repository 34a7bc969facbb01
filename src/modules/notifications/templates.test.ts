import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOCALES } from '../../platform/i18n/i18n.ts';
import {
  FSI,
  LRI,
  MissingTemplateParameterError,
  NOTIFICATION_EVENTS,
  PDI,
  renderMessage,
  templateKeys,
} from './templates.ts';

const OTP = { code: '482913', minutes: 10 };

describe('notification templates', () => {
  it('exist for every event and channel in every catalog', () => {
    for (const locale of LOCALES) {
      for (const event of NOTIFICATION_EVENTS) {
        for (const key of [...templateKeys(event, 'sms'), ...templateKeys(event, 'email')]) {
          assert.ok(locale.messages[key]?.trim(), `${locale.code}: ${key}`);
        }
      }
    }
  });

  it('renders the English SMS with its placeholders and no isolates', () => {
    const message = renderMessage('otp.verifyMobile', 'sms', 'en', OTP);
    assert.equal(message.locale, 'en');
    assert.equal(message.subject, null);
    assert.equal(
      message.body,
      'Your Sahulat verification code is 482913. It expires in 10 minutes. Never share it.',
    );
    assert.doesNotMatch(message.body, /[\u2066-\u2069]/, 'isolates would force UCS-2 on an English SMS');
  });

  it('renders Urdu with every value in left-to-right isolates', () => {
    const message = renderMessage('otp.verifyMobile', 'sms', 'ur', OTP);
    assert.equal(message.locale, 'ur');
    assert.match(message.body, /تصدیقی کوڈ/);
    assert.ok(message.body.includes(`${LRI}482913${PDI}`), message.body);
    assert.ok(message.body.includes(`${LRI}10${PDI}`), message.body);
    assert.doesNotMatch(message.body, /\{\w+\}/, 'no placeholder left');
  });

  it('isolates a hyphenated number inside Urdu so it cannot reorder', () => {
    const cnic = '54400-1234567-1';
    const { body } = renderMessage('otp.verifyMobile', 'sms', 'ur', { code: cnic, minutes: 10 });
    assert.ok(body.includes(`${LRI}${cnic}${PDI}`), body);
  });

  it('isolates Urdu values by their first strong letter and writes dates in the recipient language', () => {
    const device = 'موبائل فون';
    const message = renderMessage('account.signedInNewDevice', 'sms', 'ur', {
      device,
      time: new Date('2026-11-27T10:04:00Z'),
    });
    assert.ok(message.body.includes(`${FSI}${device}${PDI}`), message.body);
    // The time is written out in Urdu, in Pakistan time (15:04 in Quetta), and isolated as a whole.
    const time = /\u2068([^\u2069]*)\u2069/g.exec(message.body.replace(`${FSI}${device}${PDI}`, ''))?.[1];
    assert.ok(time !== undefined && /نومبر/.test(time), message.body);
    const english = renderMessage('account.signedInNewDevice', 'sms', 'en', {
      device,
      time: new Date('2026-11-27T10:04:00Z'),
    });
    assert.ok(english.body.includes(`${FSI}${device}${PDI}`), 'an Urdu value inside English is isolated');
    assert.match(english.body, /27-Nov-2026/);
    assert.match(english.body, /3:04/);
  });

  it('renders e-mail subject and plain-text body in the recipient language', () => {
    const en = renderMessage('otp.resetPassword', 'email', 'en', OTP);
    assert.equal(en.subject, 'Reset your Sahulat password');
    assert.match(en.body, /\n\n482913\n\n/);
    const ur = renderMessage('otp.resetPassword', 'email', 'ur', OTP);
    assert.equal(ur.subject, 'اپنا سہولت پاس ورڈ دوبارہ بنائیں');
    assert.ok(ur.body.includes(`\n\n${LRI}482913${PDI}\n\n`), ur.body);
  });

  it('falls back to English for a language without a catalog, and when none is given', () => {
    assert.equal(renderMessage('otp.verifyEmail', 'sms', 'fr', OTP).locale, 'en');
    assert.equal(renderMessage('otp.verifyEmail', 'sms', undefined, OTP).locale, 'en');
    assert.equal(renderMessage('otp.verifyEmail', 'sms', 'UR', OTP).locale, 'ur');
  });

  it('refuses to render with a placeholder left unfilled', () => {
    assert.throws(
      () => renderMessage('otp.changeContact', 'sms', 'en', { code: '1' }),
      (error: unknown) => error instanceof MissingTemplateParameterError && /\{minutes\}/.test(error.message),
    );
  });

  it('keeps every English code and account SMS within one GSM-7 part for a six-digit code', () => {
    const params = { ...OTP, device: 'Chrome on Android', time: new Date('2026-11-27T10:04:00Z') };
    // Application and complaint messages carry service names and officers' remarks, and officers' inbox
    // summaries their counts and office names, and payment receipts their amounts and links, so their length
    // is theirs.
    const caseMessage = (name: string) =>
      name.startsWith('application.') ||
      name.startsWith('complaint.') ||
      name.startsWith('inbox.') ||
      name.startsWith('payment.') ||
      // Feedback surveys carry the subject's number and link; feedback.test.ts checks a real one fits.
      name.startsWith('feedback.');
    for (const event of NOTIFICATION_EVENTS.filter((name) => !caseMessage(name))) {
      const { body } = renderMessage(event, 'sms', 'en', params);
      assert.ok(body.length <= 160, `${event}: ${body.length} characters`);
    }
  });
});
