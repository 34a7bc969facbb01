// Shared by the benchmark scripts: start a server process on a free port, and measure it with autocannon
// from this process. Benchmarks measure and report; they assert nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

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

/** Starts a server process (request logging off: LOG_LEVEL=warn) and waits until /readyz answers. */
export async function startServer(
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

export interface Figures {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

/** Runs autocannon; p95 is computed from every response time, statuses are counted per code. */
export async function measure(options: autocannon.Options): Promise<Figures> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, finished: autocannon.Result) => {
      if (error) reject(error);
      else resolve(finished);
    });
    instance.on('response', (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    });
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    ...percentiles(times),
    statuses,
    errors: result.errors,
  };
}

/** p50, p95 and p99 of the given times (milliseconds, any order), rounded to hundredths. */
export function percentiles(times: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}
