// The service catalogue: every version of every service pack (files in services/), the current version
// of each service with its searchable text, and the problems found the last time packs were loaded.
// Search: PostgreSQL full text (English stemming; 'simple' for Urdu, which PostgreSQL has no dictionary
// for) plus trigram similarity for misspellings. pg_trgm ships with PostgreSQL (contrib); on a managed
// server without superuser rights, create the extension once before migrating.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('service_pack_version')
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    // SHA-256 of the pack's canonical JSON: a pack edited without a new version number is caught.
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('pack', 'jsonb', (col) => col.notNull())
    .addColumn('loaded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('service_pack_version_pkey', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('service')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('current_version', 'integer', (col) => col.notNull())
    .addColumn('department_code', 'text', (col) => col.notNull().references('department.code'))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_ur', 'text', (col) => col.notNull())
    .addColumn('summary_en', 'text', (col) => col.notNull())
    .addColumn('summary_ur', 'text', (col) => col.notNull())
    .addColumn('keywords_en', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('keywords_ur', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'service_current_version_fkey',
      ['code', 'current_version'],
      'service_pack_version',
      ['code', 'version'],
    )
    .execute();
  await sql`alter table service add column search_en tsvector generated always as (
      to_tsvector('english', name_en || ' ' || summary_en || ' ' || keywords_en)) stored`.execute(db);
  await sql`alter table service add column search_ur tsvector generated always as (
      to_tsvector('simple', name_ur || ' ' || summary_ur || ' ' || keywords_ur)) stored`.execute(db);
  await sql`alter table service add column search_text text generated always as (
      lower(name_en || ' ' || keywords_en || ' ' || name_ur || ' ' || keywords_ur)) stored`.execute(db);
  await sql`create index service_search_en_idx on service using gin (search_en)`.execute(db);
  await sql`create index service_search_ur_idx on service using gin (search_ur)`.execute(db);
  await sql`create index service_search_trgm_idx on service using gin (search_text gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('service_pack_problem')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('file', 'text', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('found_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}
