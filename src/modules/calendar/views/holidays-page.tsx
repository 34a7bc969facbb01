// Administrators' page: one year's public holidays, each with a remove button, and a form to add one.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { HOLIDAY_KINDS, type Holiday } from '../repo.ts';

export const ADMIN_HOLIDAYS_PATH = '/admin/holidays';

export interface HolidayFormValues {
  readonly date: string;
  readonly nameEn: string;
  readonly nameUr: string;
  readonly kind: string;
}

export const EMPTY_HOLIDAY_FORM: HolidayFormValues = { date: '', nameEn: '', nameUr: '', kind: 'gazetted' };

/** Noon in Pakistan on the date, so the long date reads right whatever the server's time zone. */
const dayOf = (date: string) => new Date(`${date}T12:00:00+05:00`);

function HolidayTable(props: {
  t: Translator;
  year: number;
  holidays: readonly Holiday[];
  csrfToken: string;
}) {
  const { t, year, holidays, csrfToken } = props;
  if (holidays.length === 0) return <p>{t.t('calendar.admin.none', { year })}</p>;
  return (
    <div
      class="table-container"
      tabindex={0}
      role="region"
      aria-label={t.t('calendar.admin.listHeading', { year })}
    >
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t.t('calendar.admin.date')}</th>
            <th scope="col">{t.t('calendar.admin.nameEn')}</th>
            <th scope="col">{t.t('calendar.admin.nameUr')}</th>
            <th scope="col">{t.t('calendar.admin.kind')}</th>
            <th scope="col">
              <span class="visually-hidden">{t.t('calendar.admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {holidays.map((holiday) => (
            <tr key={holiday.date}>
              <td>
                <Bdi dir="auto">{t.formatDate(dayOf(holiday.date))}</Bdi>
              </td>
              <td lang="en" dir="ltr">
                {holiday.nameEn}
              </td>
              <td lang="ur" dir="rtl">
                {holiday.nameUr}
              </td>
              <td>{t.t(`calendar.kind.${holiday.kind}`)}</td>
              <td>
                <form method="post" action={`${ADMIN_HOLIDAYS_PATH}/${holiday.date}/remove`}>
                  <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
                  <button type="submit" class="button button--warning">
                    {t.t('calendar.admin.remove')}
                    <span class="visually-hidden">
                      {' '}
                      <Bdi>{holiday.date}</Bdi>
                    </span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KindSelect({ t, value, error }: { t: Translator; value: string; error: string | undefined }) {
  return (
    <div class={error === undefined ? 'field' : 'field field--error'}>
      <label class="label" for="kind">
        {t.t('calendar.admin.kind')}
      </label>
      {error !== undefined && (
        <p class="error-message" id="kind-error">
          <span class="visually-hidden">{t.t('errorMessage.prefix')} </span>
          {error}
        </p>
      )}
      <select
        class="select"
        id="kind"
        name="kind"
        aria-describedby={error === undefined ? undefined : 'kind-error'}
        aria-invalid={error === undefined ? undefined : 'true'}
      >
        {HOLIDAY_KINDS.map((kind) => (
          <option key={kind} value={kind} selected={kind === value}>
            {t.t(`calendar.kind.${kind}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface HolidaysPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly year: number;
  readonly holidays: readonly Holiday[];
  readonly values: HolidayFormValues;
  readonly errors: readonly FormError[];
}

export function HolidaysPage({
  t,
  currentPath,
  csrfToken,
  year,
  holidays,
  values,
  errors,
}: HolidaysPageProps) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const title = t.t('calendar.admin.title');
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">{t.t('calendar.admin.lead')}</p>
        <p class="notice">{t.t('calendar.admin.moonNotice')}</p>
        <nav aria-label={t.t('calendar.admin.yearsLabel')} class="button-group">
          <a href={`${ADMIN_HOLIDAYS_PATH}?year=${year - 1}`}>
            {t.t('calendar.admin.previousYear', { year: year - 1 })}
          </a>
          <a href={`${ADMIN_HOLIDAYS_PATH}?year=${year + 1}`}>
            {t.t('calendar.admin.nextYear', { year: year + 1 })}
          </a>
        </nav>
        <h2>{t.t('calendar.admin.listHeading', { year })}</h2>
        <HolidayTable t={t} year={year} holidays={holidays} csrfToken={csrfToken} />
        <h2>{t.t('calendar.admin.addHeading')}</h2>
        <form method="post" action={ADMIN_HOLIDAYS_PATH} novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="date"
            label={t.t('calendar.admin.date')}
            hint={t.t('calendar.admin.dateHint')}
            value={values.date}
            error={errorFor('date')}
            inputmode="numeric"
            dir="ltr"
            spellcheck={false}
            narrow
          />
          <TextField
            t={t}
            id="nameEn"
            label={t.t('calendar.admin.nameEn')}
            value={values.nameEn}
            error={errorFor('nameEn')}
            dir="ltr"
          />
          <TextField
            t={t}
            id="nameUr"
            label={t.t('calendar.admin.nameUr')}
            value={values.nameUr}
            error={errorFor('nameUr')}
            dir="rtl"
          />
          <KindSelect t={t} value={values.kind} error={errorFor('kind')} />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('calendar.admin.add')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
