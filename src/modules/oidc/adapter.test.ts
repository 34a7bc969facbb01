// The PostgreSQL adapter against oidc-provider's contract, on a real database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { errors } from 'oidc-provider';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';
import { postgresAdapter } from './adapter.ts';
import { deleteExpired } from './cleanup.ts';
import { clientMetadata } from './clients.ts';
import { clientSecretMatches, hashClientSecret, open, pairwiseSubject, seal } from './crypto.ts';
import { insertClient } from './repo-clients.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.destroy());

const adapter = (name: string) => postgresAdapter(database.database.db)(name);
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

describe('the payload adapter', () => {
  it('stores, finds by id, uid and user code, and keeps models apart', async () => {
    const sessions = adapter('Session');
    const id = unique('s');
    const uid = unique('uid');
    await sessions.upsert(id, { uid, accountId: 'a1' }, 60);
    assert.deepEqual(await sessions.find(id), { uid, accountId: 'a1' });
    assert.deepEqual(await sessions.findByUid(uid), { uid, accountId: 'a1' });
    assert.equal(await adapter('Interaction').find(id), undefined, 'another model, another namespace');

    await sessions.upsert(id, { uid, accountId: 'a2' }, 60);
    assert.equal(((await sessions.find(id)) as { accountId: string }).accountId, 'a2', 'upsert replaces');

    const devices = adapter('DeviceCode');
    const userCode = unique('UC');
    await devices.upsert('d1', { userCode }, 60);
    assert.deepEqual(await devices.findByUserCode(userCode), { userCode });

    await sessions.destroy(id);
    assert.equal(await sessions.find(id), undefined);
  });

  it('treats expired artefacts as absent, and the clean-up deletes them after a day', async () => {
    const codes = adapter('AuthorizationCode');
    const id = unique('c');
    await codes.upsert(id, { grantId: 'g' }, 60);
    await sql`update oidc_payload set expires_at = now() - interval '1 second' where id = ${id}`.execute(
      database.database.db,
    );
    assert.equal(await codes.find(id), undefined);
    await sql`update oidc_payload set expires_at = now() - interval '2 days' where id = ${id}`.execute(
      database.database.db,
    );
    assert.ok((await deleteExpired(database.database.db)) >= 1);
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from oidc_payload where id = ${id}`.execute(database.database.db);
    assert.equal(left.rows[0]?.n, 0);
  });

  it('consumes once; a second consume is a replay that revokes the whole grant', async () => {
    const codes = adapter('AuthorizationCode');
    const tokens = adapter('AccessToken');
    const grantId = unique('g');
    const code = unique('c');
    await codes.upsert(code, { grantId }, 60);
    await tokens.upsert('t1', { grantId }, 60);
    await adapter('Grant').upsert(grantId, { accountId: 'a', clientId: 'c' }, 600);

    await codes.consume(code);
    const consumed = (await codes.find(code)) as { consumed?: number };
    assert.ok(typeof consumed.consumed === 'number' && consumed.consumed > 0);

    await assert.rejects(codes.consume(code), errors.InvalidGrant);
    assert.equal(await tokens.find('t1'), undefined);
    assert.equal(await adapter('Grant').find(grantId), undefined);
  });

  it('revokes by grant id only the artefacts of its own model', async () => {
    const grantId = unique('g');
    await adapter('AccessToken').upsert('at', { grantId }, 60);
    await adapter('RefreshToken').upsert('rt', { grantId }, 60);
    await adapter('AccessToken').revokeByGrantId(grantId);
    assert.equal(await adapter('AccessToken').find('at'), undefined);
    assert.ok((await adapter('RefreshToken').find('rt')) !== undefined);
  });
});

describe('the client adapter', () => {
  it('serves registered clients and hides disabled ones', async () => {
    const clientId = unique('client');
    const record = {
      clientId,
      clientSecretHash: hashClientSecret('s3cret'),
      name: 'Test',
      redirectUris: ['https://a.example/cb'],
      postLogoutRedirectUris: [],
      scopes: ['openid', 'profile'],
      governmentInternal: false,
      createdBy: 'test',
    };
    await insertClient(database.database.db, record);
    const clients = adapter('Client');
    assert.deepEqual(
      await clients.find(clientId),
      clientMetadata({ ...record, createdAt: new Date(), disabledAt: null }),
    );
    assert.equal((await clients.find(clientId))?.subject_type, 'pairwise');
    await sql`update oidc_client set disabled_at = now() where client_id = ${clientId}`.execute(
      database.database.db,
    );
    assert.equal(await clients.find(clientId), undefined);
    await assert.rejects(clients.upsert(clientId, {}));
  });
});

describe('crypto helpers', () => {
  it('seal and open with the same key and context only', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = seal(key, 'secret text', 'ctx');
    assert.equal(open(key, sealed, 'ctx'), 'secret text');
    assert.throws(() => open(key, sealed, 'other ctx'));
    assert.throws(() => open(Buffer.alloc(32, 8), sealed, 'ctx'));
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    assert.throws(() => open(key, tampered, 'ctx'));
  });

  it('compare client secrets against their hash', () => {
    const hash = hashClientSecret('right');
    assert.equal(clientSecretMatches('right', hash), true);
    assert.equal(clientSecretMatches('wrong', hash), false);
    assert.equal(clientSecretMatches('', hash), false);
  });

  it('derive pairwise subjects per sector, stable and unlinkable', () => {
    const a = pairwiseSubject('salt', 'one.example', 'account');
    assert.equal(a, pairwiseSubject('salt', 'one.example', 'account'));
    assert.notEqual(a, pairwiseSubject('salt', 'two.example', 'account'));
    assert.notEqual(a, pairwiseSubject('other salt', 'one.example', 'account'));
    assert.ok(!a.includes('account'));
  });
});
