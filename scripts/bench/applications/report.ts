// Prints the benchmark's figures: a table for people, the plans, and one JSON line of everything.
import type { Generated } from './generate.ts';
import type { AtScale } from './at-scale.ts';
import type { QueryFigures } from './queries.ts';
import type { SubmissionFigures } from './submissions.ts';

export interface Report {
  readonly machine: Record<string, string | number>;
  readonly submissions: SubmissionFigures;
  readonly generated: Generated;
  readonly totals: { applications: number; events: number; citizens: number };
  readonly queries: readonly QueryFigures[];
  readonly scope: AtScale['scope'];
  readonly plans: Record<string, string[]>;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const row = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells.map((cell, i) => String(cell).padEnd(widths[i] ?? 10)).join('  ');

/** The plan's nodes (the lines that name a scan, join, sort or limit) and its timings. */
function summary(plan: readonly string[]): string[] {
  return plan
    .filter((line, i) => i === 0 || line.includes('->') || / Cond:|Filter:|Time:|Rows Removed/.test(line))
    .map((line) => line.replace(/\s+$/, ''));
}

export function printReport(report: Report): void {
  const { submissions: s, generated: g } = report;
  const out: string[] = [];
  out.push(
    '',
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')}`,
    '',
  );
  out.push(`Submissions (${s.service}, ${s.connections} connections, ${s.seconds} s; via ${s.via})`);
  const widths = [34, 14, 10, 10, 10, 22];
  out.push(row(['', 'submissions/s', 'p50', 'p95', 'p99', 'other'], widths));
  out.push(
    row(
      [
        s.via === 'api' ? 'HTTP POST /api/v1/applications' : 'HTTP POST …/draft/:id/submit',
        s.http.requestsPerSecond,
        ms(s.http.p50),
        ms(s.http.p95),
        ms(s.http.p99),
        `non-${s.http.expectedStatus}: ${s.http.unexpected}, errors: ${s.http.errors}`,
      ],
      widths,
    ),
  );
  out.push(
    row(
      ['bare SQL loop (pg)', s.sql.submissionsPerSecond, ms(s.sql.p50), ms(s.sql.p95), ms(s.sql.p99), ''],
      widths,
    ),
  );
  out.push(
    `ratio HTTP ÷ bare SQL: ${s.ratio}   (statuses ${JSON.stringify(s.http.statuses)}, applications numbered meanwhile ${s.http.rowsWritten}, in-flight ones included)`,
  );
  out.push('');
  out.push(
    `Data: ${g.applications} applications, ${g.events} history events, ${g.citizens} citizens generated in ` +
      `${g.seconds.total} s (citizens ${g.seconds.citizens} s, applications ${g.seconds.applications} s, ` +
      `events ${g.seconds.events} s, ANALYZE ${g.seconds.analyze} s); in the database: ` +
      `${report.totals.applications} applications, ${report.totals.events} events, ${report.totals.citizens} citizens`,
  );
  const { district, province } = report.scope;
  out.push(
    `Inbox scopes: ${district.role} of ${district.department} in ${district.district} (${district.open} open); ` +
      `${province.role} of ${province.department}, every district (${province.open} open)`,
  );
  out.push('');
  const queryWidths = [44, 6, 6, 10, 10, 10];
  out.push(row(['Query', 'runs', 'rows', 'p50', 'p95', 'p99'], queryWidths));
  for (const q of report.queries)
    out.push(row([q.name, q.runs, q.rows, ms(q.p50), ms(q.p95), ms(q.p99)], queryWidths));
  for (const [name, plan] of Object.entries(report.plans)) {
    out.push('', `EXPLAIN (ANALYZE, BUFFERS) ${name}:`, ...summary(plan).map((line) => `  ${line}`));
  }
  const plans = Object.fromEntries(Object.entries(report.plans).map(([name, plan]) => [name, summary(plan)]));
  out.push('', JSON.stringify({ ...report, plans }));
  process.stdout.write(`${out.join('\n')}\n`);
}
