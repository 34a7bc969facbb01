// Test helpers for the facilitation-centre counter: officers with a signed-in session, the code a citizen's
// phone received, and a domicile application filed at the counter through the real services.
import assert from 'node:assert/strict';
import { type Actor, type RoleGrant, systemActor } from '../platform/actor.ts';
import type { TestApp } from './app.ts';
import { DOMICILE_ANSWERS } from './applications.ts';
import { FormClient } from './form-client.ts';

export interface Officer {
  readonly id: string;
  readonly actor: Actor;
  readonly client: FormClient;
  readonly token: string;
}

/** A staff account holding `grant`, past its second factor, with a browser signed in as it. */
export async function officerWith(
  t: TestApp,
  grant: RoleGrant,
  fullName = `Officer ${grant.role}`,
): Promise<Officer> {
  const email = `counter.${Math.random().toString(36).slice(2)}@sahulat.test`;
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName,
    grants: [grant],
  });
  const { token } = await t.services.identity.sessions.create(
    { id, kind: 'staff' },
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const client = new FormClient(t.app);
  client.cookies.set('sid', token);
  return {
    id,
    token,
    client,
    actor: { kind: 'user', userId: id, label: fullName, accountKind: 'staff', grants: [grant] },
  };
}

/** The newest 6-digit code sent by SMS to `mobile`, or undefined. */
export async function lastCodeTo(t: TestApp, mobile: string): Promise<string | undefined> {
  const messages = await t.services.notifications.recentMessages(systemActor('test'), 200);
  const message = messages.find((m) => m.recipient === mobile && m.event === 'otp.counterConsent');
  return message === undefined ? undefined : /\b(\d{6})\b/.exec(message.body)?.[1];
}

/** Consent by the code sent to the citizen's phone, then a domicile draft filled and sent by the operator. */
export async function domicileFiledAtCounter(
  t: TestApp,
  operator: Actor,
  citizen: { cnic: string; mobile: string },
): Promise<{ id: string; number: string }> {
  const { counter, applications } = t.services;
  const walkIn = { cnic: citizen.cnic, mobile: citizen.mobile, locale: 'en' };
  await counter.requestConsent(operator, walkIn);
  const code = await lastCodeTo(t, citizen.mobile);
  assert.ok(code !== undefined, 'the consent code was sent');
  const confirmed = await counter.confirmConsent(operator, { ...walkIn, code });
  assert.equal(confirmed.status, 'ok');
  const id = await counter.startFor(operator, {
    consent: confirmed.sealed,
    serviceCode: 'domicile-certificate',
    districtCode: 'QTA',
  });
  let version = 1;
  for (const [stepId, raw] of Object.entries(DOMICILE_ANSWERS)) {
    const saved = await applications.saveStep(operator, id, { stepId, raw, version });
    assert.deepEqual(saved.errors, [], stepId);
    version = saved.version;
  }
  const { number } = await applications.submit(operator, id, version);
  return { id, number };
}
