// The console commands, run as the README says (`npm run cli -- ...`), as separate processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { processEnvironment } from '../../platform/config.ts';
import { TEST_SESSION_SECRET } from '../../test-support/app.ts';
import { type TestDatabase, createTestDatabase } from '../../test-support/database.ts';
import { clientSecretMatches } from './crypto.ts';
import { signingKeys } from './keys.ts';
import { findClient } from './repo-clients.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.destroy());

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...processEnvironment(),
      DATABASE_URL: database.connectionString,
      SESSION_SECRET: TEST_SESSION_SECRET,
      NODE_ENV: 'test',
    },
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

describe('oidc:client:create', { timeout: 60_000 }, () => {
  it('registers a client and prints exactly {"client_id": ..., "client_secret": ...}', async () => {
    const result = await runCli([
      'oidc:client:create',
      '--name',
      'Excise e-Payments',
      '--redirect-uri',
      'https://excise.example/cb',
      '--redirect-uri',
      'https://excise.example/cb2',
      '--scope',
      'openid profile phone',
      '--government-internal',
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\{"client_id": "sahulat-[\w-]+", "client_secret": "[\w-]{43}"\}\n$/);
    const printed = JSON.parse(result.stdout) as { client_id: string; client_secret: string };
    const stored = await findClient(database.database.db, printed.client_id);
    assert.ok(stored !== undefined);
    assert.equal(stored.name, 'Excise e-Payments');
    assert.deepEqual(stored.redirectUris, ['https://excise.example/cb', 'https://excise.example/cb2']);
    assert.deepEqual(stored.scopes, ['openid', 'profile', 'phone']);
    assert.equal(stored.governmentInternal, true);
    assert.ok(clientSecretMatches(printed.client_secret, stored.clientSecretHash));
  });

  it('refuses without a redirect URI, printing nothing on stdout', async () => {
    const result = await runCli(['oidc:client:create', '--name', 'No Redirect']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /--redirect-uri/);
  });
});

describe('oidc:keys:rotate', { timeout: 60_000 }, () => {
  it('creates a new signing key and retires the previous one, printing both kids', async () => {
    const keys = signingKeys(database.database.db, TEST_SESSION_SECRET);
    await keys.ensureActiveKey();
    const previous = await keys.activeKid();
    const result = await runCli(['oidc:keys:rotate']);
    assert.equal(result.code, 0, result.stderr);
    const current = await keys.activeKid();
    assert.ok(previous !== undefined && current !== undefined && current !== previous);
    assert.ok(result.stdout.includes(`Retired signing key ${previous}`));
    assert.ok(result.stdout.includes(`New signing key ${current}`));
    const retired = await sql<{ retired_at: Date | null }>`
      select retired_at from oidc_signing_key where kid = ${previous}`.execute(database.database.db);
    assert.ok(retired.rows[0]?.retired_at instanceof Date);
  });
});
