// A citizen's applications, one application's timeline ("track"), and the officers' inbox with actions.
import type { ServicePack, WorkflowAction } from '../../services/pack/validate.ts';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import { Bdi, ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { AssignmentView } from '../assignment.ts';
import type { ApplicationEventRow, ApplicationRow } from '../repo.ts';
import { AssignmentPanel, assigneeText, escalationTarget } from './assignment-panel.tsx';
import type { IssuedCertificate } from '../issuance.ts';
import { CertificatePanel } from './certificate-panel.tsx';
import type { FeeBill } from '../billing.ts';
import { FeeBillPanel } from './fee-bill-panel.tsx';

type Text = { en: string; ur: string };
const pick = (t: Translator, text: Text) => (t.locale.code === 'ur' ? text.ur : text.en);

export interface Listed {
  readonly application: ApplicationRow;
  readonly serviceName: Text;
  readonly stateLabel: Text;
  /** on time / due soon / overdue, for officers. */
  readonly deadline?: 'onTime' | 'dueSoon' | 'overdue';
  /** For officers: who in the office has it (null: nobody), and the escalation's words if escalated. */
  readonly assignee?: { readonly name: string; readonly mine: boolean } | null;
  readonly escalated?: string;
}

function DeadlineTag({ t, status }: { t: Translator; status: NonNullable<Listed['deadline']> }) {
  const tone =
    status === 'overdue' ? 'tag tag--red' : status === 'dueSoon' ? 'tag tag--yellow' : 'tag tag--green';
  return <strong class={tone}>{t.t(`applications.deadline.${status}`)}</strong>;
}

export function ApplicationListPage({
  t,
  currentPath,
  title,
  rows,
  empty,
  search,
}: {
  t: Translator;
  currentPath: string;
  title: string;
  rows: readonly Listed[];
  empty: string;
  /** The inbox's search form: by number, CNIC or name, overdue only, and whose. */
  search?: { query: string; overdueOnly: boolean; assigned: '' | 'mine' | 'unassigned' };
}) {
  return (
    <Layout t={t} title={title} currentPath={currentPath}>
      <div class="stack">
        <h1>{title}</h1>
        {search !== undefined && (
          <form method="get" action="/inbox" role="search" class="stack">
            <div class="field">
              <label class="label" for="q">
                {t.t('applications.search')}
              </label>
              <input class="input" id="q" name="q" type="search" value={search.query} dir="auto" />
            </div>
            <div class="field">
              <input type="checkbox" id="overdue" name="overdue" value="1" checked={search.overdueOnly} />{' '}
              <label for="overdue">{t.t('applications.overdueOnly')}</label>
            </div>
            <div class="field">
              <label class="label" for="assigned">
                {t.t('applications.assignment.filter')}
              </label>
              <select class="select" id="assigned" name="assigned">
                <option value="" selected={search.assigned === ''}>
                  {t.t('applications.assignment.filterAll')}
                </option>
                <option value="mine" selected={search.assigned === 'mine'}>
                  {t.t('applications.assignment.filterMine')}
                </option>
                <option value="unassigned" selected={search.assigned === 'unassigned'}>
                  {t.t('applications.assignment.filterUnassigned')}
                </option>
              </select>
            </div>
            <div class="button-group">
              <button type="submit" class="button">
                {t.t('services.searchButton')}
              </button>
            </div>
          </form>
        )}
        {rows.length === 0 ? (
          <p>{empty}</p>
        ) : (
          <div class="table-container">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.t('applications.number')}</th>
                  <th scope="col">{t.t('applications.service')}</th>
                  <th scope="col">{t.t('applications.status')}</th>
                  <th scope="col">{t.t('applications.dueBy')}</th>
                  {search !== undefined && <th scope="col">{t.t('applications.assignment.column')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ application, serviceName, stateLabel, deadline, assignee, escalated }) => (
                  <tr key={application.id}>
                    <td>
                      {application.number === null ? (
                        <a href={`/applications/draft/${application.id}/review`}>
                          {t.t('applications.continueDraft')}
                        </a>
                      ) : (
                        <a href={`/applications/${application.number}`}>
                          <Bdi>{application.number}</Bdi>
                        </a>
                      )}
                    </td>
                    <td>
                      {pick(t, serviceName)}
                      {application.filed_by !== null && (
                        <>
                          <br />
                          <span class="hint">{t.t('counter.filedForYou')}</span>
                        </>
                      )}
                    </td>
                    <td>{application.state === 'draft' ? t.t('applications.draft') : pick(t, stateLabel)}</td>
                    <td>
                      {application.due_at !== null && (
                        <Bdi dir="auto">{t.formatDateTime(application.due_at)}</Bdi>
                      )}{' '}
                      {deadline !== undefined && <DeadlineTag t={t} status={deadline} />}
                      {escalated !== undefined && (
                        <>
                          {' '}
                          <strong class="tag tag--red">{escalated}</strong>
                        </>
                      )}
                    </td>
                    {search !== undefined && (
                      <td>{assignee === undefined ? '' : assigneeText(t, assignee)}</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}

export interface TrackPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly application: ApplicationRow;
  readonly pack: ServicePack;
  readonly events: readonly ApplicationEventRow[];
  readonly actions: readonly WorkflowAction[];
  readonly errors?: readonly FormError[];
  readonly isApplicant: boolean;
  /** Staff only: who is working on it and the claim / assign / release forms. */
  readonly assignment?: AssignmentView;
  /** What the approval issued. */
  readonly certificates?: readonly IssuedCertificate[];
  /** The fee's bill (PSID), when the application has one the reader may see. */
  readonly bill?: FeeBill | null;
}

export function TrackPage({
  t,
  currentPath,
  csrfToken,
  application,
  pack,
  events,
  actions,
  errors = [],
  isApplicant,
  assignment,
  certificates = [],
  bill = null,
}: TrackPageProps) {
  const state = pack.workflow.states[application.state];
  const number = application.number ?? '';
  const timeline = isApplicant ? events.filter((event) => !OFFICE_EVENTS.has(event.kind)) : events;
  return (
    <Layout t={t} title={t.t('applications.trackTitle', { number })} currentPath={currentPath}>
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>
          {pick(t, pack.name)}: <Bdi>{number}</Bdi>
        </h1>
        <dl class="summary-list">
          <dt>{t.t('applications.status')}</dt>
          <dd>{state === undefined ? application.state : pick(t, state.label)}</dd>
          {state?.holder !== undefined && (
            <>
              <dt>{t.t('applications.heldBy')}</dt>
              <dd>{pick(t, state.holder.office)}</dd>
            </>
          )}
          {application.promised_at !== null && application.outcome === null && (
            <>
              <dt>{t.t('applications.promised')}</dt>
              <dd>{t.formatDate(application.promised_at)}</dd>
            </>
          )}
          {application.fee_pkr !== null && (
            <>
              <dt>{t.t('services.fee')}</dt>
              <dd>{t.formatMoney(Number(application.fee_pkr))}</dd>
            </>
          )}
        </dl>
        {application.submitted_at !== null && (
          <p>
            <a href={`/applications/${number}/slip`}>{t.t('slip.link')}</a>
          </p>
        )}
        <CertificatePanel t={t} number={number} certificates={certificates} isApplicant={isApplicant} />
        {assignment !== undefined && (
          <AssignmentPanel
            t={t}
            csrfToken={csrfToken}
            number={number}
            version={application.version}
            pack={pack}
            view={assignment}
            hasError={errors.some((e) => e.field === 'assignee')}
          />
        )}
        {isApplicant && state?.citizenAction === 'correct' && (
          <div class="notice notice--warning stack">
            <p>{t.t('applications.returnedHelp')}</p>
            <ul class="list">
              {pack.form.steps.map((step) => (
                <li key={step.id}>
                  <a href={`/applications/draft/${application.id}/${step.id}`}>
                    {t.t('apply.change')}: {pick(t, step.title)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <FeeBillPanel
          t={t}
          bill={bill}
          isApplicant={isApplicant}
          renewal={
            isApplicant && state?.citizenAction === 'pay'
              ? { number, version: application.version, csrfToken }
              : undefined
          }
        />

        {pack.documents.some(
          (document) =>
            typeof application.answers === 'object' &&
            application.answers !== null &&
            document.field in application.answers,
        ) && (
          <>
            <h2>{t.t('services.documents')}</h2>
            <ul class="list">
              {pack.documents
                .filter(
                  (document) =>
                    typeof (application.answers as Record<string, unknown>)[document.field] === 'string',
                )
                .map((document) => (
                  <li key={document.code}>
                    <a href={`/applications/${number}/documents/${document.field}`}>
                      {pick(t, document.name)}
                    </a>
                  </li>
                ))}
            </ul>
          </>
        )}

        <h2>{t.t('applications.timeline')}</h2>
        <ol class="list">
          {timeline.map((event) => (
            <li key={event.id}>
              <Bdi dir="auto">{t.formatDateTime(event.occurred_at)}</Bdi>: {describe(t, pack, event)}
              {event.remarks !== null && event.kind !== 'counter_consent' && (
                <>
                  <br />
                  <q>{event.remarks}</q>
                </>
              )}
            </li>
          ))}
        </ol>

        {actions.length > 0 && (
          <form method="post" action={`/applications/${number}/actions`} class="stack">
            <h2>{t.t('applications.act')}</h2>
            <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
            <input type="hidden" name="version" value={String(application.version)} />
            <div class={errors.some((e) => e.field === 'remarks') ? 'field field--error' : 'field'}>
              <label class="label" for="remarks">
                {t.t('applications.remarks')}
              </label>
              <textarea class="textarea" id="remarks" name="remarks" rows={3} />
            </div>
            <div class="button-group">
              {actions.map((action) => (
                <button
                  key={action.id}
                  type="submit"
                  name="action"
                  value={action.id}
                  class="button button--secondary"
                >
                  {pick(t, action.label)}
                </button>
              ))}
            </div>
          </form>
        )}
      </div>
    </Layout>
  );
}

/** Who in the office works on it: the applicant sees the office, never these. */
const OFFICE_EVENTS = new Set(['claimed', 'assigned', 'released', 'escalated']);

function describe(t: Translator, pack: ServicePack, event: ApplicationEventRow): string {
  if (event.kind === 'created') return t.t('applications.event.created');
  if (event.kind === 'submitted') return t.t('applications.event.submitted');
  if (event.kind === 'certificate_issued') return t.t('applications.event.certificateIssued');
  // Its remarks hold the consent code's id, for the record rather than for reading.
  if (event.kind === 'counter_consent') return t.t('counter.event.consent', { name: event.actor_label });
  if (event.kind === 'claimed' || event.kind === 'assigned' || event.kind === 'released')
    return t.t(`applications.event.${event.kind}`, { name: event.actor_label });
  if (event.kind === 'escalated') {
    const rule = event.from_state === null ? undefined : pack.workflow.states[event.from_state]?.escalate;
    if (rule === undefined) return event.kind;
    return t.t('applications.event.escalated', {
      office: escalationTarget(t, pack, rule.toRole),
      hours: rule.afterHours,
    });
  }
  const from = event.from_state === null ? undefined : pack.workflow.states[event.from_state];
  const action = from?.actions?.find((candidate) => candidate.id === event.action);
  const to = event.to_state === null ? undefined : pack.workflow.states[event.to_state];
  return `${action === undefined ? (event.action ?? event.kind) : pick(t, action.label)}${to === undefined ? '' : ` → ${pick(t, to.label)}`}`;
}
