// For tests: a certificate issued the way the applications module will issue one, and signed-in officers.
import { type RoleGrant, systemActor } from '../../platform/actor.ts';
import type { TestApp } from '../../test-support/app.ts';
import { createOfficer, domicileInScrutiny } from '../../test-support/applications.ts';
import { FormClient } from '../../test-support/form-client.ts';
import type { IssueInput } from './issue.ts';

let counter = 0;

export function issueInput(overrides: Partial<IssueInput> = {}): IssueInput {
  counter += 1;
  const sequence = String(Math.floor(Math.random() * 900_000) + counter).padStart(6, '0');
  return {
    applicationNumber: `DOM-QTA-2026-${sequence}`,
    serviceCode: 'domicile-certificate',
    certificateType: 'domicile-certificate',
    departmentCode: 'revenue',
    districtCode: 'QTA',
    subject: {
      fullName: 'Sadia Baloch',
      fatherName: 'Abdul Baloch',
      cnic: '54400-1234567-2',
      district: 'Quetta',
    },
    title: { en: 'Domicile certificate', ur: 'ڈومیسائل سرٹیفکیٹ' },
    ...overrides,
  };
}

export function issueTestCertificate(t: TestApp, overrides: Partial<IssueInput> = {}) {
  return t.services.certificates.issueForApplication(systemActor('test'), issueInput(overrides));
}

/** A staff member with one grant, signed in (second factor done), as a form-posting browser. */
export async function staffClient(t: TestApp, grant: RoleGrant): Promise<FormClient> {
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `cert.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: `Officer ${grant.role}`,
    password: 'certificate officer 2026',
    grants: [grant],
  });
  const { token } = await t.services.identity.sessions.create(
    { id, kind: 'staff' },
    { ip: '127.0.0.1', userAgent: 'test' },
    true,
  );
  const client = new FormClient(t.app);
  client.cookies.set('sid', token);
  return client;
}

/**
 * A Revenue, Quetta domicile application filed by a citizen, forwarded by the clerk and approved: its
 * certificate is issued the way the applications module issues one. Returns its number, the holder's id
 * and the certificate's short code.
 */
export async function approvedDomicile(t: TestApp) {
  const { number, applicant } = await domicileInScrutiny(t);
  const scope = { departmentCode: 'revenue', districtCode: 'QTA' } as const;
  const { applications } = t.services;
  for (const [role, action] of [
    ['clerk', 'forward'],
    ['approver', 'approve'],
  ] as const) {
    const officer = await createOfficer(t, [{ role, ...scope }]);
    const { application } = await applications.get(officer.actor, { number });
    await applications.act(officer.actor, number, {
      action,
      remarks: 'Checked against the district record.',
      version: application.version,
    });
  }
  const [certificate] = await t.services.certificates.ofApplication(number);
  if (certificate === undefined || applicant.kind !== 'user') throw new Error(`${number} has no certificate`);
  return { number, holderId: applicant.userId, code: certificate.shortPath.slice('/c/'.length), certificate };
}
