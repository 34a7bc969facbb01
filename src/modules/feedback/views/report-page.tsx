// /feedback/reports?month=YYYY-MM: the month's survey figures per office, with a CSV of the same table.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { OfficeFigures } from '../repo.ts';

export interface ReportPageProps {
  readonly t: Translator;
  readonly month: string;
  readonly rows: readonly OfficeFigures[];
}

export const percent = (part: number, whole: number): string =>
  whole === 0 ? '–' : `${Math.round((part * 100) / whole)}%`;

export function ReportPage({ t, month, rows }: ReportPageProps) {
  const title = t.t('feedback.report.title', { month });
  const headings = [
    'office',
    'sent',
    'answered',
    'responseRate',
    'satisfaction',
    'bribery',
    'actionsTaken',
  ] as const;
  return (
    <Layout t={t} title={title} currentPath="/feedback/reports">
      <div class="stack">
        <h1>{title}</h1>
        <form method="get" action="/feedback/reports" class="button-group">
          <label class="label" for="month">
            {t.t('feedback.report.month')}
          </label>
          <input class="input" type="month" id="month" name="month" value={month} />
          <button type="submit" class="button button--secondary">
            {t.t('feedback.report.show')}
          </button>
        </form>
        <p>
          <a href={`/feedback/reports.csv?month=${month}`}>{t.t('feedback.report.csv')}</a>
        </p>
        {rows.length === 0 ? (
          <p>{t.t('feedback.report.none')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                {headings.map((h) => (
                  <th scope="col" key={h}>
                    {t.t(`feedback.report.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.department_code}-${r.district_code}`}>
                  <th scope="row">
                    {r.department_code} / {r.district_code}
                  </th>
                  <td>{r.sent}</td>
                  <td>{r.answered}</td>
                  <td>{percent(r.answered, r.sent)}</td>
                  <td>{percent(r.satisfied, r.answered)}</td>
                  <td>{r.bribery}</td>
                  <td>{r.actions_taken}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

/** The same table as CSV, with the raw counts as well as the rates. */
export function reportCsv(rows: readonly OfficeFigures[]): string {
  const header =
    'department,district,sent,answered,response_rate,satisfied,somewhat,not_satisfied,bribery_reports,actions_taken';
  const lines = rows.map((r) =>
    [
      r.department_code,
      r.district_code,
      r.sent,
      r.answered,
      percent(r.answered, r.sent).replace('–', ''),
      r.satisfied,
      r.somewhat,
      r.unsatisfied,
      r.bribery,
      r.actions_taken,
    ].join(','),
  );
  return [header, ...lines].join('\r\n') + '\r\n';
}
