// Gateway callbacks against the real server (its own process, on a throw-away database): each a signed
// "success" for a different open payment, the heaviest path (bill lock, receipt number, bill paid, hook,
// audit) — then the same messages again, every one a replay. Reports callbacks per second and p50/p95/p99.
// It measures and reports; it asserts nothing.
//   node --import tsx scripts/bench/payments-callbacks.ts [--payments 2000] [--connections 20]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../src/platform/actor.ts';
import { loadConfig, processEnvironment } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { signatureHeader } from '../../src/modules/payments/gateways/signature.ts';
import { createServices } from '../../src/services.ts';
import { createCitizen } from '../../src/test-support/factories.ts';
import { throwAwayDatabase } from './applications/database.ts';
import { percentiles, startServer } from './harness.ts';

const { values } = parseArgs({
  options: { payments: { type: 'string', default: '2000' }, connections: { type: 'string', default: '20' } },
});
const total = Number(values.payments);
const connections = Number(values.connections);
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sahulat-bench-payments-'));
const env: NodeJS.ProcessEnv = {
  ...processEnvironment(),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
};
delete env['NODE_ENV'];
const config = loadConfig(env);
const bench = await throwAwayDatabase(config, createLogger('warn'));

/** Sends every body with `connections` in flight; returns the response times and status counts. */
async function run(address: string, bodies: readonly string[]) {
  const secret = createServices(bench.database.db, config).payments.gateway('sandbox').secret;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < bodies.length) {
        const body = bodies[next] ?? '';
        next += 1;
        const sent = performance.now();
        const response = await fetch(`${address}/payments/callback/sandbox`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-sahulat-signature': signatureHeader(secret, body),
          },
          body,
        });
        await response.arrayBuffer();
        times.push(performance.now() - sent);
        statuses[String(response.status)] = (statuses[String(response.status)] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    callbacks: bodies.length,
    perSecond: Math.round(bodies.length / seconds),
    ...percentiles(times),
    statuses,
  };
}

try {
  const services = createServices(bench.database.db, config);
  const citizen = await createCitizen(bench.database.db);
  const payer = {
    kind: 'user' as const,
    userId: citizen.id,
    label: 'bench',
    accountKind: 'citizen' as const,
    grants: [],
  };
  log(`opening ${total} payments…`);
  const bodies: string[] = [];
  for (let i = 0; i < total; i += 1) {
    const bill = await services.payments.bills.issueBill(systemActor('bench'), {
      purpose: 'bench',
      subjectId: `bench-${i}`,
      subjectLabel: `BENCH-${i}`,
      description: { en: 'Benchmark fee', ur: 'بینچ مارک فیس' },
      payerId: citizen.id,
      departmentCode: 'revenue',
      districtCode: 'QTA',
      heads: [{ headCode: 'C02741', description: 'Fee', departmentCode: 'revenue', amountPaisa: 150_000 }],
    });
    const { paymentId, redirectUrl } = await services.payments.startOnlinePayment(
      payer,
      bill.psid,
      'sandbox',
    );
    bodies.push(
      JSON.stringify({
        eventId: `bench-${i}`,
        paymentId,
        gatewayReference: redirectUrl.split('/').at(-1),
        status: 'success',
        amountPaisa: 150_000,
      }),
    );
  }
  const server = await startServer('src/server.ts', {
    ...env,
    DATABASE_URL: bench.connectionString,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  try {
    const successes = await run(server.address, bodies);
    const replays = await run(server.address, bodies);
    process.stdout.write(
      `${JSON.stringify({ connections, cores: os.availableParallelism(), successes, replays }, null, 2)}\n`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
} finally {
  await bench.dispose();
  await rm(dataDir, { recursive: true, force: true });
}
