// A citizen's filing suspension with the appeal form, and the senior grievance officers' list of appeals.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { MAX_APPEAL } from '../abuse.ts';
import type { SuspensionRow } from '../repo-abuse.ts';
import { Radios, TextArea, errorFor } from './controls.tsx';

export function SuspensionPage(props: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  suspension: SuspensionRow | undefined;
  appeal: string;
  errors: readonly FormError[];
}) {
  const { t, suspension, errors } = props;
  const title = t.t('complaints.suspension.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {suspension === undefined ? (
          <p>{t.t('complaints.suspension.none')}</p>
        ) : (
          <>
            <p>
              {t.t('complaints.suspension.explain', {
                count: suspension.complaint_numbers.length,
                date: t.formatDate(suspension.ends_at),
              })}
            </p>
            <h2>{t.t('complaints.suspension.complaints')}</h2>
            <ul class="list">
              {suspension.complaint_numbers.map((number) => (
                <li key={number}>
                  <a href={`/complaints/${number}`}>
                    <Bdi>{number}</Bdi>
                  </a>
                </li>
              ))}
            </ul>
            {suspension.decision === 'upheld' && (
              <p class="notice">
                {t.t('complaints.suspension.upheld', { remarks: suspension.decision_remarks ?? '' })}
              </p>
            )}
            {suspension.appealed_at !== null && suspension.decision === null && (
              <p class="notice">
                {t.t('complaints.suspension.appealed', { date: t.formatDate(suspension.appealed_at) })}
              </p>
            )}
            {suspension.appealed_at === null && (
              <form method="post" action="/complaints/suspension" novalidate class="stack">
                <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
                <TextArea
                  t={t}
                  id="appeal"
                  label={t.t('complaints.suspension.appeal')}
                  hint={t.t('complaints.suspension.appealHint', { max: MAX_APPEAL })}
                  value={props.appeal}
                  error={errorFor(errors, 'appeal')}
                  rows={5}
                  maxLength={MAX_APPEAL}
                />
                <div class="button-group">
                  <button type="submit" class="button">
                    {t.t('complaints.suspension.submit')}
                  </button>
                </div>
              </form>
            )}
          </>
        )}
      </div>
    </Layout>
  );
}

export function AppealsPage(props: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  appeals: readonly SuspensionRow[];
  errors: readonly FormError[];
  /** What was typed into one appeal's form, given back with its errors. */
  typed?: { readonly id: string; readonly decision: string; readonly remarks: string };
}) {
  const { t, appeals, errors, typed } = props;
  const typedFor = (id: string) => (typed?.id === id ? typed : undefined);
  const title = t.t('complaints.appeals.title');
  return (
    <Layout t={t} title={title} currentPath={props.currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        {appeals.length === 0 && <p>{t.t('complaints.appeals.empty')}</p>}
        {appeals.map((appeal) => (
          <form
            key={appeal.id}
            method="post"
            action={`/complaints/appeals/${appeal.id}`}
            novalidate
            class="card stack"
            aria-labelledby={`appeal-${appeal.id}`}
          >
            <h2 class="heading-m" id={`appeal-${appeal.id}`}>
              {t.t('complaints.appeals.until', { date: t.formatDate(appeal.ends_at) })}
            </h2>
            <p>
              {appeal.complaint_numbers.map((number, index) => (
                <span key={number}>
                  {index > 0 && ', '}
                  <a href={`/complaints/${number}`}>
                    <Bdi>{number}</Bdi>
                  </a>
                </span>
              ))}
            </p>
            <blockquote class="pre-line" dir="auto">
              {appeal.appeal_text}
            </blockquote>
            <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
            <Radios
              t={t}
              id={`decision-${appeal.id}`}
              label={t.t('complaints.appeals.decision')}
              value={typedFor(appeal.id)?.decision ?? ''}
              error={errorFor(errors, `decision-${appeal.id}`)}
              options={[
                { value: 'lifted', label: t.t('complaints.appeals.lift') },
                { value: 'upheld', label: t.t('complaints.appeals.uphold') },
              ]}
            />
            <TextArea
              t={t}
              id={`remarks-${appeal.id}`}
              label={t.t('complaints.appeals.remarks')}
              value={typedFor(appeal.id)?.remarks ?? ''}
              error={errorFor(errors, `remarks-${appeal.id}`)}
              rows={2}
            />
            <div class="button-group">
              <button type="submit" class="button">
                {t.t('complaints.appeals.decide')}
              </button>
            </div>
          </form>
        ))}
      </div>
    </Layout>
  );
}
