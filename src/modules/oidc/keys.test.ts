// Signing keys: stored encrypted, rotated from the console, and a retired key stays published so the
// tokens it signed remain verifiable by relying parties.
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { systemActor } from '../../platform/actor.ts';
import { migrationNames } from '../../platform/db/migrations.ts';
import { createLogger } from '../../platform/logger.ts';
import { TEST_SESSION_SECRET } from '../../test-support/app.ts';
import { createCitizen } from '../../test-support/factories.ts';
import { RETIRED_KEY_GRACE_SECONDS, signingKeys } from './keys.ts';
import { createOidcRuntime } from './runtime.ts';
import {
  Browser,
  type ListeningApp,
  authorizationRequest,
  authorizeIn,
  exchange,
  registerRelyingParty,
  startListeningApp,
} from './test-helpers.ts';

let app: ListeningApp;
before(async () => {
  app = await startListeningApp();
});
after(async () => {
  await app.app.close();
  await app.testDatabase.destroy();
});

type Jwk = { kid: string; key_ops?: string[] } & Record<string, unknown>;

/** Verifies a compact ES256 JWS against a JWKS, as a relying party would. */
function verifiesWith(jwks: { keys: Jwk[] }, token: string): boolean {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (jwk === undefined) return false;
  const key = createPublicKey({ key: { ...jwk, key_ops: undefined }, format: 'jwk' });
  return verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;

describe('key rotation', () => {
  it('signs with the new key and keeps tokens of the old one verifiable', async () => {
    const rp = await registerRelyingParty(app, { redirectUri: 'https://keys.example/cb' });
    const citizen = await createCitizen(app.testDatabase.database.db);
    const browser = new Browser(app.issuer);
    const first = await authorizationRequest(rp, 'openid');
    const oldToken =
      (await exchange(rp, first, await authorizeIn(app, browser, first, citizen))).id_token ?? '';
    const oldKid = kidOf(oldToken);

    const rotated = await app.services.oidc.rotateSigningKeys(systemActor('test'));
    assert.equal(rotated.retiredKid, oldKid);
    assert.notEqual(rotated.newKid, oldKid);

    // Another instance, or this one after a restart, on the same database and address.
    const port = Number(new URL(app.issuer).port);
    await app.app.close();
    const restarted = await buildApp(app.config, {
      logger: createLogger('silent'),
      database: app.testDatabase.database,
      knownMigrations: migrationNames(),
    });
    await restarted.listen({ port, host: '127.0.0.1' });
    try {
      const jwks = (await (await fetch(`${app.issuer}/oidc/jwks`)).json()) as { keys: Jwk[] };
      assert.deepEqual(jwks.keys.map((key) => key.kid).sort(), [oldKid, rotated.newKid].sort());
      assert.deepEqual(jwks.keys.find((key) => key.kid === oldKid)?.key_ops, ['verify']);
      assert.ok(verifiesWith(jwks, oldToken), 'a token signed before the rotation still verifies');

      const second = await authorizationRequest(rp, 'openid');
      const tokens = await exchange(rp, second, await authorizeIn(app, browser, second, citizen, 'none'));
      assert.equal(kidOf(tokens.id_token ?? ''), rotated.newKid);
      assert.ok(verifiesWith(jwks, tokens.id_token ?? ''));
    } finally {
      await restarted.close();
    }
  });

  it('reaches a running provider without a restart', async () => {
    const db = app.testDatabase.database.db;
    const runtime = await createOidcRuntime({
      issuer: app.issuer,
      sessionSecret: TEST_SESSION_SECRET,
      trustProxy: false,
      db,
      claimsOf: async () => undefined,
      logger: { warn: () => undefined },
      keyCheckIntervalMs: 0,
    });
    const before = runtime.current();
    assert.equal(await runtime.refresh(), false, 'nothing changed yet');
    await signingKeys(db, TEST_SESSION_SECRET).rotate(systemActor('test'));
    assert.equal(await runtime.refresh(), true);
    assert.notEqual(runtime.current(), before, 'a provider with the new key set serves from now on');
  });
});

describe('stored keys', () => {
  it('are encrypted at rest, and a retired key leaves the JWKS after its grace period', async () => {
    const db = app.testDatabase.database.db;
    const keys = signingKeys(db, TEST_SESSION_SECRET);
    const { newKid } = await keys.rotate(systemActor('test'));
    const rows = await sql<{ kid: string; private_jwk_encrypted: string; retired_at: Date | null }>`
      select kid, private_jwk_encrypted, retired_at from oidc_signing_key`.execute(db);
    const privateParts = (await keys.load()).jwks.map((jwk) => String(jwk['d']));
    assert.ok(privateParts.length > 0);
    for (const row of rows.rows) {
      assert.match(row.private_jwk_encrypted, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      for (const d of privateParts)
        assert.ok(!row.private_jwk_encrypted.includes(d), 'no private key in clear');
    }
    assert.equal(rows.rows.filter((row) => row.retired_at === null).length, 1, 'one key signs');

    await sql`update oidc_signing_key set retired_at = now() - make_interval(secs => ${RETIRED_KEY_GRACE_SECONDS + 60})
      where retired_at is not null`.execute(db);
    assert.deepEqual(
      (await keys.load()).jwks.map((jwk) => jwk.kid),
      [newKid],
    );
  });

  it('are replaced when SESSION_SECRET changed and the signing key can no longer be read', async () => {
    const db = app.testDatabase.database.db;
    const before = await signingKeys(db, TEST_SESSION_SECRET).activeKid();
    const changed = signingKeys(db, 'a-completely-different-session-secret-0123456789');
    assert.deepEqual((await changed.load()).jwks, [], 'keys sealed with another secret are never used');
    await changed.ensureActiveKey();
    const after = await changed.activeKid();
    assert.notEqual(after, before);
    assert.deepEqual(
      (await changed.load()).jwks.map((jwk) => jwk.kid),
      [after],
    );
  });

  it('may only be rotated by the console or a platform administrator', async () => {
    const keys = signingKeys(app.testDatabase.database.db, TEST_SESSION_SECRET);
    const citizen = {
      kind: 'user',
      userId: crypto.randomUUID(),
      label: 'x',
      accountKind: 'citizen',
      grants: [],
    } as const;
    await assert.rejects(keys.rotate(citizen), { code: 'forbidden' });
    await assert.rejects(keys.rotate({ kind: 'anonymous' }), { code: 'forbidden' });
  });
});
