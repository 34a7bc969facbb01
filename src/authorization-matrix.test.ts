// Every protected route × every role × scope (own department and district, another department, another
// district, the whole province), through the real routes with real sessions. Expected outcomes come from
// the rules written out below, not from the code under test; the count of unauthorised successes must be 0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role, type RoleGrant, systemActor } from './platform/actor.ts';
import { type TestApp, buildTestApp } from './test-support/app.ts';
import { FormClient } from './test-support/form-client.ts';

type Scope = 'own' | 'otherDepartment' | 'otherDistrict' | 'province';
const SCOPES: Record<Scope, Pick<RoleGrant, 'departmentCode' | 'districtCode'>> = {
  own: { departmentCode: 'revenue', districtCode: 'QTA' },
  otherDepartment: { departmentCode: 'health', districtCode: 'QTA' },
  otherDistrict: { departmentCode: 'revenue', districtCode: 'GWD' },
  province: { departmentCode: null, districtCode: null },
};

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
  // Every working role has an inbox (what is in it depends on the scope); the others have none.
  'GET /inbox': (role) =>
    ['operator', 'clerk', 'verifier', 'approver', 'grievance_officer', 'field_officer'].includes(role),
  'GET /admin/services': (role, scope) =>
    ((role === 'auditor' || role === 'platform_admin') && scope === 'province') ||
    role === 'department_admin',
  'GET /admin/oidc/clients': (role, scope) => role === 'platform_admin' && scope === 'province',
  'GET /admin/holidays': (role, scope) => role === 'platform_admin' && scope === 'province',
  'POST /admin/oidc/clients (register a client)': (role, scope) =>
    role === 'platform_admin' && scope === 'province',
  'POST /admin/staff (create in Revenue, Quetta)': (role, scope) =>
    (role === 'platform_admin' && scope === 'province') || (role === 'department_admin' && scope === 'own'),
};

let t: TestApp;
let target = '';

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
  const url = path.replace(':target', target);
  if (method === 'GET') return (await client.get(url)).statusCode === 200;
  await client.get('/account'); // a page to take the CSRF token from
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
  t = await buildTestApp();
  const created = await t.services.accounts.createStaffAccount(systemActor('test'), {
    email: `target.${Math.random().toString(36).slice(2)}@sahulat.test`,
    fullName: 'Target Clerk',
    grants: [{ role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' }],
  });
  target = created.id;
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
