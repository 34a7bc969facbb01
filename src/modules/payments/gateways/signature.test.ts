import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../platform/config.ts';
import { paymentGateways } from './registry.ts';
import { SignatureError, signatureHeader, verifySignature } from './signature.ts';

const secret = Buffer.from('a-test-secret-of-enough-length-0123456789');
const body = Buffer.from('{"eventId":"e1"}');
function problemOf(...args: Parameters<typeof verifySignature>): string {
  try {
    verifySignature(...args);
    return 'accepted';
  } catch (error: unknown) {
    return error instanceof SignatureError ? error.problem : String(error);
  }
}

describe('gateway signatures', () => {
  it('accepts its own signature within five minutes and refuses the rest, saying why', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    const header = signatureHeader(secret, body, now);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(problemOf(secret, body, header, now), 'accepted');
    assert.equal(problemOf(secret, body, header, new Date(now.getTime() + 299_000)), 'accepted');
    assert.equal(problemOf(secret, body, header, new Date(now.getTime() + 301_000)), 'stale');
    assert.equal(problemOf(secret, body, undefined, now), 'unsigned');
    assert.equal(problemOf(secret, body, 'v1=abc', now), 'malformed');
    assert.equal(problemOf(secret, Buffer.from('{"eventId":"e2"}'), header, now), 'wrong');
    assert.equal(problemOf(Buffer.from('another secret'), body, header, now), 'wrong');
    // A re-dated copy of a genuine signature does not verify: the timestamp is inside the MAC.
    const redated = header.replace(/t=\d+/, `t=${Math.floor(now.getTime() / 1000) + 60}`);
    assert.equal(problemOf(secret, body, redated, now), 'wrong');
    // While a secret is rotated, either of two signatures is enough.
    const rotated = `${header},v1=${'0'.repeat(64)}`;
    assert.equal(problemOf(secret, body, rotated, now), 'accepted');
  });

  it('runs the sandbox outside production only, with a secret derived unless one is set', () => {
    assert.equal(loadConfig({}).paymentsSandbox, true);
    assert.equal(loadConfig({ PAYMENTS_SANDBOX: '0' }).paymentsSandbox, false);
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://sahulat.example',
          SESSION_SECRET: 'x'.repeat(40),
          PAYMENTS_SANDBOX: '1',
        }),
      /PAYMENTS_SANDBOX must not be enabled in production/,
    );
    const derived = paymentGateways({ sessionSecret: 's'.repeat(40), paymentsSandbox: true }).get('sandbox');
    const other = paymentGateways({ sessionSecret: 't'.repeat(40), paymentsSandbox: true }).get('sandbox');
    assert.ok(derived !== undefined && other !== undefined);
    assert.notDeepEqual(derived.secret, other.secret);
    const set = paymentGateways({
      sessionSecret: 's'.repeat(40),
      paymentsSandbox: true,
      paymentsSandboxSecret: 'k'.repeat(32),
    });
    assert.deepEqual(set.get('sandbox')?.secret, Buffer.from('k'.repeat(32)));
    assert.equal(paymentGateways({ sessionSecret: 's'.repeat(40) }).size, 0);
  });
});
