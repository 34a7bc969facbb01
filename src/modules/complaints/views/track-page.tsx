// One complaint: where it stands, what was asked, its documents, its history, and the forms for the steps
// the viewer may take. The complainant sees offices, not officers' names.
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { Bdi, ErrorSummary, type FormError } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { type CategoryTree, inLanguage } from '../categories.ts';
import type { AttachmentRow, ComplaintEventRow, ComplaintRow } from '../repo.ts';
import type { ComplaintAction } from '../workflow.ts';
import { ActionForms, type FormGroup } from './action-forms.tsx';
import { StateTag, deadlineStatus, DeadlineTag } from './tags.tsx';

export interface TrackPageProps {
  readonly t: Translator;
  readonly currentPath: string;
  readonly csrfToken: string;
  readonly tree: CategoryTree;
  readonly complaint: ComplaintRow;
  readonly events: readonly ComplaintEventRow[];
  readonly attachments: readonly AttachmentRow[];
  readonly actions: readonly ComplaintAction[];
  readonly isStaff: boolean;
  readonly names: ReadonlyMap<string, string>;
  readonly fieldOfficers: readonly { id: string; name: string }[];
  readonly departmentName: string;
  readonly districtName: string;
  readonly accessKey: string | undefined;
  readonly errors?: readonly FormError[];
  readonly typed?: { readonly group: FormGroup; readonly values: Readonly<Record<string, string>> };
  readonly now: Date;
}

const EVENT_KEYS = new Set([
  'filed',
  'assign',
  'reject',
  'markFrivolous',
  'markAbusive',
  'resolve',
  'requestReassignment',
  'comment',
  'close',
  'reopen',
  'escalatedToDivision',
  'escalatedToProvince',
  'autoClosed',
]);

function describeEvent(t: Translator, event: ComplaintEventRow, props: TrackPageProps): string {
  const text = EVENT_KEYS.has(event.kind) ? t.t(`complaints.event.${event.kind}` as MessageKey) : event.kind;
  const assignee = event.assignee_id === null ? undefined : props.names.get(event.assignee_id);
  const by = props.isStaff && event.actor_id !== null ? ` (${event.actor_label})` : '';
  return `${text}${assignee === undefined ? '' : `: ${assignee}`}${by}`;
}

export function TrackPage(props: TrackPageProps) {
  const { t, complaint, tree, events, attachments, errors = [], accessKey, now } = props;
  const number = complaint.number ?? '';
  const locale = t.locale.code;
  const found = tree.subTypes.get(complaint.sub_type_code);
  const keyQuery = accessKey === undefined ? '' : `?key=${encodeURIComponent(accessKey)}`;
  const deadline = deadlineStatus(complaint, now);
  const assignee = complaint.assigned_to === null ? undefined : props.names.get(complaint.assigned_to);
  const evidence = (id: number) => attachments.filter((attachment) => attachment.event_id === id);
  return (
    <Layout
      t={t}
      title={t.t('complaints.track.title', { number })}
      currentPath={props.currentPath}
      hasErrors={errors.length > 0}
    >
      <div class="stack">
        <ErrorSummary t={t} errors={errors} />
        <h1>
          {t.t('complaints.track.heading')} <Bdi>{number}</Bdi>
        </h1>
        <p>
          <StateTag t={t} state={complaint.state} />{' '}
          {deadline !== undefined && <DeadlineTag t={t} status={deadline} />}
        </p>
        <dl class="summary-list">
          <dt>{t.t('complaints.file.subType')}</dt>
          <dd>
            {found === undefined
              ? complaint.sub_type_code
              : `${inLanguage(found.category.name, locale)}: ${inLanguage(found.subType.name, locale)}`}
          </dd>
          <dt>{t.t('complaints.track.office')}</dt>
          <dd>
            {props.departmentName}, {props.districtName}
          </dd>
          {complaint.address !== null && (
            <>
              <dt>{t.t('complaints.file.address')}</dt>
              <dd dir="auto">{complaint.address}</dd>
            </>
          )}
          {complaint.latitude !== null && complaint.longitude !== null && (
            <>
              <dt>{t.t('complaints.file.point')}</dt>
              <dd>
                <Bdi>
                  {complaint.latitude}, {complaint.longitude}
                </Bdi>
              </dd>
            </>
          )}
          <dt>{t.t('complaints.track.filed')}</dt>
          <dd>
            <Bdi dir="auto">{t.formatDateTime(complaint.filed_at ?? complaint.created_at)}</Bdi>
          </dd>
          {complaint.due_at !== null && (
            <>
              <dt>{t.t('complaints.track.due')}</dt>
              <dd>
                <Bdi dir="auto">{t.formatDateTime(complaint.due_at)}</Bdi>
              </dd>
            </>
          )}
          {complaint.escalation_level > 1 && (
            <>
              <dt>{t.t('complaints.track.escalated')}</dt>
              <dd>
                {t.t(
                  complaint.escalation_level === 2
                    ? 'complaints.level.division'
                    : 'complaints.level.province',
                )}
              </dd>
            </>
          )}
          {props.isStaff && assignee !== undefined && (
            <>
              <dt>{t.t('complaints.track.assignee')}</dt>
              <dd>{assignee}</dd>
            </>
          )}
          {complaint.rating !== null && (
            <>
              <dt>{t.t('complaints.act.rating')}</dt>
              <dd>{t.t(`complaints.rating.${complaint.rating}` as MessageKey)}</dd>
            </>
          )}
          <dt>{t.t('complaints.track.public')}</dt>
          <dd>{t.t(complaint.is_public ? 'complaints.track.publicYes' : 'complaints.track.publicNo')}</dd>
        </dl>
        <h2>{t.t('complaints.file.description')}</h2>
        <p class="pre-line" dir="auto">
          {complaint.description}
        </p>
        {attachments.length > 0 && (
          <>
            <h2>{t.t('complaints.track.documents')}</h2>
            <ul class="list">
              {attachments.map((attachment, index) => (
                <li key={attachment.id}>
                  <a href={`/complaints/${number}/attachments/${attachment.id}${keyQuery}`}>
                    {t.t('complaints.track.document', {
                      n: index + 1,
                      type: attachment.media_type.toUpperCase(),
                    })}
                  </a>
                  {attachment.event_id !== null && ` (${t.t('complaints.track.evidence')})`}
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>{t.t('complaints.track.timeline')}</h2>
        <ol class="list">
          {events.map((event) => (
            <li key={event.id}>
              <Bdi dir="auto">{t.formatDateTime(event.occurred_at)}</Bdi>: {describeEvent(t, event, props)}
              {event.remarks !== null && (
                <>
                  <br />
                  <q dir="auto">{event.remarks}</q>
                </>
              )}
              {evidence(event.id).length > 0 && ` (${t.t('complaints.track.withEvidence')})`}
            </li>
          ))}
        </ol>
        {props.actions.length > 0 && (
          <>
            <h2>{t.t('complaints.act.title')}</h2>
            <ActionForms
              t={t}
              number={number}
              version={complaint.version}
              csrfToken={props.csrfToken}
              accessKey={accessKey}
              actions={props.actions}
              fieldOfficers={props.fieldOfficers}
              errors={errors}
              {...(props.typed === undefined ? {} : { typed: props.typed })}
            />
          </>
        )}
      </div>
    </Layout>
  );
}
