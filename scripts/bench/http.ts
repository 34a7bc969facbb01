// Measures GET / of the real server (embedded PostgreSQL, its own DATA_DIR) beside a bare Fastify hello
// world, each in its own process, with autocannon in this one: 10 s, 50 connections by default. Reports
// requests/s and latency percentiles (p95 computed from every response time). It measures; it asserts nothing.
//   node --import tsx scripts/bench/http.ts [--seconds 10] [--connections 50] [--path /]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { processEnvironment } from '../../src/platform/config.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    path: { type: 'string', default: '/' },
  },
});
const ROOT = path.join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Starts a server process with request logging off (LOG_LEVEL=warn) and waits until /readyz answers. */
async function start(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; address: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const address = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 600; tries += 1) {
    const ok = await fetch(`${address}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, address };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not become ready`);
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(url: string, seconds: number): Promise<Figures> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: Number(values.connections), duration: seconds },
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
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-'));
// Request logging and the per-address rate limit are off: every request here comes from one address.
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
};
delete env['DATABASE_URL'];
const sahulat = await start('src/server.ts', env);
const hello = await start('scripts/bench/hello-fastify.ts', env);
try {
  const seconds = Number(values.seconds);
  await measure(`${sahulat.address}${values.path}`, 3); // warm-up (JIT, caches, pool), not reported
  const baseline = await measure(`${hello.address}/`, seconds);
  const ours = await measure(`${sahulat.address}${values.path}`, seconds);
  const ratio = ours.requestsPerSecond / baseline.requestsPerSecond;
  process.stdout.write(
    `${JSON.stringify({ connections: Number(values.connections), seconds: Number(values.seconds), baseline, sahulat: ours, ratio: Number(ratio.toFixed(3)) }, null, 2)}\n`,
  );
} finally {
  sahulat.child.kill('SIGTERM');
  hello.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await rm(dataDir, { recursive: true, force: true });
}
