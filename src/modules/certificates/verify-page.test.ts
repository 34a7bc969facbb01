// /verify in both languages: pasted, uploaded, or opened from a short link; genuine, forged and revoked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../../platform/actor.ts';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { FormClient } from '../../test-support/form-client.ts';
import { issueTestCertificate } from './test-helpers.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function browser(lang = 'en'): Promise<FormClient> {
  const client = new FormClient(t.app);
  assert.equal((await client.get(`/verify?lang=${lang}`)).statusCode, 200);
  return client;
}

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = `----sahulat${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: text/plain\r\n\r\n${file.content}\r\n`,
  );
  return {
    payload: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('/verify', () => {
  it('says a pasted genuine certificate is genuine, what it states, who issued it, and that the log proof was checked', async () => {
    const issued = await issueTestCertificate(t);
    const client = await browser();
    const response = await client.post('/verify', { presented: `  ${issued.credential}\n` });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Genuine: issued by Board of Revenue/);
    assert.match(response.body, /Sadia Baloch/);
    assert.match(response.body, /Domicile certificate/);
    assert.match(
      response.body,
      new RegExp(`Recorded as entry ${issued.logIndex} of the public log[^<]*checked`),
    );
    assert.equal(response.headers['cache-control'], 'no-store');
  });

  it('answers in Urdu, and refuses a forged credential in plain words', async () => {
    const issued = await issueTestCertificate(t);
    const client = await browser('ur');
    const genuine = await client.post('/verify', { presented: issued.credential });
    assert.match(genuine.body, /اصلی:/);
    assert.match(genuine.body, /lang="ur"/);
    const [header, payload] = issued.credential.split('.');
    const forged = await client.post('/verify', { presented: `${header}.${payload}.${'A'.repeat(86)}` });
    assert.match(forged.body, /اصلی نہیں/);
    const english = await browser();
    const none = `${Buffer.from('{"alg":"none","typ":"vc+jwt"}').toString('base64url')}.${payload}.`;
    assert.match(
      (await english.post('/verify', { presented: none })).body,
      /signing method that Sahulat never uses/,
    );
  });

  it('reads an uploaded file, and opens the short link from a QR code', async () => {
    const issued = await issueTestCertificate(t);
    const client = await browser();
    const form = multipart(
      { _csrf: client.csrfToken() },
      { name: 'certificate.txt', content: issued.credential },
    );
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': form.contentType },
      payload: form.payload,
      cookies: Object.fromEntries(client.cookies),
    });
    assert.equal(uploaded.statusCode, 200);
    assert.match(uploaded.body, /Genuine: issued by Board of Revenue/);
    const withoutToken = multipart({}, { name: 'certificate.txt', content: issued.credential });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/verify',
      headers: { 'content-type': withoutToken.contentType },
      payload: withoutToken.payload,
      cookies: Object.fromEntries(client.cookies),
    });
    assert.equal(refused.statusCode, 403);

    const short = await t.app.inject({ method: 'GET', url: issued.shortPath });
    assert.equal(short.statusCode, 303);
    const opened = await client.get(String(short.headers.location));
    assert.match(opened.body, /Genuine: issued by Board of Revenue/);
    assert.match(
      (await client.post('/verify', { presented: `https://sahulat.example${issued.shortPath}` })).body,
      /Genuine/,
    );
    const jws = await t.app.inject({ method: 'GET', url: `/credentials/${issued.shortPath.slice(3)}` });
    assert.equal(jws.body, issued.credential);
    assert.match(String(jws.headers['content-type']), /^application\/vc\+jwt/);
  });

  it('tells a verifier when a certificate was revoked', async () => {
    const issued = await issueTestCertificate(t);
    await t.services.certificates.changeStatus(
      {
        kind: 'user',
        userId: '00000000-0000-4000-8000-000000000001',
        label: 'DC Quetta',
        accountKind: 'staff',
        grants: [{ role: 'approver', departmentCode: 'revenue', districtCode: 'QTA' }],
      },
      issued.credentialId,
      { action: 'revoke', reason: 'Duplicate domicile' },
    );
    const client = await browser();
    const response = await client.post('/verify', { presented: issued.credential });
    assert.match(response.body, /but revoked: it is no longer valid/);
    assert.equal(response.body.includes('Duplicate domicile'), false, 'the reason stays internal');
    assert.equal((await t.services.certificates.verifyPresented('AAAA')).genuine, false);
    await assert.rejects(
      t.services.certificates.changeStatus(systemActor('test'), issued.credentialId, {
        action: 'revoke',
        reason: 'again',
      }),
    );
  });
});
