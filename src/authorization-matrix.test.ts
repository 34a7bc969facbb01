// Every protected route × every role × scope (own department and district, another department, another
// district, the whole province), through the real routes with real sessions. Expected outcomes come from
// the rules written out below, not from the code under test; the count of unauthorised successes must be 0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ROLES, type Role, type RoleGrant, systemActor } from './platform/actor.ts';
import { type TestApp, buildTestApp } from './test-support/app.ts';
import { FormClient } from './test-support/form-client.ts';
import { uniqueCnic, uniqueMobile } from './test-support/factories.ts';
import { domicileInScrutiny } from './test-support/applications.ts';
import { paidBill } from './modules/payments/test-helpers.ts';
import { complaintTarget } from './modules/complaints/test-helpers.ts';
import { issueTestCertificate } from './modules/certificates/test-helpers.ts';

type Scope = 'own' | 'otherDepartment' | 'otherDistrict' | 'province';
const SCOPES: Record<Scope, Pick<RoleGrant, 'departmentCode' | 'districtCode'>> = {
  own: { departmentCode: 'revenue', districtCode: 'QTA' },
  otherDepartment: { departmentCode: 'health', districtCode: 'QTA' },
  otherDistrict: { departmentCode: 'revenue', districtCode: 'GWD' },
  province: { departmentCode: null, districtCode: null },
};

/**
 * Who works on an application: only officers holding the role that holds it now (the clerk, for the
 * Revenue, Quetta domicile application in scrutiny) over its department and district.
 */
const holdsTheApplication = (role: Role, scope: Scope) =>
  role === 'clerk' && (scope === 'own' || scope === 'province');

