// One pg pool and one Kysely instance per process. Modules add their own table types with
// `db.$extendTables<...>()` inside their repo files, so the platform does not depend on any module.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

// int8 (bigint, count(*)) as JavaScript numbers: our counts and ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
// `date` columns stay 'YYYY-MM-DD' strings; turning them into Dates would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Tables the platform itself owns (audit trail, migrations bookkeeping read by /readyz). */
export type PlatformTables = {
  audit_event: {
    id: import('kysely').Generated<number>;
    occurred_at: import('kysely').Generated<Date>;
    actor_id: string | null;
    actor_label: string;
    action: string;
    subject_type: string | null;
    subject_id: string | null;
    ip: string | null;
    user_agent: string | null;
    details: import('kysely').ColumnType<Record<string, unknown>, string, string>;
  };
};

export type Db = Kysely<PlatformTables>;

export interface Database {
  readonly db: Db;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly max?: number;
  readonly applicationName?: string;
  /**
   * Called when an idle pooled connection fails (the server restarted, an administrator terminated it).
   * Without a listener node-postgres would crash the process; the pool replaces the connection itself.
   */
  readonly onIdleError?: (error: Error) => void;
}

export function openDatabase(connectionString: string, options: PoolOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'sahulat',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy(); // ends the pool too
    },
  };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Swaps the database name in a connection URL (for creating and cloning databases). */
export function withDatabaseName(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
