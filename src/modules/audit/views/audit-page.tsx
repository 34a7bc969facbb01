import type { Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

export interface AuditRow {
  readonly id: number;
  readonly occurred_at: Date;
  readonly actor_label: string;
  readonly action: string;
  readonly subject_type: string | null;
  readonly subject_id: string | null;
  readonly ip: string | null;
  readonly details: Record<string, unknown>;
}

export interface AuditPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly filters: Record<string, string>;
  readonly events: readonly AuditRow[];
  readonly nextPageHref: string | undefined;
}

export function AuditPage({ t, currentPath, filters, events, nextPageHref }: AuditPageProps) {
  return (
    <Layout t={t} title={t.t('audit.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('audit.title')}</h1>
        <p>{t.t('audit.intro')}</p>
        <form method="get" action="/admin/audit" class="stack">
          <div class="grid">
            <TextField
              t={t}
              id="action"
              label={t.t('audit.action')}
              hint={t.t('audit.actionHint')}
              value={filters['action'] ?? ''}
              dir="ltr"
            />
            <TextField t={t} id="actor" label={t.t('audit.actor')} value={filters['actor'] ?? ''} />
            <TextField
              t={t}
              id="subject"
              label={t.t('audit.subject')}
              value={filters['subject'] ?? ''}
              dir="ltr"
            />
            <TextField
              t={t}
              id="from"
              label={t.t('audit.from')}
              hint={t.t('audit.dateHint')}
              value={filters['from'] ?? ''}
              dir="ltr"
            />
            <TextField
              t={t}
              id="to"
              label={t.t('audit.to')}
              hint={t.t('audit.dateHint')}
              value={filters['to'] ?? ''}
              dir="ltr"
            />
          </div>
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('audit.filter')}
            </button>
          </div>
        </form>
        {events.length === 0 ? (
          <p>{t.t('audit.none')}</p>
        ) : (
          <div class="table-container">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.t('audit.when')}</th>
                  <th scope="col">{t.t('audit.actor')}</th>
                  <th scope="col">{t.t('audit.action')}</th>
                  <th scope="col">{t.t('audit.subject')}</th>
                  <th scope="col">{t.t('audit.address')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id}>
                    <td>{t.formatDateTime(event.occurred_at)}</td>
                    <td>
                      <Bdi dir="auto">{event.actor_label}</Bdi>
                    </td>
                    <td>
                      <code dir="ltr">{event.action}</code>
                    </td>
                    <td>
                      {event.subject_type !== null && (
                        <Bdi>
                          {event.subject_type} {event.subject_id}
                        </Bdi>
                      )}
                    </td>
                    <td>{event.ip !== null && <Bdi>{event.ip}</Bdi>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextPageHref !== undefined && (
          <p>
            <a href={nextPageHref}>{t.t('audit.older')}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
