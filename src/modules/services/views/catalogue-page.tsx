import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ServiceRow } from '../repo.ts';

export interface CataloguePageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly query: string;
  readonly services: readonly ServiceRow[];
  readonly departmentName: (code: string) => string;
}

export function CataloguePage({ t, currentPath, query, services, departmentName }: CataloguePageProps) {
  const urdu = t.locale.code === 'ur';
  return (
    <Layout t={t} title={t.t('services.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('services.title')}</h1>
        <p class="lead">{t.t('services.lead')}</p>
        <form method="get" action="/services" role="search" class="stack">
          <div class="field">
            <label class="label" for="q">
              {t.t('services.search')}
            </label>
            <div class="hint" id="q-hint">
              {t.t('services.searchHint')}
            </div>
            <input class="input" id="q" name="q" type="search" value={query} aria-describedby="q-hint" />
          </div>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('services.searchButton')}
            </button>
          </div>
        </form>
        {query !== '' && (
          <p role="status">{t.t('services.results', { count: t.formatNumber(services.length), query })}</p>
        )}
        {services.length === 0 ? (
          <p>{t.t('services.none')}</p>
        ) : (
          <ul class="grid service-list">
            {services.map((service) => (
              <li key={service.code} class="card">
                <h2 class="card__title">
                  <a href={`/services/${service.code}`}>{urdu ? service.nameUr : service.nameEn}</a>
                </h2>
                <p>{urdu ? service.summaryUr : service.summaryEn}</p>
                <p class="hint">{departmentName(service.departmentCode)}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
