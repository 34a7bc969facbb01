// C concurrent lifecycles for a number of seconds: each of `connections` workers runs one lifecycle after
// another until the time is up (the lifecycles under way then finish and count). Every request, step and
// whole lifecycle is timed; every failure is kept. The 1-minute load average is sampled each second.
import os from 'node:os';
import { percentiles } from '../harness.ts';
import { LifecycleError, STEPS, type Step, lifecycle } from './lifecycle.ts';
import type { People } from './people.ts';

export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface LoadFigures {
  readonly connections: number;
  readonly seconds: number;
  /** From the start to the end of the last lifecycle. */
  readonly elapsedSeconds: number;
  readonly lifecycles: number;
  readonly lifecyclesPerSecond: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly lifecycle: Latency;
  readonly steps: Record<Step, Latency>;
  readonly requestsByKind: Record<string, Latency>;
  readonly errors: number;
  readonly errorSamples: string[];
  /** Turns left undone because every citizen had filed FILINGS_PER_DAY complaints already. */
  readonly outOfCitizens: boolean;
  readonly loadAverage: { readonly start: number; readonly end: number; readonly max: number };
}

export function latency(times: readonly number[]): Latency {
  return {
    count: times.length,
    ...percentiles(times),
    max: Math.round(Math.max(0, ...times) * 100) / 100,
  };
}

/** Runs the lifecycles; `firstTurn` continues the turns of an earlier run (the warm-up). */
export async function runLifecycles(
  people: People,
  options: { connections: number; seconds: number; firstTurn: number },
): Promise<{ figures: LoadFigures; nextTurn: number }> {
  const lifecycles: number[] = [];
  const steps = new Map<Step, number[]>(STEPS.map((step) => [step, []]));
  const requests = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let turn = options.firstTurn;
  let outOfCitizens = false;
  const record = {
    request(name: string, ms: number) {
      const list = requests.get(name) ?? [];
      list.push(ms);
      requests.set(name, list);
    },
    step(step: Step, ms: number) {
      steps.get(step)?.push(ms);
    },
  };
  const loadStart = os.loadavg()[0] ?? 0;
  let loadMax = loadStart;
  const sampler = setInterval(() => {
    loadMax = Math.max(loadMax, os.loadavg()[0] ?? 0);
  }, 1000);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      if (turn >= people.capacity) {
        outOfCitizens = true;
        return;
      }
      const mine = turn;
      turn += 1;
      const at = performance.now();
      try {
        await lifecycle(people.cast(mine), mine, record);
        lifecycles.push(performance.now() - at);
      } catch (error: unknown) {
        errors += 1;
        const text = error instanceof LifecycleError ? error.message : String(error);
        if (errorSamples.length < 20) errorSamples.push(text);
      }
    }
  }

  await Promise.all(Array.from({ length: options.connections }, () => worker()));
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const loadEnd = os.loadavg()[0] ?? 0;
  const requestCount = [...requests.values()].reduce((sum, list) => sum + list.length, 0);
  const figures: LoadFigures = {
    connections: options.connections,
    seconds: options.seconds,
    elapsedSeconds: round(elapsed),
    lifecycles: lifecycles.length,
    lifecyclesPerSecond: round(lifecycles.length / elapsed),
    requests: requestCount,
    requestsPerSecond: round(requestCount / elapsed),
    lifecycle: latency(lifecycles),
    steps: Object.fromEntries(STEPS.map((step) => [step, latency(steps.get(step) ?? [])])) as Record<
      Step,
      Latency
    >,
    requestsByKind: Object.fromEntries([
      ...[...requests].map(([name, list]): [string, Latency] => [name, latency(list)]),
      ['all requests', latency([...requests.values()].flat())],
    ]),
    errors,
    errorSamples,
    outOfCitizens,
    loadAverage: { start: round(loadStart), end: round(loadEnd), max: round(Math.max(loadMax, loadEnd)) },
  };
  return { figures, nextTurn: turn };
}

const round = (n: number) => Math.round(n * 100) / 100;
