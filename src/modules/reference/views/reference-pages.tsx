import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { DistrictRow, NamedRow } from '../repo.ts';
import { localName } from '../service.ts';

interface DistrictsPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly divisions: readonly NamedRow[];
  readonly districts: readonly DistrictRow[];
}

export function DistrictsPage({ t, currentPath, divisions, districts }: DistrictsPageProps) {
  const lang = t.locale.code;
  return (
    <Layout t={t} title={t.t('home.districtsList')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('home.districtsList')}</h1>
        <p class="lead">
          {t.t('home.districtsBody', {
            count: t.formatNumber(districts.length),
            divisions: t.formatNumber(divisions.length),
          })}
        </p>
        <div class="grid">
          {divisions.map((division) => (
            <section class="card" key={division.code} aria-labelledby={`division-${division.code}`}>
              <h2 id={`division-${division.code}`}>
                {t.t('reference.divisionHeading', { division: localName(division, lang) })}
              </h2>
              <ul>
                {districts
                  .filter((district) => district.divisionCode === division.code)
                  .map((district) => (
                    <li key={district.code}>{localName(district, lang)}</li>
                  ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </Layout>
  );
}

interface DepartmentsPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly departments: readonly NamedRow[];
}

export function DepartmentsPage({ t, currentPath, departments }: DepartmentsPageProps) {
  const lang = t.locale.code;
  return (
    <Layout t={t} title={t.t('home.departmentsList')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('home.departmentsList')}</h1>
        <p class="lead">{t.t('home.departmentsBody', { count: t.formatNumber(departments.length) })}</p>
        <ul>
          {departments.map((department) => (
            <li key={department.code} lang={lang}>
              {localName(department, lang)}
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
