// Prints the complaints benchmark's figures: tables for people, the query plans in short, and one JSON line
// of everything.
import type { Generated } from './generate.ts';
import type { Latency, LoadFigures } from './load.ts';
import type { AtScale, Plan } from './queries.ts';

/** The figure issue 7 sets to beat: eGov DIGIT's published PGR load test (8 vCPUs, 1M records). */
export const DIGIT_REFERENCE = { lifecyclesPerSecond: 6.3, p95Ms: 558, vcpus: 8, records: 1_000_000 };

export interface Report {
  readonly machine: Record<string, string | number>;
  readonly generated: Generated;
  readonly database: {
    readonly totalBytes: number;
    readonly tables: Record<string, number>;
    readonly complaints: number;
  };
  readonly people: { citizens: number; offices: number; districts: readonly string[] };
  readonly warmupSeconds: number;
  readonly load: LoadFigures;
  readonly atScale: AtScale;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const row = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells.map((cell, i) => String(cell).padEnd(widths[i] ?? 10)).join('  ');

/** The plan's nodes (scans, joins, sorts, limits), their conditions and the timings. */
function summary(plan: Plan): string[] {
  return plan.lines
    .filter((line, i) => i === 0 || line.includes('->') || / Cond:|Filter:|Time:|Rows Removed/.test(line))
    .map((line) => line.replace(/\s+$/, ''));
}

function latencyRows(out: string[], entries: [string, Latency][]) {
  const widths = [46, 7, 11, 11, 11, 11];
  out.push(row(['', 'count', 'p50', 'p95', 'p99', 'max'], widths));
  for (const [name, l] of entries)
    out.push(row([name, l.count, ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)], widths));
}

export function printReport(report: Report): void {
  const { generated: g, load, atScale } = report;
  const out: string[] = [''];
  out.push(
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')}`,
    '',
  );
  out.push(
    `Data: ${g.complaints} complaints, ${g.events} history events, ${g.attachments} attachments, ` +
      `${g.audit} audit rows, ${g.complainants} complainants, ${g.staff} staff; generated in ${g.seconds.total} s ` +
      `(people ${g.seconds.people} s, plan ${g.seconds.plan} s, complaints ${g.seconds.complaints} s, ` +
      `events ${g.seconds.events} s, attachments ${g.seconds.attachments} s, audit ${g.seconds.audit} s, ` +
      `VACUUM ANALYZE + CHECKPOINT ${g.seconds.vacuumAnalyze} s)`,
    `Database: ${mib(report.database.totalBytes)} in all, ${report.database.complaints} complaints; ` +
      Object.entries(report.database.tables)
        .map(([name, bytes]) => `${name} ${mib(bytes)}`)
        .join(', ') +
      ' (tables with their indexes)',
    '',
  );
  out.push(
    `Lifecycles through the HTTP server: ${load.connections} concurrent, ${load.seconds} s after a ` +
      `${report.warmupSeconds} s warm-up; ${report.people.offices} offices in ${report.people.districts.join(', ')}; ` +
      `${report.people.citizens} citizens`,
    `  ${load.lifecyclesPerSecond} lifecycles/s (${load.lifecycles} in ${load.elapsedSeconds} s), ` +
      `${load.requests} requests (${load.requestsPerSecond}/s), errors ${load.errors}` +
      (load.outOfCitizens
        ? ' — stopped early: every citizen filed the daily maximum (raise --citizens)'
        : ''),
    `  load average (1 min): ${load.loadAverage.start} at the start, ${load.loadAverage.max} at most, ` +
      `${load.loadAverage.end} at the end`,
    `  reference (issue 7): eGov DIGIT ${DIGIT_REFERENCE.lifecyclesPerSecond} lifecycles/s, p95 ` +
      `${DIGIT_REFERENCE.p95Ms} ms, ${DIGIT_REFERENCE.records} records, ${DIGIT_REFERENCE.vcpus} vCPUs`,
    '',
  );
  latencyRows(out, [
    ['whole lifecycle', load.lifecycle],
    ...Object.entries(load.steps).map(([step, l]): [string, Latency] => [`  ${step}`, l]),
  ]);
  out.push('');
  latencyRows(out, Object.entries(load.requestsByKind));
  if (load.errorSamples.length > 0) out.push('', 'Errors:', ...load.errorSamples.map((e) => `  ${e}`));
  out.push(
    '',
    `Read paths at ${report.database.complaints} complaints (busiest office: ${atScale.office.department} in ` +
      `${atScale.office.district}, ${atScale.office.open} open)`,
  );
  const widths = [54, 6, 6, 11, 11, 11];
  out.push(row(['query', 'runs', 'rows', 'p50', 'p95', 'p99'], widths));
  for (const q of atScale.queries)
    out.push(row([q.name, q.runs, q.rows, ms(q.p50), ms(q.p95), ms(q.p99)], widths));
  for (const plan of atScale.plans) {
    out.push(
      '',
      `EXPLAIN (ANALYZE, BUFFERS) ${plan.name}: ${ms(plan.executionMs)}; indexes: ` +
        `${plan.indexes.join(', ') || 'none'}; whole-table scans: ${plan.seqScans.join(', ') || 'none'}`,
      ...summary(plan).map((line) => `  ${line}`),
    );
  }
  const plans = atScale.plans.map((plan) => ({ ...plan, lines: summary(plan) }));
  out.push('', JSON.stringify({ ...report, atScale: { ...atScale, plans }, reference: DIGIT_REFERENCE }));
  process.stdout.write(`${out.join('\n')}\n`);
}
