// The facilitation-centre counter: who the citizen is, the code they read out, the service to file, and
// the drafts the operator has not sent yet.
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import {
  Bdi,
  ErrorSummary,
  type FormError,
  SelectField,
  TextField,
} from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { CodeForm } from '../../identity/views/code-form.tsx';

type Option = { readonly value: string; readonly label: string };
const errorOf = (errors: readonly FormError[], field: string) =>
  errors.find((error) => error.field === field)?.message;

export interface CounterDraft {
  readonly id: string;
  readonly serviceName: string;
  readonly applicantName: string;
  readonly startedAt: Date;
}

export function CounterPage({
  t,
  currentPath,
  csrfToken,
  drafts,
  values = {},
  errors = [],
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  drafts: readonly CounterDraft[];
  values?: Record<string, string>;
  errors?: readonly FormError[];
}) {
  const locale = values['locale'] ?? t.locale.code;
  return (
    <Layout t={t} title={t.t('counter.title')} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('counter.title')}</h1>
        <p class="lead">{t.t('counter.lead')}</p>
        <form method="post" action="/counter/consent" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="cnic"
            label={t.t('counter.cnic')}
            hint={t.t('signUp.cnicHint')}
            value={values['cnic']}
            error={errorOf(errors, 'cnic')}
            inputmode="numeric"
            dir="ltr"
            narrow
          />
          <TextField
            t={t}
            id="mobile"
            type="tel"
            label={t.t('counter.mobile')}
            hint={t.t('counter.mobileHint')}
            value={values['mobile']}
            error={errorOf(errors, 'mobile')}
            inputmode="tel"
            dir="ltr"
          />
          <TextField
            t={t}
            id="fullName"
            label={t.t('counter.fullName')}
            hint={t.t('counter.fullNameHint')}
            value={values['fullName']}
            error={errorOf(errors, 'fullName')}
            spellcheck={false}
          />
          <SelectField
            t={t}
            id="locale"
            label={t.t('counter.locale')}
            options={[
              { value: 'en', label: 'English' },
              { value: 'ur', label: 'اردو' },
            ]}
            value={locale}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('counter.sendCode')}
            </button>
          </div>
        </form>

        <h2>{t.t('counter.drafts')}</h2>
        {drafts.length === 0 ? (
          <p>{t.t('counter.noDrafts')}</p>
        ) : (
          <ul class="list">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <a href={`/applications/draft/${draft.id}/review`}>
                  {draft.serviceName}: {draft.applicantName}
                </a>{' '}
                <span class="hint">
                  <Bdi dir="auto">{t.formatDateTime(draft.startedAt)}</Bdi>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}

export function ConsentCodePage({
  t,
  currentPath,
  csrfToken,
  sentTo,
  newAccount,
  walkIn,
  errors = [],
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  sentTo: string | null;
  newAccount: boolean;
  walkIn: { cnic: string; mobile: string };
  errors?: readonly FormError[];
}) {
  return (
    <Layout t={t} title={t.t('counter.codeTitle')} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('counter.codeTitle')}</h1>
        {newAccount && <p class="notice">{t.t('counter.accountOpened')}</p>}
        {sentTo !== null && (
          <p class="lead">
            {t.t('counter.codeSentTo')} <Bdi>{sentTo}</Bdi>
          </p>
        )}
        <p>{t.t('counter.codeHelp')}</p>
        <CodeForm
          t={t}
          action="/counter/consent/confirm"
          csrfToken={csrfToken}
          errors={errors}
          hidden={walkIn}
          submitLabel={t.t('counter.confirmCode')}
        />
        <p>
          <a href="/counter">{t.t('counter.startAgain')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function ChooseServicePage({
  t,
  currentPath,
  csrfToken,
  citizenName,
  consent,
  services,
  districts,
  values = {},
  errors = [],
}: {
  t: Translator;
  currentPath: string;
  csrfToken: string;
  citizenName: string;
  consent: string;
  services: readonly Option[];
  districts: readonly Option[];
  values?: Record<string, string>;
  errors?: readonly FormError[];
}) {
  return (
    <Layout t={t} title={t.t('counter.chooseTitle')} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('counter.chooseTitle')}</h1>
        <p class="lead">
          {t.t('counter.filingFor')} <bdi dir="auto">{citizenName}</bdi>
        </p>
        <form method="post" action="/counter/start" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="consent" value={consent} />
          <SelectField
            t={t}
            id="serviceCode"
            label={t.t('counter.service')}
            options={services}
            value={values['serviceCode']}
            placeholder={t.t('counter.chooseService')}
            error={errorOf(errors, 'serviceCode')}
          />
          <SelectField
            t={t}
            id="district"
            label={t.t('counter.district')}
            options={districts}
            value={values['district'] ?? (districts.length === 1 ? districts[0]?.value : undefined)}
            error={errorOf(errors, 'district')}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('counter.start')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
