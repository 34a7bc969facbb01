// Measures password sign-in (argon2id verify, session and audit rows) through POST /sign-in on the real
// server with the demo citizen: 10 s, 10 connections by default. A successful sign-in answers 303.
//   node --import tsx scripts/bench/sign-in.ts [--seconds 10] [--connections 10]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { processEnvironment } from '../../src/platform/config.ts';
import { ARGON2_PARAMETERS } from '../../src/modules/identity/accounts/password.ts';
import { DEMO_CITIZEN } from '../../src/seeds/demo.ts';
import { measure, startServer } from './harness.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-'));
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
};
delete env['DATABASE_URL'];
const sahulat = await startServer('src/server.ts', env);
try {
  // One CSRF secret cookie and token serve every request, as one browser tab would.
  const page = await fetch(`${sahulat.address}/sign-in`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const body = new URLSearchParams({
    _csrf: token,
    identifier: DEMO_CITIZEN.cnic,
    password: DEMO_CITIZEN.password,
    next: '/',
  }).toString();
  const request = {
    url: `${sahulat.address}/sign-in`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body,
    connections,
  };
  await measure({ ...request, duration: 3 }); // warm-up, not reported
  const signIn = await measure({ ...request, duration: seconds });
  process.stdout.write(
    `${JSON.stringify({ argon2id: ARGON2_PARAMETERS, connections, seconds, signIn }, null, 2)}\n`,
  );
} finally {
  sahulat.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await rm(dataDir, { recursive: true, force: true });
}
