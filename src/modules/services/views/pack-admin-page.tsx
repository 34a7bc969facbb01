import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export interface PackAdminPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly versions: readonly { code: string; version: number; content_hash: string; loaded_at: Date }[];
  readonly problems: readonly { file: string; path: string; message: string }[];
}

export function PackAdminPage({ t, currentPath, versions, problems }: PackAdminPageProps) {
  return (
    <Layout t={t} title={t.t('services.admin.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('services.admin.title')}</h1>
        <h2>{t.t('services.admin.problems')}</h2>
        {problems.length === 0 ? (
          <p>{t.t('services.admin.noProblems')}</p>
        ) : (
          <div class="table-container">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.t('services.admin.file')}</th>
                  <th scope="col">{t.t('services.admin.path')}</th>
                  <th scope="col">{t.t('services.admin.message')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem, index) => (
                  <tr key={index}>
                    <td>
                      <Bdi>{problem.file}</Bdi>
                    </td>
                    <td>
                      <code dir="ltr">{problem.path}</code>
                    </td>
                    <td>
                      <Bdi dir="auto">{problem.message}</Bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t.t('services.admin.versions')}</h2>
        <div class="table-container">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.t('services.admin.code')}</th>
                <th scope="col">{t.t('services.admin.version')}</th>
                <th scope="col">{t.t('services.admin.hash')}</th>
                <th scope="col">{t.t('services.admin.loadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={`${version.code}@${version.version}`}>
                  <td>
                    <a href={`/services/${version.code}`}>{version.code}</a>
                  </td>
                  <td>{version.version}</td>
                  <td>
                    <code dir="ltr">{version.content_hash.slice(0, 12)}</code>
                  </td>
                  <td>{t.formatDateTime(version.loaded_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}
