// /integrity/cases: the bribery reports from feedback surveys, for the department's integrity officer only.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { CaseListing } from '../repo.ts';

export interface CasesPageProps {
  readonly t: Translator;
  readonly csrfToken: string;
  readonly cases: readonly CaseListing[];
}

function CloseForm({ t, csrfToken, id }: { t: Translator; csrfToken: string; id: string }) {
  return (
    <form method="post" action={`/integrity/cases/${id}`} class="stack">
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      <div class="field">
        <label class="label" for={`note-${id}`}>
          {t.t('integrity.note')}
        </label>
        <textarea class="textarea" id={`note-${id}`} name="note" rows={2} maxLength={2000} dir="auto" />
      </div>
      <div class="button-group">
        <button type="submit" class="button" name="outcome" value="action_taken">
          {t.t('integrity.actionTaken')}
        </button>
        <button type="submit" class="button button--secondary" name="outcome" value="no_action">
          {t.t('integrity.noAction')}
        </button>
      </div>
    </form>
  );
}

export function CasesPage({ t, csrfToken, cases }: CasesPageProps) {
  const title = t.t('integrity.title');
  return (
    <Layout t={t} title={title} currentPath="/integrity/cases">
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('integrity.lead')}</p>
        {cases.length === 0 && <p>{t.t('integrity.none')}</p>}
        {cases.map((c) => (
          <section class="stack" key={c.id} aria-labelledby={`case-${c.id}`}>
            <h2 id={`case-${c.id}`}>
              <Bdi>{c.subject_number}</Bdi> · {c.department_code} / {c.district_code}
            </h2>
            <p>
              {t.t(`integrity.state.${c.state}`)} · {c.opened_at.toISOString().slice(0, 10)}
            </p>
            {c.comment !== null && (
              <blockquote>
                <Bdi dir="auto">{c.comment}</Bdi>
              </blockquote>
            )}
            {c.outcome_note !== null && c.outcome_note !== '' && <p>{c.outcome_note}</p>}
            {c.state === 'open' && <CloseForm t={t} csrfToken={csrfToken} id={c.id} />}
          </section>
        ))}
      </div>
    </Layout>
  );
}
