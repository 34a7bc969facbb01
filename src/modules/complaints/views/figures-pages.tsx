// The dashboards: per department and district, complaints received, open, overdue, resolved within
// deadline, average rating and reopen rate; and the public page with the same figures and recent public
// complaints, without anyone's name or contact details.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { type CategoryTree, inLanguage } from '../categories.ts';
import type { Figures } from '../repo-lists.ts';
import type { PublicComplaint } from '../service.ts';
import { StateTag } from './tags.tsx';

export const PERIODS = ['30', '90', '365', 'all'] as const;
export type Period = (typeof PERIODS)[number];

interface Names {
  readonly department: (code: string) => string;
  readonly district: (code: string) => string;
}

function percent(t: Translator, part: number, whole: number): string {
  return whole === 0
    ? '–'
    : new Intl.NumberFormat(t.locale.intlLocale, { style: 'percent', maximumFractionDigits: 0 }).format(
        part / whole,
      );
}

function total(rows: readonly Figures[]): Figures {
  const sum = (pick: (row: Figures) => number) => rows.reduce((acc, row) => acc + pick(row), 0);
  const rated = rows.filter((row) => row.averageRating !== null);
  return {
    departmentCode: null,
    districtCode: null,
    received: sum((r) => r.received),
    open: sum((r) => r.open),
    overdue: sum((r) => r.overdue),
    resolved: sum((r) => r.resolved),
    resolvedInTime: sum((r) => r.resolvedInTime),
    // An unweighted mean of means would mislead; weigh each group's average by its resolved complaints.
    averageRating:
      rated.length === 0
        ? null
        : Math.round(
            (rated.reduce((acc, r) => acc + (r.averageRating ?? 0) * Math.max(r.resolved, 1), 0) /
              rated.reduce((acc, r) => acc + Math.max(r.resolved, 1), 0)) *
              100,
          ) / 100,
    reopened: sum((r) => r.reopened),
  };
}

export function FiguresTable({
  t,
  rows,
  names,
  caption,
}: {
  t: Translator;
  rows: readonly Figures[];
  names: Names;
  caption: string;
}) {
  if (rows.length === 0) return <p>{t.t('complaints.figures.empty')}</p>;
  const byDepartment = rows.some((row) => row.departmentCode !== null);
  const byDistrict = rows.some((row) => row.districtCode !== null);
  const number = (value: number) => new Intl.NumberFormat(t.locale.intlLocale).format(value);
  const cells = (row: Figures) => (
    <>
      <td>{number(row.received)}</td>
      <td>{number(row.open)}</td>
      <td>{number(row.overdue)}</td>
      <td>{number(row.resolved)}</td>
      <td>{percent(t, row.resolvedInTime, row.resolved)}</td>
      <td>
        {row.averageRating === null
          ? '–'
          : new Intl.NumberFormat(t.locale.intlLocale, { maximumFractionDigits: 2 }).format(
              row.averageRating,
            )}
      </td>
      <td>{percent(t, row.reopened, row.resolved + row.reopened)}</td>
    </>
  );
  const sums = total(rows);
  // Wide on a phone: the container scrolls, so keyboard users must be able to focus it (and hear its name).
  return (
    <div class="table-container" tabindex={0} role="region" aria-label={caption}>
      <table class="table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {byDepartment && <th scope="col">{t.t('complaints.figures.department')}</th>}
            {byDistrict && <th scope="col">{t.t('complaints.figures.district')}</th>}
            <th scope="col">{t.t('complaints.figures.received')}</th>
            <th scope="col">{t.t('complaints.figures.open')}</th>
            <th scope="col">{t.t('complaints.figures.overdue')}</th>
            <th scope="col">{t.t('complaints.figures.resolved')}</th>
            <th scope="col">{t.t('complaints.figures.resolvedInTime')}</th>
            <th scope="col">{t.t('complaints.figures.averageRating')}</th>
            <th scope="col">{t.t('complaints.figures.reopenRate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.departmentCode ?? ''}-${row.districtCode ?? ''}`}>
              {byDepartment && <th scope="row">{names.department(row.departmentCode ?? '')}</th>}
              {byDistrict &&
                (byDepartment ? (
                  <td>{names.district(row.districtCode ?? '')}</td>
                ) : (
                  <th scope="row">{names.district(row.districtCode ?? '')}</th>
                ))}
              {cells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={(byDepartment ? 1 : 0) + (byDistrict ? 1 : 0)}>
              {t.t('complaints.figures.total')}
            </th>
            {cells(sums)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function DashboardPage(props: {
  t: Translator;
  currentPath: string;
  rows: readonly Figures[];
  names: Names;
  period: Period;
}) {
  const { t, period } = props;
  const title = t.t('complaints.dashboard.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('complaints.dashboard.lead')}</p>
        <form method="get" action="/complaints/dashboard" class="stack">
          <div class="field">
            <label class="label" for="period">
              {t.t('complaints.dashboard.period')}
            </label>
            <select class="select" id="period" name="period">
              {PERIODS.map((value) => (
                <option key={value} value={value} selected={value === period}>
                  {t.t(`complaints.dashboard.period.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('complaints.dashboard.show')}
            </button>
          </div>
        </form>
        <FiguresTable t={t} rows={props.rows} names={props.names} caption={title} />
      </div>
    </Layout>
  );
}

export function PublicPage(props: {
  t: Translator;
  currentPath: string;
  tree: CategoryTree;
  byDepartment: readonly Figures[];
  byDistrict: readonly Figures[];
  recent: readonly PublicComplaint[];
  names: Names;
}) {
  const { t, tree, names } = props;
  const title = t.t('complaints.public.title');
  const locale = t.locale.code;
  return (
    <Layout t={t} title={title} currentPath={props.currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('complaints.public.lead')}</p>
        <p>
          <a class="button" href="/complaints/new">
            {t.t('complaints.public.file')}
          </a>
        </p>
        <h2>{t.t('complaints.public.byDepartment')}</h2>
        <FiguresTable
          t={t}
          rows={props.byDepartment}
          names={names}
          caption={t.t('complaints.public.byDepartment')}
        />
        <h2>{t.t('complaints.public.byDistrict')}</h2>
        <FiguresTable
          t={t}
          rows={props.byDistrict}
          names={names}
          caption={t.t('complaints.public.byDistrict')}
        />
        <h2>{t.t('complaints.public.recent')}</h2>
        {props.recent.length === 0 ? (
          <p>{t.t('complaints.public.empty')}</p>
        ) : (
          <ul class="list stack">
            {props.recent.map((complaint) => {
              const subType = tree.subTypes.get(complaint.subTypeCode)?.subType;
              return (
                <li key={complaint.number} class="card stack--s">
                  <h3 class="heading-s">
                    <Bdi>{complaint.number}</Bdi>:{' '}
                    {subType === undefined ? complaint.subTypeCode : inLanguage(subType.name, locale)}
                  </h3>
                  <p>
                    <StateTag t={t} state={complaint.state} /> {names.district(complaint.districtCode)},{' '}
                    <Bdi dir="auto">{t.formatDate(complaint.filedAt)}</Bdi>
                  </p>
                  <p class="pre-line" dir="auto">
                    {complaint.description}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        <p class="body-s">{t.t('complaints.public.open311')}</p>
      </div>
    </Layout>
  );
}
