// Measures the OpenID Provider's token endpoint (authorization code + PKCE exchange, client_secret_basic,
// ES256 ID token) on the real server: its own process, embedded PostgreSQL, its own DATA_DIR. Codes are
// real: a citizen signs in and consents once through the pages, then every authorization request returns a
// fresh code at once. Codes live 60 s, so they are minted right before autocannon spends them, one per
// request. It measures and reports; it asserts nothing.
//   node --import tsx scripts/bench/oidc-token.ts [--codes 3000] [--connections 20]
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { systemActor } from '../../src/platform/actor.ts';
import { loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { resolveDatabase } from '../../src/platform/db/connect.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { Browser, freePort, signIn } from '../../src/modules/oidc/test-helpers.ts';
import { createServices } from '../../src/services.ts';
import { createCitizen } from '../../src/test-support/factories.ts';

const { values } = parseArgs({
  options: { codes: { type: 'string', default: '3000' }, connections: { type: 'string', default: '20' } },
});
const ROOT = path.join(import.meta.dirname, '..', '..');
const REDIRECT_URI = 'https://bench.example/cb';

async function startServer(env: NodeJS.ProcessEnv, address: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let tries = 0; tries < 600; tries += 1) {
    if (
      await fetch(`${address}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** One fresh code from a browser that is signed in and has consented. */
async function mintCode(browser: Browser, clientId: string): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkce();
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  });
  const step = await browser.follow(`/oidc/auth?${query.toString()}`);
  const code = new URL(step.url).searchParams.get('code');
  if (code === null) throw new Error(`no code: ended at ${step.url}`);
  return { code, verifier };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-oidc-'));
const port = await freePort();
const address = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  PORT: String(port),
  PUBLIC_URL: address,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  SEED_DEMO: '0',
};
delete env['DATABASE_URL'];
delete env['NODE_ENV'];
const server = await startServer(env, address);
const config = loadConfig(env);
const target = await resolveDatabase(config, createLogger('warn'), 'cli');
const database = openDatabase(target.connectionString, { max: 2 });
try {
  const services = createServices(database.db, config);
  const rp = await services.oidc.createClient(systemActor('bench'), {
    name: 'Benchmark',
    redirectUris: [REDIRECT_URI],
  });
  const citizen = await createCitizen(database.db);
  const browser = new Browser(address);
  const first = await browser.follow(
    `/oidc/auth?${new URLSearchParams({
      client_id: rp.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    }).toString()}`,
  );
  const consent = await signIn(browser, first.url, citizen.cnic, citizen.password);
  await browser.follow(`${new URL(consent.url).pathname}/confirm`, { form: { _csrf: browser.csrfToken() } });

  const wanted = Number(values.codes);
  const codes: { code: string; verifier: string }[] = [];
  const mintStarted = performance.now();
  let reserved = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (reserved < wanted) {
        reserved += 1;
        codes.push(await mintCode(browser, rp.clientId));
      }
    }),
  );
  const mintSeconds = (performance.now() - mintStarted) / 1000;

  const basic = `Basic ${Buffer.from(`${rp.clientId}:${rp.clientSecret}`).toString('base64')}`;
  const queue = [...codes];
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${address}/oidc/token`,
        connections: Number(values.connections),
        amount: codes.length,
        requests: [
          {
            method: 'POST',
            headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
            setupRequest: (request) => {
              const next = queue.pop();
              const body = new URLSearchParams({
                grant_type: 'authorization_code',
                code: next?.code ?? 'exhausted',
                redirect_uri: REDIRECT_URI,
                code_verifier: next?.verifier ?? 'exhausted',
              }).toString();
              return { ...request, body };
            },
          },
        ],
      },
      (error: Error | null, finished: autocannon.Result) => {
        if (error) reject(error);
        else resolve(finished);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  const seconds = result.duration;
  process.stdout.write(
    `${JSON.stringify(
      {
        codes: codes.length,
        connections: Number(values.connections),
        authorizationEndpoint: { codesPerSecond: Math.round(codes.length / mintSeconds), concurrency: 8 },
        tokenEndpoint: {
          requestsPerSecond: Math.round(result.requests.total / seconds),
          p50: at(50),
          p95: at(95),
          p99: at(99),
          non2xx: result.non2xx,
          errors: result.errors,
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await database.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await rm(dataDir, { recursive: true, force: true });
}
