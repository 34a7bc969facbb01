import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ANONYMOUS, systemActor } from '../../../platform/actor.ts';
import { auditEventsFor } from '../../../platform/audit/repo.ts';
import { AppError } from '../../../platform/errors.ts';
import { type TestDatabase, createTestDatabase } from '../../../test-support/database.ts';
import { verifyPassword } from './password.ts';
import { accountsService } from './service.ts';

let test: TestDatabase;
before(async () => {
  test = await createTestDatabase();
});
after(() => test.destroy());

const unique = () => `admin.${Math.random().toString(36).slice(2)}@sahulat.test`;

describe('creating staff accounts', () => {
  it('creates a platform administrator with an audit event in the same transaction', async () => {
    const accounts = accountsService(test.database.db);
    const email = unique();
    const created = await accounts.createStaffAccount(systemActor('cli'), {
      email: email.toUpperCase(),
      fullName: '  Naseem Baloch ',
      password: 'correct horse battery',
      grants: [{ role: 'platform_admin', departmentCode: null, districtCode: null }],
    });
    assert.equal(created.email, email, 'e-mail stored in lower case');
    assert.equal(created.generatedPassword, undefined);
    const grants = await accounts.grantsOf(systemActor('test'), created.id);
    assert.deepEqual(grants, [{ role: 'platform_admin', departmentCode: null, districtCode: null }]);
    const audit = await auditEventsFor(test.database.db, 'user_account', created.id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'account.created');
    assert.equal(audit[0].actor_label, 'cli');
  });

  it('generates a strong password when none is given, and stores only its hash', async () => {
    const accounts = accountsService(test.database.db);
    const created = await accounts.createStaffAccount(systemActor('cli'), {
      email: unique(),
      fullName: 'Generated',
      grants: [],
    });
    assert.ok(created.generatedPassword !== undefined && created.generatedPassword.length >= 20);
    const { rows } = await test.database.pool.query<{ password_hash: string }>(
      'select password_hash from user_account where id = $1',
      [created.id],
    );
    const hash = rows[0]?.password_hash ?? '';
    assert.ok(!hash.includes(created.generatedPassword));
    assert.equal(await verifyPassword(created.generatedPassword, hash), true);
    assert.equal(await verifyPassword('wrong password!', hash), false);
  });

  it('refuses a duplicate e-mail in any letter case with a conflict', async () => {
    const accounts = accountsService(test.database.db);
    const email = unique();
    await accounts.createStaffAccount(systemActor('cli'), { email, fullName: 'One', grants: [] });
    await assert.rejects(
      accounts.createStaffAccount(systemActor('cli'), {
        email: email.toUpperCase(),
        fullName: 'Two',
        grants: [],
      }),
      (error: unknown) => error instanceof AppError && error.code === 'conflict',
    );
  });

  it('explains every invalid field at once', async () => {
    const accounts = accountsService(test.database.db);
    await assert.rejects(
      accounts.createStaffAccount(systemActor('cli'), {
        email: 'not-an-email',
        fullName: ' ',
        password: 'short',
        grants: [],
      }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'validation_failed' &&
        error.fieldErrors.map((f) => f.field).join() === 'email,fullName,password',
    );
  });

  it('does not let anonymous visitors or non-administrators create staff', async () => {
    const accounts = accountsService(test.database.db);
    const input = { email: unique(), fullName: 'Nope', grants: [] };
    await assert.rejects(
      accounts.createStaffAccount(ANONYMOUS, input),
      (e: unknown) => e instanceof AppError && e.code === 'forbidden',
    );
    const clerk = {
      kind: 'user' as const,
      userId: '00000000-0000-4000-8000-000000000000',
      label: 'clerk@sahulat.test',
      accountKind: 'staff' as const,
      grants: [{ role: 'clerk' as const, departmentCode: 'revenue', districtCode: 'QTA' }],
    };
    await assert.rejects(
      accounts.createStaffAccount(clerk, input),
      (e: unknown) => e instanceof AppError && e.code === 'forbidden',
    );
  });
});
