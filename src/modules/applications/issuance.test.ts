// What a decision leaves outside the application: the pack's certificate on approval (signed, verifiable by
// jose, in the public log, with no personal data in the log's clear text), nothing on refusal, and a
// public log entry for every workflow action.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type JSONWebKeySet, compactVerify, createLocalJWKSet } from 'jose';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { createOfficer, domicileInScrutiny, signedInClient } from '../../test-support/applications.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { parseLeaf } from '../transparency-log/leaf.ts';
import { maskCnic } from './issuance.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const REVENUE_QTA = { departmentCode: 'revenue', districtCode: 'QTA' } as const;

/** A domicile application taken by the clerk to the approver, then approved or rejected. */
async function decided(action: 'approve' | 'reject') {
  const { number, applicant } = await domicileInScrutiny(t);
  const clerk = await createOfficer(t, [{ role: 'clerk', ...REVENUE_QTA }]);
  const approver = await createOfficer(t, [{ role: 'approver', ...REVENUE_QTA }]);
  const { applications } = t.services;
  const step = async (actor: typeof clerk.actor, id: string, remarks = '') => {
    const { application } = await applications.get(actor, { number });
    await applications.act(actor, number, { action: id, remarks, version: application.version });
  };
  await step(clerk.actor, 'forward');
  await step(approver.actor, action, 'Checked against the district record.');
  return { number, applicant, approver };
}

/** Every leaf of the log, after sequencing what decisions queued. */
async function leaves() {
  const log = t.services.transparencyLog;
  await log.sequencePending();
  const size = await log.size();
  const entries = await log.entries(0, size - 1);
  return entries.map((entry) => ({ index: entry.index, text: Buffer.from(entry.data).toString('utf8') }));
}

describe('deciding an application', () => {
  it('issues the domicile certificate on approval: signed, jose-verifiable, logged, on the track page', async () => {
    const { number, applicant } = await decided('approve');
    const [certificate, ...others] = await t.services.certificates.ofApplication(number);
    assert.ok(certificate !== undefined);
    assert.equal(others.length, 0);
    assert.equal(certificate.certificateType, 'domicile-certificate');

    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
    const { payload } = await compactVerify(certificate.credential, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
    });
    const subject = (
      JSON.parse(Buffer.from(payload).toString('utf8')) as {
        credentialSubject: Record<string, string>;
      }
    ).credentialSubject;
    assert.equal(subject['fullName'], 'Gul Khan');
    assert.equal(subject['fatherName'], 'Sher Khan');
    assert.equal(subject['cnic'], '54400-•••••••-3', 'the CNIC is masked');
    assert.equal(subject['district'], 'Quetta');
    assert.equal(subject['applicationNumber'], number);

    const verification = await t.services.certificates.verify(certificate.credential);
    assert.ok(verification.genuine);
    assert.equal(verification.log.verified, true);

    // The log says who decided what in public identifiers; names and the CNIC never appear in clear.
    const log = await leaves();
    const issuedLeaf = log.find((leaf) => leaf.index === certificate.logIndex);
    assert.equal(parseLeaf(Buffer.from(issuedLeaf?.text ?? ''))?.kind, 'certificate.issued');
    const decision = log
      .map((leaf) => parseLeaf(Buffer.from(leaf.text)))
      .find((leaf) => leaf?.kind === 'application.decided' && leaf.ids['applicationNumber'] === number);
    assert.deepEqual(decision?.ids, {
      applicationNumber: number,
      service: 'domicile-certificate',
      action: 'approve',
      from: 'dcApproval',
      to: 'approved',
      outcome: 'approved',
    });
    for (const leaf of log) {
      for (const personal of ['Gul Khan', 'Sher Khan', '7654321', 'district record'])
        assert.equal(leaf.text.includes(personal), false, `${personal} in leaf ${leaf.index}`);
    }

    const { events } = await t.services.applications.get(applicant, { number });
    const noted = events.find((event) => event.kind === 'certificate_issued');
    assert.match(noted?.remarks ?? '', /^https?:\/\/[^/]+\/c\/[A-Za-z0-9_-]{22}$/);
    assert.ok(noted?.remarks?.endsWith(certificate.shortPath));

    const page = await (
      await signedInClient(t, applicant.kind === 'user' ? applicant.userId : '', 'citizen')
    ).get(`/applications/${number}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Certificate issued/);
    assert.ok(page.body.includes(`href="${certificate.shortPath}"`), 'the short link');
    assert.match(page.body, /<svg class="qr-code"/);
    const code = certificate.shortPath.slice('/c/'.length);
    assert.ok(page.body.includes(`href="/credentials/${code}" download="${number}.jwt"`), 'the download');
    const file = await new FormClient(t.app).get(`/credentials/${code}`);
    assert.equal(file.body, certificate.credential);
  });

  it('shows officers the certificate’s status and where to manage it', async () => {
    const { number, approver } = await decided('approve');
    const page = await (await signedInClient(t, approver.actor.userId)).get(`/applications/${number}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Valid/);
    assert.match(page.body, /href="\/certificates\/[A-Za-z0-9_-]{22}"/);
    assert.equal(page.body.includes('download='), false);
  });

  it('issues nothing on refusal, but logs the decision', async () => {
    const { number } = await decided('reject');
    assert.deepEqual(await t.services.certificates.ofApplication(number), []);
    const decision = (await leaves())
      .map((leaf) => parseLeaf(Buffer.from(leaf.text)))
      .find((leaf) => leaf?.kind === 'application.decided' && leaf.ids['applicationNumber'] === number);
    assert.equal(decision?.ids['outcome'], 'rejected');
  });

  it('logs every action, not only decisions', async () => {
    const { number } = await domicileInScrutiny(t);
    const clerk = await createOfficer(t, [{ role: 'clerk', ...REVENUE_QTA }]);
    const { application } = await t.services.applications.get(clerk.actor, { number });
    await t.services.applications.act(clerk.actor, number, {
      action: 'forward',
      remarks: 'Documents in order.',
      version: application.version,
    });
    const kinds = (await leaves())
      .map((leaf) => parseLeaf(Buffer.from(leaf.text)))
      .filter((leaf) => leaf?.ids['applicationNumber'] === number)
      .map((leaf) => `${leaf?.kind}:${String(leaf?.ids['action'])}`);
    // The fee paid on the way to scrutiny is an action too, taken by the system.
    assert.deepEqual(kinds, ['application.action:pay', 'application.action:forward']);
  });

  it('masks a CNIC to its district prefix and last digit', () => {
    assert.equal(maskCnic('54400-1234567-1'), '54400-•••••••-1');
    assert.equal(maskCnic('not a cnic'), '•••••-•••••••-•');
  });
});
