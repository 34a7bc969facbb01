// Issuing and verifying certificates: the credential verified by an independent library (jose, ES256
// only) from the published JWKS, its log leaf proved by @sigstore/verify, and every forgery refused.
import assert from 'node:assert/strict';
import { createHash, createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle.js';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK } from 'jose';
import { systemActor } from '../../platform/actor.ts';
import { processEnvironment } from '../../platform/config.ts';
import { type TestApp, TEST_SESSION_SECRET, buildTestApp } from '../../test-support/app.ts';
import { canonicalJson } from '../transparency-log/leaf.ts';
import { parseCheckpointBody } from '../transparency-log/note.ts';
import { type IssuedCredential, withoutLogIndex } from './credential.ts';
import { signCompact } from './jws.ts';
import { certificateKeys } from './keys.ts';
import { issueInput, issueTestCertificate } from './test-helpers.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const b64u = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString()) as IssuedCredential & { logIndex: number };
const jwks = async () =>
  (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
    keys: (Record<string, string> & { kid: string })[];
  }>();

/** jose, as a bank's verifier would run it: ES256 only, keys from our JWKS. */
async function joseAccepts(token: string): Promise<boolean> {
  try {
    await compactVerify(token, createLocalJWKSet(await jwks()), { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}

const problemOf = async (token: string) => {
  const result = await t.services.certificates.verify(token);
  return result.genuine ? 'genuine' : result.problem;
};

describe('certificates', () => {
  it('issues a VC 2.0 credential as vc+jwt that jose verifies from the published JWKS', async () => {
    const input = issueInput();
    const issued = await t.services.certificates.issueForApplication(systemActor('test'), input);
    assert.equal(issued.created, true);
    const header = decodeProtectedHeader(issued.credential);
    assert.deepEqual([header.alg, header.typ], ['ES256', 'vc+jwt']);
    const { payload, protectedHeader } = await compactVerify(
      issued.credential,
      createLocalJWKSet(await jwks()),
      {
        algorithms: ['ES256'],
      },
    );
    assert.equal(protectedHeader.kid, header.kid);
    const credential = JSON.parse(new TextDecoder().decode(payload)) as IssuedCredential & {
      logIndex: number;
    };
    assert.deepEqual(credential['@context'], ['https://www.w3.org/ns/credentials/v2']);
    assert.deepEqual(credential.type, ['VerifiableCredential', 'DomicileCertificate']);
    assert.equal(credential.id, `urn:uuid:${issued.credentialId}`);
    assert.equal(credential.issuer, `${t.config.publicUrl}/issuers/revenue`);
    assert.match(credential.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(credential.credentialSubject['fullName'], 'Sadia Baloch');
    assert.equal(credential.credentialSubject['applicationNumber'], input.applicationNumber);
    assert.equal(credential.logIndex, issued.logIndex);
    assert.deepEqual(
      credential.credentialStatus.map((entry) => [entry.type, entry.statusPurpose]),
      [
        ['BitstringStatusListEntry', 'revocation'],
        ['BitstringStatusListEntry', 'suspension'],
      ],
    );
    process.stdout.write(
      `# credential: ${issued.credential.length} characters as compact JWS; short link ${issued.shortPath}\n`,
    );

    const again = await t.services.certificates.issueForApplication(systemActor('test'), input);
    assert.deepEqual(
      [again.created, again.credentialId, again.credential],
      [false, issued.credentialId, issued.credential],
    );
  });

  it('verifies a genuine credential: status valid and its log leaf proved against the signed checkpoint', async () => {
    const issued = await issueTestCertificate(t);
    const result = await t.services.certificates.verify(issued.credential);
    assert.ok(result.genuine);
    assert.equal(result.status, 'valid');
    assert.equal(result.departmentCode, 'revenue');
    assert.equal(result.log.verified, true, JSON.stringify(result.log));
    assert.equal(result.log.index, issued.logIndex);

    // The same check by outsiders: the leaf from /log/entries hashes to the credential minus its index, and
    // @sigstore/verify accepts the inclusion proof up to the root in /log/checkpoint.
    const note = (await t.app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    const checkpoint = parseCheckpointBody(note.slice(0, note.lastIndexOf('\n\n') + 1))!;
    const { entries } = (
      await t.app.inject({
        method: 'GET',
        url: `/log/entries?start=${issued.logIndex}&end=${issued.logIndex}`,
      })
    ).json<{ entries: { data: string }[] }>();
    const data = Buffer.from(entries[0]!.data, 'base64');
    const leaf = JSON.parse(data.toString()) as { ids: Record<string, string>; recordHash: string };
    assert.equal(leaf.ids['credentialId'], `urn:uuid:${issued.credentialId}`);
    const expectedHash = createHash('sha256')
      .update(canonicalJson(withoutLogIndex(payloadOf(issued.credential) as never)))
      .digest('base64url');
    assert.equal(leaf.recordHash, expectedHash);
    const proof = (
      await t.app.inject({
        method: 'GET',
        url: `/log/proof/inclusion?index=${issued.logIndex}&size=${checkpoint.size}`,
      })
    ).json<{ hashes: string[] }>();
    assert.doesNotThrow(() => {
      verifyMerkleInclusion(
        {
          canonicalizedBody: data,
          inclusionProof: {
            logIndex: String(issued.logIndex),
            hashes: proof.hashes.map((h) => Buffer.from(h, 'base64')),
          },
        } as never,
        { logSize: BigInt(checkpoint.size), logHash: checkpoint.rootHash } as never,
      );
    });
  });

  it('refuses alg none, HS256 keyed with the public key, unknown keys and bit flips (and so does jose)', async () => {
    const issued = await issueTestCertificate(t);
    const [header, payload, signature] = parts(issued.credential);
    const kid = decodeProtectedHeader(issued.credential).kid!;

    const none = `${b64u({ alg: 'none', typ: 'vc+jwt', kid })}.${payload}.`;
    assert.equal(await problemOf(none), 'algorithm');
    assert.equal(await joseAccepts(none), false);

    const publicJwk = (await jwks()).keys.find((key) => key.kid === kid)!;
    const hsInput = `${b64u({ alg: 'HS256', typ: 'vc+jwt', kid })}.${payload}`;
    for (const secret of [JSON.stringify(publicJwk), Buffer.from(publicJwk['x']!, 'base64url')]) {
      const hs = `${hsInput}.${createHmac('sha256', secret).update(hsInput).digest('base64url')}`;
      assert.equal(await problemOf(hs), 'algorithm');
      assert.equal(await joseAccepts(hs), false);
    }

    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const unknownKid = signCompact(
      { alg: 'ES256', typ: 'vc+jwt', kid: 'not-one-of-ours' },
      payloadOf(issued.credential),
      stranger,
    );
    assert.equal(await problemOf(unknownKid), 'unknown-key');
    const ourKidTheirKey = signCompact(
      { alg: 'ES256', typ: 'vc+jwt', kid },
      payloadOf(issued.credential),
      stranger,
    );
    assert.equal(await problemOf(ourKidTheirKey), 'signature');
    assert.equal(await joseAccepts(ourKidTheirKey), false);

    // One bit flipped anywhere in the payload or the signature.
    const flip = (segment: string, bit: number) => {
      const bytes = Buffer.from(segment, 'base64url');
      bytes[bit >> 3] = bytes[bit >> 3]! ^ (1 << (bit & 7));
      return bytes.toString('base64url');
    };
    const payloadBits = Buffer.from(payload, 'base64url').length * 8;
    for (const bit of [0, 7, 100, 1000, Math.floor(payloadBits / 2), payloadBits - 9]) {
      const forged = `${header}.${flip(payload, bit)}.${signature}`;
      assert.notEqual(await problemOf(forged), 'genuine', `payload bit ${bit}`);
      assert.equal(await joseAccepts(forged), false);
    }
    for (const bit of [0, 255, 256, 511]) {
      const forged = `${header}.${payload}.${flip(signature, bit)}`;
      assert.equal(await problemOf(forged), 'signature', `signature bit ${bit}`);
      assert.equal(await joseAccepts(forged), false);
    }
    assert.equal(await problemOf('not a credential'), 'malformed');
    assert.equal(await problemOf(`${header}.${payload}`), 'malformed');
  });

  it('refuses a credential signed with one department key in the name of another, or not in the log', async () => {
    const issued = await issueTestCertificate(t);
    const keys = certificateKeys(t.testDatabase.database.db, TEST_SESSION_SECRET);
    const health = await keys.signingKey('health');
    const asRevenue = signCompact(
      { alg: 'ES256', typ: 'vc+jwt', kid: health.kid },
      payloadOf(issued.credential),
      health.privateKey,
    );
    assert.equal(await problemOf(asRevenue), 'issuer');

    // A stolen key cannot mint credentials unseen: one that is not in the log is refused.
    const revenue = await keys.signingKey('revenue');
    const minted = { ...payloadOf(issued.credential), id: `urn:uuid:${randomUUID()}` };
    const outside = signCompact(
      { alg: 'ES256', typ: 'vc+jwt', kid: revenue.kid },
      minted,
      revenue.privateKey,
    );
    assert.equal(await joseAccepts(outside), true, 'the signature itself is good');
    assert.equal(await problemOf(outside), 'not-in-log');
  });

  it('rotates a department key: old credentials still verify, new ones use the new kid, both are published', async () => {
    const before = await issueTestCertificate(t);
    const oldKid = decodeProtectedHeader(before.credential).kid!;
    const rotated = await t.services.certificates.rotateKeys(systemActor('test'), 'revenue');
    assert.equal(rotated.retiredKid, oldKid);
    const afterIssue = await issueTestCertificate(t);
    assert.equal(decodeProtectedHeader(afterIssue.credential).kid, rotated.newKid);
    const published = (await jwks()).keys.map((key) => key.kid);
    assert.ok(published.includes(oldKid) && published.includes(rotated.newKid));
    const department = (await t.app.inject({ method: 'GET', url: '/issuers/revenue/jwks.json' })).json<{
      keys: { kid: string }[];
    }>();
    assert.ok(department.keys.every((key) => published.includes(key.kid)));
    assert.ok((await t.services.certificates.verify(before.credential)).genuine);
    assert.ok(await joseAccepts(before.credential));
    for (const key of department.keys) assert.ok(await importJWK(key as never, 'ES256'));
    await assert.rejects(t.services.certificates.rotateKeys(systemActor('test'), 'no-such-department'), {
      code: 'bad_request',
    });
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/oidc/jwks' })).statusCode,
      200,
      'the OpenID keys still answer',
    );
  });

  it('rotates keys from the console: cert:keys:rotate --department', async () => {
    const env = {
      ...processEnvironment(),
      DATABASE_URL: t.testDatabase.connectionString,
      SESSION_SECRET: TEST_SESSION_SECRET,
      NODE_ENV: 'test',
    };
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => {
          resolve({ code, out });
        });
      });
    const rotated = await run(['cert:keys:rotate', '--department', 'health']);
    assert.equal(rotated.code, 0, rotated.out);
    const newKid = /New key (\S+) signs/.exec(rotated.out)?.[1];
    assert.ok(
      (await jwks()).keys.some((key) => key.kid === newKid),
      rotated.out,
    );
    assert.equal((await run(['cert:keys:rotate'])).code, 1);
  });
});
