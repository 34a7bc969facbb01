import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { PACKS_DIR } from './files.ts';

const ROOT = path.join(PACKS_DIR, '..');

/** Runs `npm run packs:check`'s command; returns its exit code and output. */
async function checkPacks(dir?: string): Promise<{ code: number; stdout: string }> {
  const args = ['--import', 'tsx', 'scripts/check-packs.ts', ...(dir === undefined ? [] : [dir])];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error: unknown) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('scripts/check-packs.ts', () => {
  it('passes the shipped packs', async () => {
    const { code, stdout } = await checkPacks();
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^\d+ service packs are valid: .*domicile-certificate@\d+.*\n$/);
  });

  it('prints "file path: message" for each problem and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'packs-'));
    try {
      const pack = JSON.parse(await readFile(path.join(PACKS_DIR, 'tenant-registration.json'), 'utf8')) as {
        department: string;
      };
      pack.department = 'ministry-of-magic';
      await writeFile(path.join(dir, 'tenant-registration.json'), JSON.stringify(pack, null, 2));
      await writeFile(path.join(dir, 'broken.json'), '{\n  "code": "broken",\n}\n');
      const { code, stdout } = await checkPacks(dir);
      assert.equal(code, 1);
      const shown = (file: string) => path.relative(ROOT, path.join(dir, file));
      assert.equal(
        stdout,
        `${shown('broken.json')}: invalid JSON at line 3, column 1: unexpected "}": expected a property name in double quotes\n` +
          `${shown('tenant-registration.json')} /department: unknown department "ministry-of-magic"\n` +
          '\n2 problem(s) in 2 service pack file(s)\n',
      );
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
