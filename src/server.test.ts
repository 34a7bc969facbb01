// The README's contract, end to end as separate processes: `npm start` on a fresh DATA_DIR with no database
// server, the CLI beside the running server, a `kill -9` of the server, a restart with every committed row
// still there, and a graceful SIGTERM that also stops the embedded PostgreSQL.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { processEnvironment } from './platform/config.ts';

const ROOT = path.join(import.meta.dirname, '..');
const TSX = ['--import', 'tsx'];

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...processEnvironment(), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  delete env['DATABASE_URL']; // this test is about the embedded database, whatever the suite runs on
  delete env['NODE_ENV'];
  delete env['SEED_DEMO'];
  return env;
}

interface RunningServer {
  readonly process: ChildProcess;
  readonly baseUrl: string;
  readonly startupMs: number;
  readonly exited: Promise<number | null>;
}

function startServer(dataDir: string): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, [...TSX, 'src/server.ts'], { cwd: ROOT, env: childEnv(dataDir) });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not become ready in 60 s:\n${output}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (!line.includes('Sahulat is ready')) continue;
        const { address } = JSON.parse(line) as { address: string };
        clearTimeout(timer);
        resolve({ process: child, baseUrl: address, startupMs: performance.now() - started, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function runCli(
  dataDir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...TSX, 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: childEnv(dataDir),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('server and CLI on the embedded database', { timeout: 180_000 }, () => {
  let dataDir = '';
  after(async () => {
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh machine, survives kill -9, and shuts down gracefully', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-server-test-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its folder
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');

    const first = await startServer(dataDir);
    process.stdout.write(
      `# first start (initdb, migrations, demo data) ready in ${Math.round(first.startupMs)} ms\n`,
    );
    const home = await fetch(`${first.baseUrl}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Sahulat|سہولت/);

    const created = await runCli(dataDir, [
      'user:create-admin',
      '--email',
      'kill9.survivor@sahulat.test',
      '--name',
      'Survivor',
      '--password',
      'a long enough password',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created platform administrator kill9\.survivor@sahulat\.test/);

    first.process.kill('SIGKILL');
    await first.exited;
    assert.ok(existsSync(pidFile), 'the orphaned postmaster is still running after kill -9');

    const second = await startServer(dataDir);
    process.stdout.write(`# restart after kill -9 ready in ${Math.round(second.startupMs)} ms\n`);
    const ready = await fetch(`${second.baseUrl}/readyz`);
    assert.equal(ready.status, 200);
    const again = await runCli(dataDir, [
      'user:create-admin',
      '--email',
      'KILL9.survivor@sahulat.test',
      '--name',
      'x',
    ]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/, 'the row committed before kill -9 is still there');

    second.process.kill('SIGTERM');
    assert.equal(await second.exited, 0, 'graceful shutdown exits 0');
    assert.ok(!existsSync(pidFile), 'the embedded PostgreSQL was stopped');

    const alone = await runCli(dataDir, ['db:migrate']);
    assert.equal(alone.code, 0, alone.stderr);
    assert.match(alone.stdout, /up to date/);
    assert.ok(!existsSync(pidFile), 'the CLI stops the PostgreSQL it started');
  });

  it('prints help and rejects unknown commands', async () => {
    const help = await runCli(dataDir, ['help']);
    assert.equal(help.code, 0);
    for (const command of ['db:migrate', 'seed:demo', 'user:create-admin'])
      assert.match(help.stdout, new RegExp(command));
    const unknown = await runCli(dataDir, ['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  });
});
