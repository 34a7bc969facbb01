// Helpers for the payments tests: bills for fresh citizens, and gateway messages signed as the sandbox bank.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import type { Services } from '../../services.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { FormClient } from '../../test-support/form-client.ts';
import type { Db } from '../../platform/db/database.ts';
import type { IssueBillInput } from './bills.ts';
import { signatureHeader } from './gateways/signature.ts';
import type { BillRow } from './repo.ts';

export const TEST_PURPOSE = 'test-fee';

export async function billForNewCitizen(
  db: Db,
  services: Services,
  overrides: Partial<IssueBillInput> = {},
): Promise<{ bill: BillRow; citizenId: string; cnic: string; password: string }> {
  const citizen = await createCitizen(db);
  const bill = await services.payments.bills.issueBill(systemActor('test'), {
    purpose: TEST_PURPOSE,
    subjectId: randomUUID(),
    subjectLabel: `TST-QTA-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    description: { en: 'Test fee', ur: 'آزمائشی فیس' },
    payerId: citizen.id,
    departmentCode: 'revenue',
    districtCode: 'QTA',
    heads: [
      { headCode: 'C02741', description: 'Domicile fee', departmentCode: 'revenue', amountPaisa: 150_000 },
      { headCode: 'C03802', description: 'Stamp duty', departmentCode: 'excise', amountPaisa: 5_050 },
    ],
    ...overrides,
  });
  return { bill, citizenId: citizen.id, cnic: citizen.cnic, password: citizen.password };
}

/** A message body and its signature header, as the sandbox bank would send it. */
export function signed(
  services: Services,
  message: Record<string, unknown>,
  at = new Date(),
): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.from(JSON.stringify(message));
  const secret = services.payments.gateway('sandbox').secret;
  return {
    body,
    headers: { 'x-sahulat-signature': signatureHeader(secret, body, at), 'content-type': 'application/json' },
  };
}

export function statusMessage(
  payment: { id: string; gateway_reference: string | null; amount_paisa: number },
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventId: `evt-${randomUUID()}`,
    paymentId: payment.id,
    gatewayReference: payment.gateway_reference,
    status,
    amountPaisa: payment.amount_paisa,
    ...extra,
  };
}

/** A browser signed in as `userId` (a citizen) or as a new officer with `grants`. */
export async function signedIn(
  app: FastifyInstance,
  services: Services,
  who: { citizenId: string } | { grants: RoleGrant[] },
): Promise<FormClient & { userId: string }> {
  let account: { id: string; kind: 'citizen' | 'staff' };
  if ('citizenId' in who) account = { id: who.citizenId, kind: 'citizen' };
  else {
    const { id } = await services.accounts.createStaffAccount(systemActor('test'), {
      email: `payments.${randomUUID().slice(0, 8)}@sahulat.test`,
      fullName: 'Payments Officer',
      password: 'payments officer 2026',
      grants: who.grants,
    });
    account = { id, kind: 'staff' };
  }
  const { token } = await services.identity.sessions.create(
    account,
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const client = new FormClient(app);
  client.cookies.set('sid', token);
  return Object.assign(client, { userId: account.id });
}

/** A Revenue, Quetta bill paid in cash at the counter by a Quetta operator (for the authorisation matrix). */
export async function paidBill(t: {
  testDatabase: { database: { db: Db } };
  services: Services;
}): Promise<{ psid: string; paymentId: string }> {
  const { bill } = await billForNewCitizen(t.testDatabase.database.db, t.services);
  const grants: RoleGrant[] = [{ role: 'operator', departmentCode: null, districtCode: 'QTA' }];
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `counter.${randomUUID().slice(0, 8)}@sahulat.test`,
    fullName: 'Counter Operator',
    grants,
  });
  const operator = {
    kind: 'user' as const,
    userId: id,
    label: 'Counter Operator',
    accountKind: 'staff' as const,
    grants,
  };
  const { paymentId } = await t.services.payments.recordCounterPayment(operator, {
    psid: bill.psid,
    amountPaisa: bill.amount_paisa,
    receiptBookNumber: 'RB-MATRIX',
  });
  return { psid: bill.psid, paymentId };
}
