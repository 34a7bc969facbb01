// "How do I…": one service explained before signing in: who can apply, steps, documents, fee, time, offices.
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { BilingualText as Text, ServicePack } from '../pack/validate.ts';

export interface ServicePageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly pack: ServicePack;
  readonly departmentName: string;
  readonly districtName: (code: string) => string;
  /** Present for a signed-in citizen: the district choice and the CSRF token of the "apply" form. */
  readonly applyForm?: {
    readonly csrfToken: string;
    readonly districts: readonly { code: string; name: string }[];
  };
}

export function ServicePage({
  t,
  currentPath,
  pack,
  departmentName,
  districtName,
  applyForm,
}: ServicePageProps) {
  const text = (value: Text) => (t.locale.code === 'ur' ? value.ur : value.en);
  const name = text(pack.name);
  return (
    <Layout t={t} title={name} currentPath={currentPath} description={text(pack.summary)}>
      <div class="stack">
        <p>
          <a href="/services">{t.t('services.all')}</a>
        </p>
        <h1>{name}</h1>
        <p class="lead">{text(pack.summary)}</p>
        <p>{text(pack.description)}</p>
        <dl class="summary-list">
          <dt>{t.t('services.department')}</dt>
          <dd>{departmentName}</dd>
          <dt>{t.t('services.fee')}</dt>
          <dd>
            <Fee t={t} pack={pack} text={text} />
          </dd>
          <dt>{t.t('services.time')}</dt>
          <dd>{t.t('services.timeDays', { days: t.formatNumber(pack.slaDays) })}</dd>
        </dl>

        <h2>{t.t('services.eligibility')}</h2>
        <ul class="list list--bullet">
          {pack.eligibility.map((line, index) => (
            <li key={index}>{text(line)}</li>
          ))}
        </ul>

        <h2>{t.t('services.documents')}</h2>
        <ul class="list list--bullet">
          {pack.documents.map((document) => (
            <li key={document.code}>
              {text(document.name)}{' '}
              {!document.required && <span class="hint">{t.t('services.optional')}</span>}
            </li>
          ))}
        </ul>

        <h2>{t.t('services.howToApply')}</h2>
        <ol class="list list--number">
          {pack.howToApply.map((step, index) => (
            <li key={index}>{text(step)}</li>
          ))}
        </ol>

        <h2>{t.t('services.offices')}</h2>
        <ul class="list">
          {pack.offices.map((office, index) => (
            <li key={index}>
              <strong>{text(office.name)}</strong> (
              {office.district === '*' ? t.t('services.officeEveryDistrict') : districtName(office.district)})
              <br />
              {text(office.address)}
            </li>
          ))}
        </ul>
        <section class="stack" aria-labelledby="apply-heading">
          <h2 id="apply-heading">{t.t('apply.start')}</h2>
          {applyForm === undefined ? (
            <p>
              <a href={`/sign-in?next=${encodeURIComponent(currentPath)}`}>{t.t('apply.startIntro')}</a>
            </p>
          ) : (
            <form method="post" action="/applications/start" class="stack">
              <input type="hidden" name={CSRF_FIELD} value={applyForm.csrfToken} />
              <input type="hidden" name="serviceCode" value={pack.code} />
              <div class="field">
                <label class="label" for="district">
                  {t.t('apply.district')}
                </label>
                <select class="select" id="district" name="district">
                  {applyForm.districts.map((district) => (
                    <option key={district.code} value={district.code}>
                      {district.name}
                    </option>
                  ))}
                </select>
              </div>
              <div class="button-group">
                <button type="submit" class="button">
                  {t.t('apply.start')}
                </button>
              </div>
            </form>
          )}
        </section>
      </div>
    </Layout>
  );
}

function Fee({ t, pack, text }: { t: Translator; pack: ServicePack; text: (value: Text) => string }) {
  const fee = pack.fee;
  if (fee.kind === 'none') return <>{t.t('services.feeNone')}</>;
  if (fee.kind === 'fixed') return <>{t.formatMoney(fee.amount)}</>;
  const fields = pack.form.steps.flatMap((step) => step.fields);
  if (fee.kind === 'byOption') {
    const field = fields.find((candidate) => candidate.id === fee.field);
    return (
      <>
        {t.t('services.feeByOption', { question: field === undefined ? fee.field : text(field.label) })}
        <ul class="list">
          {(field?.options ?? []).map((option) => (
            <li key={option.value}>
              {text(option.label)}: {t.formatMoney(fee.amounts[option.value] ?? 0)}
            </li>
          ))}
        </ul>
      </>
    );
  }
  const unit = fields.find((candidate) => candidate.id === fee.multiplyBy);
  return (
    <>
      {fee.unit !== undefined
        ? t.t('services.feeComputed', { rate: t.formatMoney(fee.rate), unit: text(fee.unit) })
        : t.t('services.feeComputedBy', {
            rate: t.formatMoney(fee.rate),
            unit: unit === undefined ? fee.multiplyBy : text(unit.label),
          })}
      {fee.minimum !== undefined && (
        <> ({t.t('services.feeMinimum', { amount: t.formatMoney(fee.minimum) })})</>
      )}
    </>
  );
}
