// Suspension, reinstatement and revocation by an approver of the issuing office, with a reason, seen at once
// in the published Bitstring Status List (checked with jose) and by the verifier.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { compactVerify, createLocalJWKSet } from 'jose';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import type { IssuedCredential } from './credential.ts';
import { shortCode } from './credential.ts';
import { issueTestCertificate, staffClient } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as IssuedCredential;

/** What a verifier does: fetch the list named in the credential, check its signature, read the bit. */
async function bitFor(credential: string, purpose: 'revocation' | 'suspension'): Promise<boolean> {
  const entry = payloadOf(credential).credentialStatus.find((e) => e.statusPurpose === purpose)!;
  const response = await t.app.inject({ method: 'GET', url: new URL(entry.statusListCredential).pathname });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^application\/vc\+jwt/);
  assert.match(String(response.headers['cache-control']), /max-age=60\b/);
  const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
    keys: never[];
  }>();
  const { payload, protectedHeader } = await compactVerify(
    response.body,
    createLocalJWKSet({ keys: jwks.keys }),
    {
      algorithms: ['ES256'],
    },
  );
  assert.equal(protectedHeader.typ, 'vc+jwt');
  const list = JSON.parse(new TextDecoder().decode(payload)) as {
    type: string[];
    issuer: string;
    credentialSubject: { type: string; statusPurpose: string; encodedList: string };
  };
  assert.deepEqual(list.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
  assert.equal(list.issuer, payloadOf(credential).issuer);
  assert.equal(list.credentialSubject.statusPurpose, purpose);
  assert.ok(list.credentialSubject.encodedList.startsWith('u'));
  const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
  assert.equal(bits.length * 8, 131_072);
  const index = Number(entry.statusListIndex);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

const statusOf = async (credential: string) => {
  const result = await t.services.certificates.verify(credential);
  assert.ok(result.genuine);
  return result.status;
};

describe('certificate status', () => {
  it('lets the approver suspend, reinstate and revoke with a reason; verifiers see it at once', async () => {
    const issued = await issueTestCertificate(t);
    const approver = await staffClient(t, {
      role: 'approver',
      departmentCode: 'revenue',
      districtCode: 'QTA',
    });
    const page = `/certificates/${shortCode(issued.credentialId)}`;
    assert.equal((await approver.get(page)).statusCode, 200);
    assert.match(approver.lastBody, /Domicile|domicile-certificate/);
    assert.deepEqual(
      [await bitFor(issued.credential, 'revocation'), await bitFor(issued.credential, 'suspension')],
      [false, false],
    );

    const refused = await approver.post(`${page}/status`, { action: 'suspend', reason: '' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Give a reason of 5 to 500 characters/);

    assert.equal(
      (await approver.post(`${page}/status`, { action: 'suspend', reason: 'Documents under inquiry' }))
        .statusCode,
      303,
    );
    assert.equal(await statusOf(issued.credential), 'suspended');
    assert.deepEqual(
      [await bitFor(issued.credential, 'revocation'), await bitFor(issued.credential, 'suspension')],
      [false, true],
    );

    await approver.get(page);
    assert.equal(
      (
        await approver.post(`${page}/status`, {
          action: 'reinstate',
          reason: 'Inquiry closed, documents genuine',
        })
      ).statusCode,
      303,
    );
    assert.equal(await statusOf(issued.credential), 'valid');
    assert.equal(await bitFor(issued.credential, 'suspension'), false);

    await approver.get(page);
    assert.equal(
      (await approver.post(`${page}/status`, { action: 'revoke', reason: 'Issued on a forged CNIC' }))
        .statusCode,
      303,
    );
    assert.equal(await statusOf(issued.credential), 'revoked');
    assert.deepEqual(
      [await bitFor(issued.credential, 'revocation'), await bitFor(issued.credential, 'suspension')],
      [true, false],
    );

    await approver.get(page);
    assert.match(approver.lastBody, /Issued on a forged CNIC/);
    assert.match(approver.lastBody, /revocation cannot be undone/);
    const again = await approver.post(`${page}/status`, { action: 'reinstate', reason: 'Trying to undo it' });
    assert.equal(again.statusCode, 422);

    const audit = await t.services.transparencyLog.pendingCount();
    assert.equal(audit, 3, 'each change queued a log entry');
  });

  it('refuses officers outside the issuing office and other roles', async () => {
    const issued = await issueTestCertificate(t);
    const page = `/certificates/${shortCode(issued.credentialId)}`;
    for (const grant of [
      { role: 'clerk', departmentCode: 'revenue', districtCode: 'QTA' },
      { role: 'approver', departmentCode: 'revenue', districtCode: 'GWD' },
      { role: 'approver', departmentCode: 'health', districtCode: 'QTA' },
      { role: 'auditor', departmentCode: null, districtCode: null },
    ] as const) {
      const officer = await staffClient(t, grant);
      assert.equal(
        (await officer.get(page)).statusCode,
        403,
        `${grant.role} ${grant.departmentCode} ${grant.districtCode}`,
      );
      await officer.get('/verify');
      assert.equal(
        (await officer.post(`${page}/status`, { action: 'revoke', reason: 'Not my certificate' })).statusCode,
        403,
      );
    }
    assert.equal(await statusOf(issued.credential), 'valid');
    const anonymous = await t.app.inject({ method: 'GET', url: page });
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/);
  });

  it('answers unknown status lists and certificates with 404', async () => {
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/credentials/status/nowhere-9-revocation' })).statusCode,
      404,
    );
    const problem = await t.app.inject({ method: 'GET', url: '/credentials/status/not-a-list' });
    assert.equal(problem.statusCode, 404);
    assert.match(String(problem.headers['content-type']), /^application\/problem\+json/);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/credentials/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode,
      404,
    );
  });
});
