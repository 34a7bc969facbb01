// myGovIdentity as an OpenID Provider: oidc-provider's artefacts (sessions, interactions, grants, codes,
// tokens), the registered relying parties, the signing keys, and the provider's own settings.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One table for every oidc-provider model, keyed by (id, type) as its adapter contract expects.
  await db.schema
    .createTable('oidc_payload')
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('oidc_payload_pkey', ['id', 'type'])
    .execute();
  await sql`create index oidc_payload_grant_idx on oidc_payload (grant_id) where grant_id is not null`.execute(
    db,
  );
  await sql`create index oidc_payload_uid_idx on oidc_payload (type, uid) where uid is not null`.execute(db);
  await sql`create index oidc_payload_user_code_idx on oidc_payload (type, user_code)
    where user_code is not null`.execute(db);
  await sql`create index oidc_payload_expires_idx on oidc_payload (expires_at)`.execute(db);
  // "Connected apps": the grants an account gave, found without scanning every payload.
  await sql`create index oidc_payload_grant_account_idx on oidc_payload ((payload->>'accountId'))
    where type = 'Grant'`.execute(db);

  await db.schema
    .createTable('oidc_client')
    .addColumn('client_id', 'text', (col) => col.primaryKey())
    // SHA-256 of a 256-bit random secret (shown once); see crypto.ts for why a fast hash suffices.
    .addColumn('client_secret_hash', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('redirect_uris', sql`text[]`, (col) => col.notNull())
    .addColumn('post_logout_redirect_uris', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('scopes', sql`text[]`, (col) => col.notNull())
    .addColumn('government_internal', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('oidc_signing_key')
    .addColumn('kid', 'text', (col) => col.primaryKey())
    .addColumn('alg', 'text', (col) => col.notNull().check(sql`alg in ('ES256', 'RS256')`))
    // The private JWK, AES-256-GCM encrypted with a key derived from SESSION_SECRET (HKDF-SHA-256).
    .addColumn('private_jwk_encrypted', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
  // At most one key signs at a time.
  await sql`create unique index oidc_signing_key_active_key on oidc_signing_key ((true))
    where retired_at is null`.execute(db);

  await db.schema
    .createTable('oidc_setting')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // The key of the pairwise subject identifiers. Kept in the database, not derived from SESSION_SECRET:
  // rotating that secret must never change the `sub` every relying party has stored for a citizen.
  await sql`insert into oidc_setting (name, value) values
    ('pairwise_salt', ${randomBytes(32).toString('base64url')})`.execute(db);
}
