// log:verify finds rows altered directly in the database (past the append-only trigger, as a database
// superuser could) and names them; the command exits with status 1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { processEnvironment } from '../../platform/config.ts';
import { type TestApp, TEST_SESSION_SECRET, buildTestApp } from '../../test-support/app.ts';
import { auditLog } from './audit.ts';
import { leafHash } from './merkle.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');

let t: TestApp;
before(async () => {
  t = await buildTestApp();
  const log = t.services.transparencyLog;
  for (let i = 0; i < 40; i += 1) {
    await log.append('test.audit', { ids: { n: i }, record: { i, nonce: Math.random() } });
    if (i % 9 === 0) await log.tick();
  }
  await log.tick();
});
after(() => t.close());

/** Changes log rows the way only a database superuser could: with the append-only trigger switched off. */
async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await t.testDatabase.database.db.connection().execute(async (connection) => {
    await sql`set session_replication_role = replica`.execute(connection);
    try {
      await statement.execute(connection);
    } finally {
      await sql`set session_replication_role = origin`.execute(connection);
    }
  });
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...processEnvironment(),
    DATABASE_URL: t.testDatabase.connectionString,
    SESSION_SECRET: TEST_SESSION_SECRET,
    NODE_ENV: 'test',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env });
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

describe('log:verify', () => {
  it('refuses ordinary updates and deletes of log rows', async () => {
    const db = t.testDatabase.database.db;
    await assert.rejects(sql`update log_entry set kind = 'x' where index = 0`.execute(db), /append-only/);
    await assert.rejects(sql`delete from log_checkpoint`.execute(db), /append-only/);
    await assert.rejects(sql`truncate log_node`.execute(db), /append-only/);
  });

  it('finds an intact log intact', async () => {
    const audit = await auditLog(t.testDatabase.database.db);
    assert.deepEqual(audit.problems, []);
    assert.equal(audit.entries, 40);
    assert.ok(audit.checkpoints >= 5);
    const cli = await runCli(['log:verify']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /The log is intact: 40 entries/);
  });

  it('names an entry whose data was changed', async () => {
    await tamper(
      sql`update log_entry set data = convert_to(replace(convert_from(data, 'UTF8'), '"n":17', '"n":71'), 'UTF8') where index = 17`,
    );
    const audit = await auditLog(t.testDatabase.database.db);
    assert.ok(
      audit.problems.some((p) => p.startsWith('log_entry 17: its data does not match its leaf_hash')),
      audit.problems.join('\n'),
    );
    assert.ok(
      audit.problems.some((p) => p.startsWith('log_checkpoint ')),
      'later checkpoints no longer match',
    );
    assert.equal(
      audit.problems.some((p) => p.startsWith('log_node')),
      false,
      'nodes above a named entry are not repeated',
    );
    const cli = await runCli(['log:verify']);
    assert.equal(cli.code, 1);
    assert.match(cli.stderr, /log_entry 17: its data does not match its leaf_hash/);
  });

  it('names the subtree when an entry and its leaf hash were both rewritten', async () => {
    const forged = Buffer.from('{"forged":true}', 'utf8');
    await tamper(
      sql`update log_entry set data = ${forged}, leaf_hash = ${leafHash(forged)} where index = 30`,
    );
    const audit = await auditLog(t.testDatabase.database.db);
    assert.ok(
      audit.problems.some((p) => p.startsWith('log_node level 1 index 15 (entries 30..31)')),
      audit.problems.join('\n'),
    );
  });

  it('notices a checkpoint whose signed note was replaced', async () => {
    await tamper(
      sql`update log_checkpoint set note = replace(note, 'log', 'lag') where tree_size = (select min(tree_size) from log_checkpoint)`,
    );
    const audit = await auditLog(t.testDatabase.database.db);
    assert.ok(
      audit.problems.some((p) => /^log_checkpoint \d+: the signed note does not verify/.test(p)),
      audit.problems.join('\n'),
    );
  });
});