/** The rules, as the issue states them. The target officer is a Revenue clerk in Quetta. */
const RULES: Record<string, (role: Role, scope: Scope) => boolean> = {
  'GET /admin/audit': (role, scope) =>
    (role === 'auditor' || role === 'platform_admin') && scope === 'province',
  // A department administrator needs a department: one granted without any sees no staff list.
  'GET /admin/staff': (role, scope) =>
    ((role === 'auditor' || role === 'platform_admin') && scope === 'province') ||
    (role === 'department_admin' && scope !== 'province'),
  'GET /admin/staff/:target': (role, scope) =>
    ((role === 'auditor' || role === 'platform_admin') && scope === 'province') ||
    (role === 'department_admin' && scope !== 'otherDepartment' && scope !== 'province'),
  'POST /admin/staff/:target/status': (role, scope) =>
    (role === 'platform_admin' && scope === 'province') || (role === 'department_admin' && scope === 'own'),
  'POST /admin/staff/:target/roles/grant': (role, scope) =>
    (role === 'platform_admin' && scope === 'province') || (role === 'department_admin' && scope === 'own'),
  // Every working role has an inbox (what is in it depends on the scope), and so has the department
  // administrator (applications are escalated to them); the others have none.
  'GET /inbox': (role) =>
    [
      'operator',
      'clerk',
      'verifier',
      'approver',
      'grievance_officer',
      'field_officer',
      'department_admin',
    ].includes(role),
  'POST /applications/:number/claim': holdsTheApplication,
  'POST /applications/:number/assign (to the target clerk)': holdsTheApplication,
  'POST /applications/:number/release': holdsTheApplication,
  // The API's inbox has the page's rule; listing one's own applications is for every signed-in account.
  'GET /api/v1/inbox': (role, scope) => RULES['GET /inbox']?.(role, scope) === true,
  'GET /api/v1/applications': () => true,
  // The counter is for facilitation-centre operators (where they may file is checked when they start).
  'GET /counter': (role) => role === 'operator',
  'POST /counter/consent (for a walk-in citizen)': (role) => role === 'operator',
  // Kiosks are set up by a province-wide platform administrator, or a department administrator.
  'GET /kiosk/enrol': (role, scope) =>
    (role === 'platform_admin' && scope === 'province') || role === 'department_admin',
  // The slip of the Revenue, Quetta application: for the officers who can see it (its office, and auditors
  // and platform administrators province-wide); the M&E focal person and contact-centre agents see no single
  // application.
  'GET /applications/:number': (role, scope) =>
    role !== 'me_focal_person' &&
    role !== 'contact_centre_agent' &&
    (scope === 'province' || (scope === 'own' && role !== 'auditor' && role !== 'platform_admin')),
  'GET /api/v1/applications/:number': (role, scope) =>
    role !== 'me_focal_person' &&
    role !== 'contact_centre_agent' &&
    (scope === 'province' || (scope === 'own' && role !== 'auditor' && role !== 'platform_admin')),
  'GET /applications/:number/slip': (role, scope) =>
    role !== 'me_focal_person' &&
    role !== 'contact_centre_agent' &&
    (scope === 'province' || (scope === 'own' && role !== 'auditor' && role !== 'platform_admin')),
  // Payments. A Revenue, Quetta bill: seen by its payer and the officers of its office (auditors and platform
  // administrators province-wide; not the M&E focal person). Cash is taken by operators; refunds are for the
  // department's finance officers within the bill's district; reconciliation and collections for finance
  // officers (their department's) and province-wide auditors.
  'GET /payments/bills/:psid': (role, scope) =>
    role !== 'me_focal_person' &&
    (scope === 'province' || (scope === 'own' && role !== 'auditor' && role !== 'platform_admin')),
  'GET /counter/payments': (role) => role === 'operator',
  'GET /finance/payments/:payment/refunds': (role, scope) =>
    role === 'finance_officer' && (scope === 'own' || scope === 'province'),
  'GET /finance/reconciliation': (role, scope) =>
    role === 'finance_officer' || (role === 'auditor' && scope === 'province'),
  'GET /finance/collections': (role, scope) =>
    role === 'finance_officer' || (role === 'auditor' && scope === 'province'),
  'GET /admin/services': (role, scope) =>
    ((role === 'auditor' || role === 'platform_admin') && scope === 'province') ||
    role === 'department_admin',
  'GET /admin/oidc/clients': (role, scope) => role === 'platform_admin' && scope === 'province',
  'GET /admin/holidays': (role, scope) => role === 'platform_admin' && scope === 'province',
  // Certificates: only an approver of the issuing office (a Revenue, Quetta certificate) manages its status.
  'GET /certificates/:certificate': (role, scope) =>
    role === 'approver' && (scope === 'own' || scope === 'province'),
  'POST /certificates/:certificate/status (suspend with a reason)': (role, scope) =>
    role === 'approver' && (scope === 'own' || scope === 'province'),
  // The printed copy of the Revenue, Quetta application's certificate: whoever may see the application (the
  // PDF at /credentials/{code}.pdf has the same rule; the page is checked here, without printing).
  'GET /credentials/:printable/print': (role, scope) =>
    role !== 'me_focal_person' &&
    role !== 'contact_centre_agent' &&
    (scope === 'province' || (scope === 'own' && role !== 'auditor' && role !== 'platform_admin')),
  // Complaints. The target is a Revenue, Quetta complaint, not escalated. Grievance officers see the
  // complaints within their reach (the province's at any level), and act on them once escalated to their
  // level: only the district's officer acts now. The contact centre reads complaints for callers; auditors
  // and platform administrators read province-wide. Field officers see only what is assigned to them.
  'GET /complaints/inbox': (role) => role === 'grievance_officer' || role === 'field_officer',
  'GET /complaints/:complaint': (role, scope) =>
    ((role === 'grievance_officer' || role === 'contact_centre_agent') &&
      (scope === 'own' || scope === 'province')) ||
    ((role === 'auditor' || role === 'platform_admin') && scope === 'province'),
  'POST /complaints/:complaint/actions (assign to a Revenue, Quetta field officer)': (role, scope) =>
    role === 'grievance_officer' && scope === 'own',
  // Staff file only for callers, at the contact centre.
  'GET /complaints/new': (role) => role === 'contact_centre_agent',
  'GET /complaints/dashboard': (role) =>
    ['grievance_officer', 'department_admin', 'auditor', 'platform_admin', 'me_focal_person'].includes(role),
  // Appeals against filing suspensions: grievance officers with province-wide reach, platform administrators.
  'GET /complaints/appeals': (role, scope) =>
    (role === 'grievance_officer' || role === 'platform_admin') && scope === 'province',
  'GET /admin/open311/keys': (role, scope) => role === 'platform_admin' && scope === 'province',
  // Webhook subscriptions: platform administrators, and department administrators over a whole department
  // (payment events are not split by district, so a grant limited to a district manages none).
  'GET /admin/webhooks': (role, scope) => role === 'platform_admin' && scope === 'province',
  'POST /admin/open311/keys (issue a key)': (role, scope) =>
    role === 'platform_admin' && scope === 'province',
  'POST /admin/oidc/clients (register a client)': (role, scope) =>
    role === 'platform_admin' && scope === 'province',
  // Feedback: bribery reports are for integrity officers only (what each sees is their department's); the
  // monthly report is for department administrators (their department), platform administrators, auditors
  // and M&E focal persons.
  'GET /integrity/cases': (role) => role === 'integrity_officer',
  'GET /feedback/reports': (role) =>
    ['department_admin', 'platform_admin', 'auditor', 'me_focal_person'].includes(role),
  'GET /feedback/reports.csv': (role) =>
    ['department_admin', 'platform_admin', 'auditor', 'me_focal_person'].includes(role),
  'POST /admin/staff (create in Revenue, Quetta)': (role, scope) =>
    (role === 'platform_admin' && scope === 'province') || (role === 'department_admin' && scope === 'own'),
};

