// Applying: one step of the pack's form at a time, then a review page with the submit button.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { ServicePack } from '../../services/pack/validate.ts';
import type { Answers, RawAnswers } from '../form/answers.ts';
import { type DistrictChoice, StepFields } from '../form/step-fields.tsx';

const pick = (t: Translator, text: { en: string; ur: string }) =>
  t.locale.code === 'ur' ? text.ur : text.en;

export interface StepPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly pack: ServicePack;
  readonly applicationId: string;
  readonly stepIndex: number;
  readonly version: number;
  readonly answers: Answers;
  readonly raw?: RawAnswers;
  readonly errors: readonly FormError[];
  readonly districts: readonly DistrictChoice[];
}

export function StepPage(props: StepPageProps) {
  const { t, currentPath, csrfToken, pack, applicationId, stepIndex, version, errors } = props;
  const step = pack.form.steps[stepIndex];
  if (step === undefined) throw new Error('No such step');
  const hasFiles = step.fields.some((field) => field.type === 'file');
  const title = `${pick(t, step.title)} – ${pick(t, pack.name)}`;
  return (
    <Layout t={t} title={title} hasErrors={errors.length > 0} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <p class="hint">
          {pick(t, pack.name)} · {t.t('apply.stepOf', { step: stepIndex + 1, steps: pack.form.steps.length })}
        </p>
        <h1>{pick(t, step.title)}</h1>
        <form
          method="post"
          action={`/applications/draft/${applicationId}/${step.id}`}
          novalidate
          class="stack"
          {...(hasFiles ? { enctype: 'multipart/form-data' } : {})}
        >
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="version" value={String(version)} />
          <StepFields
            t={t}
            pack={pack}
            step={step}
            answers={props.answers}
            raw={props.raw}
            errors={errors}
            districts={props.districts}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('apply.saveAndContinue')}
            </button>
          </div>
        </form>
        <p>{t.t('apply.savedAsDraft')}</p>
      </div>
    </Layout>
  );
}

export function ReviewPage({
  t,
  currentPath,
  csrfToken,
  pack,
  applicationId,
  version,
  errors,
  fee,
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  pack: ServicePack;
  applicationId: string;
  version: number;
  errors: readonly FormError[];
  fee: number | undefined;
}) {
  return (
    <Layout t={t} title={t.t('apply.reviewTitle')} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('apply.reviewTitle')}</h1>
        <p class="lead">{pick(t, pack.name)}</p>
        <ul class="list">
          {pack.form.steps.map((step) => (
            <li key={step.id}>
              <a href={`/applications/draft/${applicationId}/${step.id}`}>
                {t.t('apply.change')}: {pick(t, step.title)}
              </a>
            </li>
          ))}
        </ul>
        {fee !== undefined && <p>{t.t('apply.feeDue', { fee: t.formatMoney(fee) })}</p>}
        <p>{t.t('apply.declaration')}</p>
        <form method="post" action={`/applications/draft/${applicationId}/submit`}>
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="version" value={String(version)} />
          <button type="submit" class="button">
            {t.t('apply.submit')}
          </button>
        </form>
      </div>
    </Layout>
  );
}
