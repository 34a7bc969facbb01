// The home page lists only what works today; each module adds its entry when it opens.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';

interface HomePageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly districtCount: number;
  readonly divisionCount: number;
  readonly departmentCount: number;
  readonly serviceCount: number;
}

export function HomePage({
  t,
  currentPath,
  districtCount,
  divisionCount,
  departmentCount,
  serviceCount,
}: HomePageProps) {
  return (
    <Layout t={t} title={t.t('home.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('home.title')}</h1>
        <p class="lead">{t.t('home.lead')}</p>
        <section class="notice" aria-labelledby="status-heading">
          <h2 id="status-heading">{t.t('home.statusHeading')}</h2>
          <p>{t.t('home.statusBody')}</p>
        </section>
        <div class="grid">
          <section class="card" aria-labelledby="services-heading">
            <h2 id="services-heading">{t.t('services.homeHeading')}</h2>
            <p>{t.t('services.homeBody', { count: t.formatNumber(serviceCount) })}</p>
            <p>
              <a href="/services">{t.t('services.homeLink')}</a>
            </p>
          </section>
          <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">{t.t('home.accountHeading')}</h2>
            <p>{t.t('home.accountBody')}</p>
            <p>
              <a href="/sign-up">{t.t('signIn.createAccount')}</a>
            </p>
          </section>
          <section class="card" aria-labelledby="districts-heading">
            <h2 id="districts-heading">{t.t('home.districtsHeading')}</h2>
            <p>
              {t.t('home.districtsBody', {
                count: t.formatNumber(districtCount),
                divisions: t.formatNumber(divisionCount),
              })}
            </p>
            <p>
              <a href="/districts">{t.t('home.districtsList')}</a>
            </p>
          </section>
          <section class="card" aria-labelledby="departments-heading">
            <h2 id="departments-heading">{t.t('home.departmentsHeading')}</h2>
            <p>{t.t('home.departmentsBody', { count: t.formatNumber(departmentCount) })}</p>
            <p>
              <a href="/departments">{t.t('home.departmentsList')}</a>
            </p>
          </section>
        </div>
      </div>
    </Layout>
  );
}
