// The complaint form: for a signed-in citizen, for a contact-centre agent filing for a caller, and for an
// overseas Pakistani (NICOP or passport, foreign mobile). One page, no JavaScript; what was typed comes
// back with the errors (files must be chosen again: browsers never refill a file input).
import { LOCALES, type Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { ErrorSummary, type FormError, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { type CategoryTree, inLanguage } from '../categories.ts';
import { MAX_ADDRESS, MAX_DESCRIPTION, MAX_FILES } from '../filing-form.ts';
import { Checkbox, FileInput, Radios, Select, TextArea, errorFor } from './controls.tsx';

export type FilePageMode = 'citizen' | 'overseas' | 'contact_centre';

export interface FilePageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly mode: FilePageMode;
  readonly tree: CategoryTree;
  readonly districts: readonly { code: string; name: string }[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly FormError[];
}

function ContactFields({ t, mode, values, errors }: Pick<FilePageProps, 't' | 'mode' | 'values' | 'errors'>) {
  if (mode === 'citizen') return null;
  const overseas = mode === 'overseas';
  return (
    <fieldset class="fieldset stack">
      <legend class="heading-m">{t.t(overseas ? 'complaints.file.you' : 'complaints.file.caller')}</legend>
      <TextField
        t={t}
        id="contactName"
        label={t.t('complaints.file.name')}
        value={values['contactName'] ?? ''}
        error={errorFor(errors, 'contactName')}
        autocomplete={overseas ? 'name' : 'off'}
      />
      {overseas && (
        <>
          <Radios
            t={t}
            id="documentKind"
            label={t.t('complaints.file.documentKind')}
            value={values['documentKind'] ?? ''}
            error={errorFor(errors, 'documentKind')}
            options={[
              { value: 'nicop', label: t.t('complaints.file.nicop') },
              { value: 'passport', label: t.t('complaints.file.passport') },
            ]}
          />
          <TextField
            t={t}
            id="documentNumber"
            label={t.t('complaints.file.documentNumber')}
            hint={t.t('complaints.file.documentNumberHint')}
            value={values['documentNumber'] ?? ''}
            error={errorFor(errors, 'documentNumber')}
            dir="ltr"
            spellcheck={false}
            narrow
          />
        </>
      )}
      <TextField
        t={t}
        id="mobile"
        type="tel"
        label={t.t(overseas ? 'complaints.file.foreignMobile' : 'complaints.file.callerMobile')}
        hint={t.t(overseas ? 'complaints.file.foreignMobileHint' : 'complaints.file.callerMobileHint')}
        value={values['mobile'] ?? ''}
        error={errorFor(errors, 'mobile')}
        autocomplete={overseas ? 'tel' : 'off'}
        dir="ltr"
        narrow
      />
      {overseas ? (
        <TextField
          t={t}
          id="email"
          type="email"
          label={`${t.t('complaints.file.email')} ${t.t('form.optional')}`}
          value={values['email'] ?? ''}
          error={errorFor(errors, 'email')}
          autocomplete="email"
          dir="ltr"
          spellcheck={false}
        />
      ) : (
        <Radios
          t={t}
          id="locale"
          label={t.t('complaints.file.callerLanguage')}
          value={values['locale'] ?? 'ur'}
          options={LOCALES.map((language) => ({ value: language.code, label: language.nativeName }))}
        />
      )}
    </fieldset>
  );
}

export function FilePage(props: FilePageProps) {
  const { t, currentPath, csrfToken, mode, tree, districts, values, errors } = props;
  const locale = t.locale.code;
  const title = t.t(mode === 'overseas' ? 'complaints.file.overseasTitle' : 'complaints.file.title');
  const action = mode === 'overseas' ? '/complaints/overseas' : '/complaints/new';
  return (
    <Layout t={t} title={title} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{title}</h1>
        <p class="lead">
          {t.t(mode === 'overseas' ? 'complaints.file.overseasLead' : 'complaints.file.lead')}
        </p>
        {mode === 'citizen' && (
          <p>
            <a href="/complaints/overseas">{t.t('complaints.file.overseasLink')}</a>
          </p>
        )}
        <form method="post" action={action} enctype="multipart/form-data" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <ContactFields t={t} mode={mode} values={values} errors={errors} />
          <Select
            t={t}
            id="subType"
            label={t.t('complaints.file.subType')}
            hint={t.t('complaints.file.subTypeHint')}
            value={values['subType'] ?? ''}
            error={errorFor(errors, 'subType')}
            groups={tree.categories.map((category) => ({
              label: inLanguage(category.name, locale),
              options: category.subTypes.map((subType) => ({
                value: subType.code,
                label: inLanguage(subType.name, locale),
              })),
            }))}
          />
          <Select
            t={t}
            id="district"
            label={t.t('complaints.file.district')}
            value={values['district'] ?? ''}
            error={errorFor(errors, 'district')}
            groups={[{ label: '', options: districts.map((d) => ({ value: d.code, label: d.name })) }]}
          />
          <TextField
            t={t}
            id="address"
            label={t.t('complaints.file.address')}
            hint={t.t('complaints.file.addressHint', { max: MAX_ADDRESS })}
            value={values['address'] ?? ''}
            error={errorFor(errors, 'address')}
            dir="auto"
          />
          <fieldset class="fieldset stack">
            <legend class="label">{`${t.t('complaints.file.point')} ${t.t('form.optional')}`}</legend>
            <p class="hint">{t.t('complaints.file.pointHint')}</p>
            <TextField
              t={t}
              id="latitude"
              label={t.t('complaints.file.latitude')}
              value={values['latitude'] ?? ''}
              error={errorFor(errors, 'latitude')}
              inputmode="decimal"
              dir="ltr"
              narrow
            />
            <TextField
              t={t}
              id="longitude"
              label={t.t('complaints.file.longitude')}
              value={values['longitude'] ?? ''}
              error={errorFor(errors, 'longitude')}
              inputmode="decimal"
              dir="ltr"
              narrow
            />
          </fieldset>
          <TextArea
            t={t}
            id="description"
            label={t.t('complaints.file.description')}
            hint={t.t('complaints.file.descriptionHint', { max: MAX_DESCRIPTION })}
            value={values['description'] ?? ''}
            error={errorFor(errors, 'description')}
            rows={6}
            maxLength={MAX_DESCRIPTION}
          />
          <FileInput
            t={t}
            id="evidence"
            label={`${t.t('complaints.file.evidence')} ${t.t('form.optional')}`}
            hint={t.t('complaints.file.evidenceHint', { max: MAX_FILES })}
            error={errorFor(errors, 'evidence')}
            multiple
          />
          <Checkbox
            t={t}
            id="isPublic"
            label={t.t('complaints.file.public')}
            hint={t.t('complaints.file.publicHint')}
            checked={values['isPublic'] === 'yes'}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t(mode === 'overseas' ? 'complaints.file.continue' : 'complaints.file.submit')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
