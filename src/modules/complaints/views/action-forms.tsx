// The forms on a complaint's page, one per kind of step the viewer may take: assign (grievance officer),
// reject or mark frivolous or abusive (with the reason the complainant sees), resolve with evidence or
// ask for reassignment (field officer), rate and close or reopen (complainant), and comment.
import type { ComponentChildren } from 'preact';
import type { Translator } from '../../../platform/i18n/i18n.ts';
import { CSRF_FIELD } from '../../../platform/http/csrf.ts';
import type { FormError } from '../../../platform/views/components.tsx';
import { MAX_DESCRIPTION, MAX_FILES } from '../filing-form.ts';
import type { ComplaintAction } from '../workflow.ts';
import { FileInput, Radios, Select, TextArea, errorFor } from './controls.tsx';

export type FormGroup = 'assign' | 'decide' | 'field' | 'close' | 'reopen' | 'comment';

export const GROUP_OF: Readonly<Record<ComplaintAction, FormGroup>> = {
  assign: 'assign',
  reject: 'decide',
  markFrivolous: 'decide',
  markAbusive: 'decide',
  resolve: 'field',
  requestReassignment: 'field',
  close: 'close',
  reopen: 'reopen',
  comment: 'comment',
};

export interface ActionFormsProps {
  readonly t: Translator;
  readonly number: string;
  readonly version: number;
  readonly csrfToken: string;
  readonly accessKey: string | undefined;
  readonly actions: readonly ComplaintAction[];
  readonly fieldOfficers: readonly { id: string; name: string }[];
  readonly errors: readonly FormError[];
  /** The form that failed, and what was typed in it. */
  readonly typed?: { readonly group: FormGroup; readonly values: Readonly<Record<string, string>> };
}

function Form(
  props: ActionFormsProps & {
    group: FormGroup;
    title: string;
    multipart?: boolean;
    children: ComponentChildren;
  },
) {
  const { number, version, csrfToken, accessKey, group } = props;
  return (
    <form
      method="post"
      action={`/complaints/${number}/actions`}
      class="stack card"
      novalidate
      aria-labelledby={`form-${group}-title`}
      {...(props.multipart === true ? { enctype: 'multipart/form-data' } : {})}
    >
      <h3 class="heading-s" id={`form-${group}-title`}>
        {props.title}
      </h3>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      <input type="hidden" name="version" value={String(version)} />
      {accessKey !== undefined && <input type="hidden" name="key" value={accessKey} />}
      {props.children}
    </form>
  );
}

function Buttons({
  t,
  actions,
  warning = [],
}: {
  t: Translator;
  actions: readonly ComplaintAction[];
  warning?: readonly ComplaintAction[];
}) {
  return (
    <div class="button-group">
      {actions.map((action) => (
        <button
          key={action}
          type="submit"
          name="action"
          value={action}
          class={warning.includes(action) ? 'button button--warning' : 'button button--secondary'}
        >
          {t.t(`complaints.action.${action}`)}
        </button>
      ))}
    </div>
  );
}

export function ActionForms(props: ActionFormsProps) {
  const { t, actions, errors, typed } = props;
  const value = (group: FormGroup, name: string) =>
    typed?.group === group ? (typed.values[name] ?? '') : '';
  const remarks = (group: FormGroup, label: string, hint?: string) => (
    <TextArea
      t={t}
      id={`remarks-${group}`}
      name="remarks"
      label={label}
      {...(hint === undefined ? {} : { hint })}
      value={value(group, 'remarks')}
      error={errorFor(errors, `remarks-${group}`)}
      rows={3}
      maxLength={MAX_DESCRIPTION}
    />
  );
  const has = (...wanted: ComplaintAction[]) => wanted.filter((action) => actions.includes(action));
  const decide = has('reject', 'markFrivolous', 'markAbusive');
  const field = has('resolve', 'requestReassignment');
  return (
    <div class="stack">
      {actions.includes('assign') && (
        <Form {...props} group="assign" title={t.t('complaints.act.assignTitle')}>
          <Select
            t={t}
            id="fieldOfficer"
            label={t.t('complaints.act.fieldOfficer')}
            value={value('assign', 'fieldOfficer')}
            error={errorFor(errors, 'fieldOfficer')}
            groups={[
              {
                label: '',
                options: props.fieldOfficers.map((officer) => ({ value: officer.id, label: officer.name })),
              },
            ]}
          />
          {remarks('assign', `${t.t('complaints.act.instructions')} ${t.t('form.optional')}`)}
          <Buttons t={t} actions={['assign']} />
        </Form>
      )}
      {field.length > 0 && (
        <Form {...props} group="field" title={t.t('complaints.act.fieldTitle')} multipart>
          {remarks('field', t.t('complaints.act.fieldRemarks'), t.t('complaints.act.fieldRemarksHint'))}
          <FileInput
            t={t}
            id="evidence"
            label={`${t.t('complaints.act.evidence')} ${t.t('form.optional')}`}
            hint={t.t('complaints.file.evidenceHint', { max: MAX_FILES })}
            error={errorFor(errors, 'evidence')}
            multiple
          />
          <Buttons t={t} actions={field} />
        </Form>
      )}
      {actions.includes('close') && (
        <Form {...props} group="close" title={t.t('complaints.act.closeTitle')}>
          <Radios
            t={t}
            id="rating"
            label={t.t('complaints.act.rating')}
            hint={t.t('complaints.act.ratingHint')}
            value={value('close', 'rating')}
            error={errorFor(errors, 'rating')}
            options={[5, 4, 3, 2, 1].map((stars) => ({
              value: String(stars),
              label: t.t(`complaints.rating.${stars}` as 'complaints.rating.5'),
            }))}
          />
          {remarks('close', `${t.t('complaints.act.closeRemarks')} ${t.t('form.optional')}`)}
          <Buttons t={t} actions={['close']} />
        </Form>
      )}
      {actions.includes('reopen') && (
        <Form {...props} group="reopen" title={t.t('complaints.act.reopenTitle')}>
          {remarks('reopen', t.t('complaints.act.reopenRemarks'), t.t('complaints.act.reopenHint'))}
          <Buttons t={t} actions={['reopen']} warning={['reopen']} />
        </Form>
      )}
      {decide.length > 0 && (
        <Form {...props} group="decide" title={t.t('complaints.act.decideTitle')}>
          {remarks('decide', t.t('complaints.act.reason'), t.t('complaints.act.reasonHint'))}
          <Buttons t={t} actions={decide} warning={decide} />
        </Form>
      )}
      {actions.includes('comment') && (
        <Form {...props} group="comment" title={t.t('complaints.act.commentTitle')}>
          {remarks('comment', t.t('complaints.act.comment'))}
          <Buttons t={t} actions={['comment']} />
        </Form>
      )}
    </div>
  );
}
