// How applications look in the JSON API: rows and pack states turned into the schemas of schema.ts.
// Files are never shown by their storage key: a document is a link that checks who is asking.
import type { ServicePack, WorkflowAction } from '../services/pack/validate.ts';
import type { Answers } from './form/answers.ts';
import type { ApplicationEventRow, ApplicationRow } from './repo.ts';
import type { ApplicationDetail } from './schema.ts';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
export const apiPath = (number: string) => `/api/v1/applications/${number}`;

export function feeOf(application: ApplicationRow) {
  return application.fee_pkr === null
    ? null
    : { amount: Number(application.fee_pkr), currency: 'PKR' as const };
}

export function statusLabel(pack: ServicePack, state: string) {
  const found = pack.workflow.states[state];
  return found === undefined ? { en: state, ur: state } : { en: found.label.en, ur: found.label.ur };
}

export function summaryOf(application: ApplicationRow, pack: ServicePack, now = Date.now()) {
  const number = application.number ?? '';
  return {
    number,
    serviceCode: application.service_code,
    serviceName: { en: pack.name.en, ur: pack.name.ur },
    status: application.state,
    statusLabel: statusLabel(pack, application.state),
    district: application.district_code,
    submittedAt: iso(application.submitted_at),
    promisedAt: iso(application.promised_at),
    dueAt: iso(application.due_at),
    overdue: application.due_at !== null && application.due_at.getTime() < now,
    links: { self: apiPath(number) },
  };
}

export function detailOf(found: {
  application: ApplicationRow;
  pack: ServicePack;
  events: readonly ApplicationEventRow[];
  actions: readonly WorkflowAction[];
}): ApplicationDetail {
  const { application, pack } = found;
  const number = application.number ?? '';
  const fileFields = new Set(
    pack.form.steps.flatMap((step) => step.fields.filter((f) => f.type === 'file').map((f) => f.id)),
  );
  const stored = (application.answers ?? {}) as Answers;
  const answers: Answers = {};
  const documents: { field: string; href: string }[] = [];
  for (const [field, value] of Object.entries(stored)) {
    if (!fileFields.has(field)) answers[field] = value;
    else if (typeof value === 'string')
      documents.push({ field, href: `${apiPath(number)}/documents/${field}` });
  }
  const holder = pack.workflow.states[application.state]?.holder;
  return {
    number,
    serviceCode: application.service_code,
    packVersion: application.pack_version,
    serviceName: { en: pack.name.en, ur: pack.name.ur },
    status: application.state,
    statusLabel: statusLabel(pack, application.state),
    outcome: application.outcome,
    district: application.district_code,
    department: application.department_code,
    holder:
      holder === undefined || application.outcome !== null
        ? null
        : {
            role: holder.role,
            office: { en: holder.office.en, ur: holder.office.ur },
            department: application.department_code,
            district: application.district_code,
          },
    fee: feeOf(application),
    submittedAt: iso(application.submitted_at),
    promisedAt: iso(application.promised_at),
    dueAt: iso(application.due_at),
    decidedAt: iso(application.decided_at),
    version: application.version,
    answers,
    documents,
    events: found.events.map((event) => ({
      at: event.occurred_at.toISOString(),
      kind: event.kind,
      action: event.action,
      fromState: event.from_state,
      toState: event.to_state,
      remarks: event.remarks,
    })),
    actions: found.actions.map((action) => ({
      id: action.id,
      label: { en: action.label.en, ur: action.label.ur },
      to: action.to,
      remarks: action.remarks ?? 'optional',
    })),
    links: { self: apiPath(number), actions: `${apiPath(number)}/actions`, page: `/applications/${number}` },
  };
}
