// /f/<token>: three questions and a comment, answered without signing in; or a plain message when the link
// was already used, has expired, or is not one of ours.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { Radios, TextArea, errorFor } from '../../complaints/views/controls.tsx';
import { MAX_COMMENT, type SurveyForm, type SurveyState } from '../service.ts';

export interface SurveyPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly state: SurveyState | 'thanks';
  readonly form?: SurveyForm;
  readonly errors?: readonly FormError[];
}

function Message({
  t,
  state,
  currentPath,
}: {
  t: Translator;
  state: Exclude<SurveyState, 'open'> | 'thanks';
  currentPath: string;
}) {
  const title = t.t(`feedback.survey.${state}.title`);
  // The language switch reopens the same link: after answering it says "already answered" in that language.
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t(`feedback.survey.${state}.body`)}</p>
      </div>
    </Layout>
  );
}

export function SurveyPage(props: SurveyPageProps) {
  const { t, state, csrfToken, currentPath } = props;
  if (state !== 'open') return <Message t={t} state={state} currentPath={currentPath} />;
  const form = props.form ?? {};
  const errors = props.errors ?? [];
  const title = t.t('feedback.survey.title');
  const yesNo = [
    { value: 'yes', label: t.t('feedback.answer.yes') },
    { value: 'no', label: t.t('feedback.answer.no') },
  ];
  return (
    <Layout t={t} title={title} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <h1>{title}</h1>
        <p class="lead">{t.t('feedback.survey.lead')}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={currentPath} class="stack" novalidate>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <Radios
            t={t}
            id="satisfied"
            label={t.t('feedback.survey.satisfied')}
            value={form.satisfied ?? ''}
            error={errorFor(errors, 'satisfied')}
            options={[
              { value: 'yes', label: t.t('feedback.answer.yes') },
              { value: 'somewhat', label: t.t('feedback.answer.somewhat') },
              { value: 'no', label: t.t('feedback.answer.no') },
            ]}
          />
          <Radios
            t={t}
            id="delayed"
            label={t.t('feedback.survey.delayed')}
            value={form.delayed ?? ''}
            error={errorFor(errors, 'delayed')}
            options={yesNo}
          />
          <Radios
            t={t}
            id="bribeAsked"
            label={t.t('feedback.survey.bribeAsked')}
            hint={t.t('feedback.survey.bribeAskedHint')}
            value={form.bribeAsked ?? ''}
            error={errorFor(errors, 'bribeAsked')}
            options={yesNo}
          />
          <TextArea
            t={t}
            id="comment"
            label={t.t('feedback.survey.comment')}
            hint={t.t('feedback.survey.commentHint', { max: MAX_COMMENT })}
            value={form.comment ?? ''}
            error={errorFor(errors, 'comment')}
            maxLength={MAX_COMMENT}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('feedback.survey.submit')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