let t: TestApp;
let target = '';
/** A Revenue, Quetta certificate's short code. */
let certificate = '';
/** The short code of a certificate of `application` (the printed copy follows the application's rule). */
let printable = '';
let application = '';
/** A Revenue, Quetta bill paid in cash at the counter. */
let bill = { psid: '', paymentId: '' };
/** A Revenue, Quetta complaint, and a field officer of that office to assign it to. */
let complaint = { number: '', fieldOfficerId: '' };

async function clientFor(grant: RoleGrant): Promise<FormClient> {
  const email = `matrix.${Math.random().toString(36).slice(2)}@sahulat.test`;
  const { id } = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email,
    fullName: `Matrix ${grant.role}`,
    password: 'matrix password 2026',
    grants: [grant],
  });
  const { token } = await t.services.identity.sessions.create(
    { id, kind: 'staff' },
    { ip: '127.0.0.1', userAgent: 'matrix' },
    true,
  );
  const client = new FormClient(t.app);
  client.cookies.set('sid', token);
  return client;
}

async function attempt(client: FormClient, route: string): Promise<boolean> {
  const [method = '', path = ''] = route.split(' ');
  const url = path
    .replace(':target', target)
    .replace(':number', application)
    .replace(':psid', bill.psid)
    .replace(':payment', bill.paymentId)
    .replace(':complaint', complaint.number)
    .replace(':certificate', certificate)
    .replace(':printable', printable);
  if (method === 'GET') return (await client.get(url)).statusCode === 200;
  await client.get('/account'); // a page to take the CSRF token from
  if (route.startsWith('POST /certificates/')) {
    // A fresh valid certificate each time, so that every permitted attempt can succeed.
    const fresh = (await issueTestCertificate(t)).shortPath.slice('/c/'.length);
    const response = await client.post(`/certificates/${fresh}/status`, {
      action: 'suspend',
      reason: 'Matrix check',
    });
    return response.statusCode === 303;
  }
  if (path.startsWith('/applications/:number/')) {
    const move = path.split('/')[3] ?? '';
    // Every attempt starts alike: unassigned to claim or assign, with the target clerk to release.
    const db = t.testDatabase.database.db;
    const row = await sql<{ version: number }>`update application
      set assigned_to = ${move === 'release' ? target : null} where number = ${application}
      returning version`.execute(db);
    const response = await client.post(`/applications/${application}/${move}`, {
      version: String(row.rows[0]?.version ?? 0),
      assignee: target,
    });
    return response.statusCode === 303 && response.headers.location === `/applications/${application}`;
  }
  if (route.startsWith('POST /counter/consent')) {
    const response = await client.post('/counter/consent', {
      cnic: uniqueCnic(),
      mobile: uniqueMobile(),
      fullName: 'Matrix Walk-in',
      locale: 'en',
    });
    return response.statusCode === 200 && response.body.includes('action="/counter/consent/confirm"');
  }
  if (path.startsWith('/complaints/:complaint/actions')) {
    // Every attempt starts alike: the complaint back with the district's grievance officer.
    const row = await sql<{ version: number }>`update complaint set state = 'submitted', assigned_to = null
      where number = ${complaint.number} returning version`.execute(t.testDatabase.database.db);
    const response = await client.post(url, {
      action: 'assign',
      version: String(row.rows[0]?.version ?? 0),
      fieldOfficer: complaint.fieldOfficerId,
      remarks: '',
    });
    return response.statusCode === 303;
  }
  if (route.startsWith('POST /admin/open311/keys')) {
    const response = await client.post('/admin/open311/keys', {
      appName: 'Matrix app',
      contactEmail: 'm@app.example',
    });
    return response.statusCode === 200 && response.body.includes('o311_');
  }
  if (route.startsWith('POST /admin/oidc/clients')) {
    const response = await client.post('/admin/oidc/clients', {
      name: `Matrix client ${Math.random().toString(36).slice(2)}`,
      redirectUris: 'https://rp.example.gov.pk/callback',
      postLogoutRedirectUris: '',
      scopes: 'openid',
    });
    return response.statusCode === 200;
  }
  if (route.startsWith('POST /admin/staff (create')) {
    const email = `new.${Math.random().toString(36).slice(2)}@sahulat.test`;
    const response = await client.post('/admin/staff', {
      fullName: 'New Officer',
      email,
      role: 'clerk',
      department: 'revenue',
      district: 'QTA',
    });
    return response.statusCode === 200 && response.body.includes(email);
  }
  const body: Record<string, string> = url.endsWith('/status')
    ? { status: 'active' }
    : { role: 'verifier', department: 'revenue', district: 'QTA' };
  const response = await client.post(url, body);
  return response.statusCode === 303;
}

