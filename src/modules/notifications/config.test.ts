// The notification provider variables in src/platform/config.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../platform/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  return [];
}

describe('notification provider configuration', () => {
  it('is off by default', () => {
    const config = loadConfig({}, '/srv/app');
    assert.equal(config.smsGateway, undefined);
    assert.equal(config.smtp, undefined);
  });

  it('reads the SMS gateway with its header line and body template', () => {
    const config = loadConfig({
      SMS_GATEWAY_URL: 'https://sms.example.pk/api/send',
      SMS_GATEWAY_AUTH_HEADER: 'X-Api-Key:  k3y with spaces ',
      SMS_GATEWAY_BODY: '{"msisdn":"{to}","sms":"{text}","ref":"{id}","mask":"SAHULAT"}',
    });
    assert.deepEqual(config.smsGateway, {
      url: 'https://sms.example.pk/api/send',
      authHeader: { name: 'X-Api-Key', value: 'k3y with spaces' },
      bodyTemplate: '{"msisdn":"{to}","sms":"{text}","ref":"{id}","mask":"SAHULAT"}',
    });
    const plain = loadConfig({ SMS_GATEWAY_URL: 'http://10.0.0.5/sms' });
    assert.equal(plain.smsGateway?.authHeader, undefined);
    assert.equal(plain.smsGateway?.bodyTemplate, '{"to":"{to}","text":"{text}"}');
  });

  it('refuses a bad gateway without echoing its secrets', () => {
    const problems = problemsOf({
      SMS_GATEWAY_URL: 'ftp://sms.example.pk',
      SMS_GATEWAY_AUTH_HEADER: 'Bearer secret-token-xyz',
      SMS_GATEWAY_BODY: '{"to":{to},"text":"{text}"}',
    });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /SMS_GATEWAY_URL/);
    assert.match(problems[1] ?? '', /SMS_GATEWAY_AUTH_HEADER/);
    assert.match(problems[2] ?? '', /SMS_GATEWAY_BODY must be JSON/);
    assert.ok(!problems.join().includes('secret-token-xyz'));
    assert.match(
      problemsOf({ SMS_GATEWAY_URL: 'https://x.pk', SMS_GATEWAY_BODY: '{"text":"{text}"}' }).join(),
      /\{to\} and \{text\}/,
    );
    assert.match(problemsOf({ SMS_GATEWAY_BODY: '{"to":"{to}","text":"{text}"}' }).join(), /only with/);
  });

  it('reads SMTP and needs a sender with it', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://mailer:p%40ss@mail.example.gov.pk:465',
      MAIL_FROM: 'Sahulat <no-reply@sahulat.gov.pk>',
    });
    assert.deepEqual(config.smtp, {
      url: 'smtps://mailer:p%40ss@mail.example.gov.pk:465',
      from: 'Sahulat <no-reply@sahulat.gov.pk>',
    });
    assert.equal(
      loadConfig({ SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'no-reply@sahulat.gov.pk' }).smtp?.from,
      'no-reply@sahulat.gov.pk',
    );
    assert.match(problemsOf({ SMTP_URL: 'smtp://u:topsecret@mail:587' }).join(), /MAIL_FROM must be set/);
    const bad = problemsOf({ SMTP_URL: 'https://u:topsecret@mail', MAIL_FROM: 'not an address' });
    assert.equal(bad.length, 2);
    assert.ok(!bad.join().includes('topsecret'));
    assert.match(problemsOf({ MAIL_FROM: 'no-reply@sahulat.gov.pk' }).join(), /only with SMTP_URL/);
  });
});
