// Kiosk pages: what this browser is, setting one up and removing it (administrators), and the page a kiosk
// shows after signing someone out for inactivity.
import type { KioskTerminal } from '../../../platform/http/kiosk-mode.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { ErrorSummary, type FormError, SelectField, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';

interface Common {
  readonly t: Translator;
  readonly currentPath: string;
}

export function KioskStatusPage({ t, currentPath, terminal }: Common & { terminal: KioskTerminal | null }) {
  return (
    <Layout t={t} title={t.t('kiosk.title')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('kiosk.title')}</h1>
        <p class="lead">
          {terminal === null ? t.t('kiosk.notKiosk') : t.t('kiosk.terminalOf', { centre: terminal.centre })}
        </p>
        <p>{t.t('kiosk.explain')}</p>
        <ul class="list">
          <li>
            <a href={terminal === null ? '/kiosk/enrol' : '/kiosk/leave'}>
              {terminal === null ? t.t('kiosk.enrolLink') : t.t('kiosk.leaveLink')}
            </a>
          </li>
          <li>
            <a href="/">{t.t('nav.home')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

export function KioskEnrolPage({
  t,
  currentPath,
  csrfToken,
  districts,
  values = {},
  errors = [],
}: Common & {
  csrfToken: string;
  districts: readonly { value: string; label: string }[];
  values?: { centre?: string; district?: string };
  errors?: readonly FormError[];
}) {
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <Layout t={t} title={t.t('kiosk.enrolTitle')} currentPath={currentPath} hasErrors={errors.length > 0}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>{t.t('kiosk.enrolTitle')}</h1>
        <p>{t.t('kiosk.enrolHelp')}</p>
        <form method="post" action="/kiosk/enrol" novalidate class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <TextField
            t={t}
            id="centre"
            label={t.t('kiosk.centre')}
            value={values.centre}
            error={errorOf('centre')}
          />
          <SelectField
            t={t}
            id="district"
            label={t.t('kiosk.district')}
            options={districts}
            value={values.district}
            placeholder={t.t('kiosk.chooseDistrict')}
            error={errorOf('district')}
          />
          <div class="button-group">
            <button type="submit" class="button">
              {t.t('kiosk.enrolButton')}
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function KioskLeavePage({
  t,
  currentPath,
  csrfToken,
  terminal,
}: Common & { csrfToken: string; terminal: KioskTerminal | null }) {
  return (
    <Layout t={t} title={t.t('kiosk.leaveTitle')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('kiosk.leaveTitle')}</h1>
        <p>
          {terminal === null ? t.t('kiosk.notKiosk') : t.t('kiosk.terminalOf', { centre: terminal.centre })}
        </p>
        <form method="post" action="/kiosk/leave">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <button type="submit" class="button button--warning">
            {t.t('kiosk.leaveButton')}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function KioskTimeoutPage({ t, currentPath }: Common) {
  return (
    <Layout t={t} title={t.t('kiosk.timedOutTitle')} currentPath={currentPath}>
      <div class="stack">
        <h1>{t.t('kiosk.timedOutTitle')}</h1>
        <p class="lead">{t.t('kiosk.timedOut')}</p>
        <div class="button-group">
          <a class="button" href="/">
            {t.t('kiosk.startAgain')}
          </a>
        </div>
      </div>
    </Layout>
  );
}