before(async () => {
  // Hundreds of requests from one address in a few seconds: the per-address rate limit is not under test here.
  t = await buildTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  const created = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `target.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: 'Target Clerk',
    grants: [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }],
  });
  target = created.id;
  application = (await domicileInScrutiny(t)).number;
  bill = await paidBill(t);
  complaint = await complaintTarget(t);
  certificate = (await issueTestCertificate(t)).shortPath.slice('/c/'.length);
  printable = (await issueTestCertificate(t, { applicationNumber: application })).shortPath.slice(
    '/c/'.length,
  );
});
after(() => t.close());

describe('authorisation matrix', () => {
  it('allows exactly what the rules allow, for every protected route, role and scope', async () => {
    const unauthorisedSuccesses: string[] = [];
    const wronglyRefused: string[] = [];
    let cases = 0;
    for (const role of ROLES) {
      for (const scope of Object.keys(SCOPES) as Scope[]) {
        const client = await clientFor({ role, ...SCOPES[scope] });
        for (const [route, rule] of Object.entries(RULES)) {
          cases += 1;
          const succeeded = await attempt(client, route);
          const expected = rule(role, scope);
          if (succeeded && !expected) unauthorisedSuccesses.push(`${route} as ${role}/${scope}`);
          if (!succeeded && expected) wronglyRefused.push(`${route} as ${role}/${scope}`);
        }
      }
    }
    for (const route of Object.keys(RULES)) {
      cases += 1;
      if (await attempt(new FormClient(t.app), route)) unauthorisedSuccesses.push(`${route} signed out`);
    }
    process.stdout.write(
      `# authorisation matrix: ${cases} cases, ${unauthorisedSuccesses.length} unauthorised successes\n`,
    );
    assert.deepEqual(unauthorisedSuccesses, []);
    assert.deepEqual(wronglyRefused, []);
  });
});
