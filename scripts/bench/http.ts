// Measures GET / of the real server (embedded PostgreSQL, its own DATA_DIR) beside a bare Fastify hello
// world, each in its own process, with autocannon in this one: 10 s, 50 connections by default.
//   node --import tsx scripts/bench/http.ts [--seconds 10] [--connections 50] [--path /]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { processEnvironment } from '../../src/platform/config.ts';
import { measure, startServer } from './harness.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    path: { type: 'string', default: '/' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-'));
// Request logging and rate limits are off: every request here comes from one address.
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
};
delete env['DATABASE_URL'];
const sahulat = await startServer('src/server.ts', env);
const hello = await startServer('scripts/bench/hello-fastify.ts', env);
try {
  await measure({ url: `${sahulat.address}${values.path}`, connections, duration: 3 }); // warm-up, not reported
  const baseline = await measure({ url: `${hello.address}/`, connections, duration: seconds });
  const ours = await measure({ url: `${sahulat.address}${values.path}`, connections, duration: seconds });
  const ratio = Number((ours.requestsPerSecond / baseline.requestsPerSecond).toFixed(3));
  process.stdout.write(
    `${JSON.stringify({ connections, seconds, baseline, sahulat: ours, ratio }, null, 2)}\n`,
  );
} finally {
  sahulat.child.kill('SIGTERM');
  hello.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await rm(dataDir, { recursive: true, force: true });
}
