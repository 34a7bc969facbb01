// On the track page, for staff: who in the office is working on the application, its escalation, and the
// claim / assign / release forms for those allowed. Each form carries the version the officer saw.
import type { MessageKey, Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { ServicePack } from '../../services/pack/validate.ts';
import type { AssignmentView } from '../assignment.ts';
import { escalationOffice } from '../workflow.ts';

type Text = { en: string; ur: string };
const pick = (t: Translator, text: Text) => (t.locale.code === 'ur' ? text.ur : text.en);

/** "Assigned to you" / "Assigned to Bilal Ahmed" / "Unassigned". */
export function assigneeText(t: Translator, assignee: { name: string; mine: boolean } | null): string {
  if (assignee === null) return t.t('applications.assignment.nobody');
  return assignee.mine
    ? t.t('applications.assignment.you')
    : t.t('applications.assignment.to', { name: assignee.name });
}

/** Whom an escalation to `role` reaches: the pack's office for the role ("Deputy Commissioner"), else its name. */
export function escalationTarget(t: Translator, pack: ServicePack, role: string): string {
  const office = escalationOffice(pack, role);
  return office === undefined ? t.t(`role.${role}` as MessageKey) : pick(t, office);
}

/** "Escalated to Deputy Commissioner". */
export function escalationText(t: Translator, pack: ServicePack, role: string): string {
  return t.t('applications.escalatedTo', { office: escalationTarget(t, pack, role) });
}

function MoveForm(props: {
  csrfToken: string;
  number: string;
  version: number;
  move: 'claim' | 'release';
  label: string;
}) {
  return (
    <form method="post" action={`/applications/${props.number}/${props.move}`}>
      <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
      <input type="hidden" name="version" value={String(props.version)} />
      <button type="submit" class="button button--secondary">
        {props.label}
      </button>
    </form>
  );
}

export function AssignmentPanel({
  t,
  csrfToken,
  number,
  version,
  pack,
  view,
  hasError,
}: {
  t: Translator;
  csrfToken: string;
  number: string;
  version: number;
  pack: ServicePack;
  view: AssignmentView;
  hasError: boolean;
}) {
  const assignee = view.assignee === null ? null : { name: view.assignee.name, mine: view.mine };
  return (
    <section class="stack" aria-labelledby="assignment-title">
      <h2 id="assignment-title">{t.t('applications.assignment.title')}</h2>
      <p>{assigneeText(t, assignee)}</p>
      {view.escalatedToRole !== null && (
        <p class="notice notice--warning">{escalationText(t, pack, view.escalatedToRole)}</p>
      )}
      <div class="button-group">
        {view.canClaim && (
          <MoveForm
            csrfToken={csrfToken}
            number={number}
            version={version}
            move="claim"
            label={t.t('applications.assignment.claim')}
          />
        )}
        {view.canRelease && (
          <MoveForm
            csrfToken={csrfToken}
            number={number}
            version={version}
            move="release"
            label={t.t('applications.assignment.release')}
          />
        )}
      </div>
      {view.colleagues.length > 0 && (
        <form method="post" action={`/applications/${number}/assign`} class="stack">
          <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
          <input type="hidden" name="version" value={String(version)} />
          <div class={hasError ? 'field field--error' : 'field'}>
            <label class="label" for="assignee">
              {t.t('applications.assignment.assignTo')}
            </label>
            <select class="select" id="assignee" name="assignee">
              {view.colleagues.map((colleague) => (
                <option key={colleague.id} value={colleague.id} selected={colleague.id === view.assignee?.id}>
                  {colleague.name}
                </option>
              ))}
            </select>
          </div>
          <div class="button-group">
            <button type="submit" class="button button--secondary">
              {t.t('applications.assignment.assign')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
