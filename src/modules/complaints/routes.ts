// Pages: the complainant's complaints, the officers' inbox, one complaint's page with its actions, and its
// documents. A complainant without an account comes with the key of their tracking link (?key=...).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors.ts';
import { MEDIA_TYPES, sniffDocumentType } from '../../platform/storage/content-type.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import type { FormError } from '../../platform/views/components.tsx';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import { NUMBER_PATTERN } from './context.ts';
import { checkFiles, parseForm, storeFiles } from './routes-file.ts';
import { ACTIONS, type ComplaintAction } from './workflow.ts';
import { type FormGroup, GROUP_OF } from './views/action-forms.tsx';
import { InboxPage, MyComplaintsPage } from './views/list-pages.tsx';
import { TrackPage } from './views/track-page.tsx';

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const complaintRoutes: FastifyPluginAsync<{ services: Services; store: DocumentStore }> = async (
  app,
  { services, store },
) => {
  const { complaints } = services;

  const numberOf = (request: FastifyRequest) => {
    const number = (request.params as { number: string }).number;
    if (!NUMBER_PATTERN.test(number)) throw new AppError('not_found', 'No such complaint');
    return number;
  };
  const keyOf = (value: unknown) => (typeof value === 'string' && KEY.test(value) ? value : undefined);
  const names = async (request: FastifyRequest) => {
    const reference = await services.reference.referenceData(request.actor);
    const locale = request.t.locale.code;
    const district = new Map(reference.districts.map((d) => [d.code, localName(d, locale)]));
    const department = new Map(reference.departments.map((d) => [d.code, localName(d, locale)]));
    return {
      district: (code: string) => district.get(code) ?? code,
      department: (code: string) => department.get(code) ?? code,
    };
  };

  async function track(
    request: FastifyRequest,
    reply: FastifyReply,
    number: string,
    key: string | undefined,
    extra: { errors?: FormError[]; typed?: { group: FormGroup; values: Record<string, string> } } = {},
    status = 200,
  ) {
    const now = new Date();
    const found = await complaints.get(request.actor, number, { key }, now);
    const named = await names(request);
    return sendPage(
      reply,
      TrackPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        tree: complaints.tree,
        ...found,
        departmentName: named.department(found.complaint.department_code),
        districtName: named.district(found.complaint.district_code),
        accessKey: found.isComplainant ? key : undefined,
        now,
        ...extra,
      }),
      status,
    );
  }

  app.get('/complaints', async (request, reply) => {
    const rows = await complaints.mine(request.actor);
    const named = await names(request);
    return sendPage(
      reply,
      MyComplaintsPage({
        t: request.t,
        currentPath: request.url,
        tree: complaints.tree,
        rows,
        districtName: named.district,
        now: new Date(),
      }),
    );
  });

  app.get('/complaints/inbox', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const search = { number: (query['q'] ?? '').trim().slice(0, 20), overdueOnly: query['overdue'] === '1' };
    const rows = await complaints.inbox(request.actor, search);
    const named = await names(request);
    return sendPage(
      reply,
      InboxPage({
        t: request.t,
        currentPath: request.url,
        tree: complaints.tree,
        rows,
        districtName: named.district,
        now: new Date(),
        inbox: search,
      }),
    );
  });

  app.get('/complaints/:number', async (request, reply) =>
    track(request, reply, numberOf(request), keyOf((request.query as Record<string, unknown>)['key'])),
  );

  app.post('/complaints/:number/actions', async (request, reply) => {
    const number = numberOf(request);
    const { values, files } = await parseForm(request, reply, 'evidence');
    const key = keyOf(values['key']);
    const action = (ACTIONS as readonly string[]).includes(values['action'] ?? '')
      ? (values['action'] as ComplaintAction)
      : undefined;
    if (action === undefined) throw new AppError('bad_request', 'Unknown action');
    const group = GROUP_OF[action];
    const typed = {
      group,
      values: {
        remarks: values['remarks'] ?? '',
        rating: values['rating'] ?? '',
        fieldOfficer: values['fieldOfficer'] ?? '',
      },
    };
    const local = (errors: FormError[]) =>
      errors.map((e) => (e.field === 'remarks' ? { ...e, field: `remarks-${group}` } : e));
    const fileErrors = checkFiles(files, 'evidence');
    if (fileErrors.length > 0)
      return track(request, reply, number, key, { errors: toFormErrors(request.t, fileErrors), typed }, 400);
    const documents = await storeFiles(store, files);
    try {
      await complaints.act(
        request.actor,
        number,
        {
          action,
          remarks: values['remarks'] ?? '',
          version: Number(values['version']),
          ...(values['fieldOfficer'] === undefined ? {} : { fieldOfficerId: values['fieldOfficer'] }),
          ...(values['rating'] === undefined ? {} : { rating: values['rating'] }),
          documents,
        },
        { key },
      );
      return await reply.redirect(`/complaints/${number}${key === undefined ? '' : `?key=${key}`}`, 303);
    } catch (error: unknown) {
      await Promise.all(documents.map((document) => store.delete(document.key)));
      if (!isAppError(error)) throw error;
      if (error.code === 'validation_failed')
        return track(
          request,
          reply,
          number,
          key,
          { errors: local(toFormErrors(request.t, error.fieldErrors)), typed },
          400,
        );
      if (error.code === 'conflict')
        return track(
          request,
          reply,
          number,
          key,
          { errors: [{ field: `remarks-${group}`, message: request.t.t('complaints.conflict') }], typed },
          409,
        );
      throw error;
    }
  });

  // Documents open inline for whoever may see the complaint; never cached, never sniffed by the browser.
  app.get('/complaints/:number/attachments/:id', async (request, reply) => {
    const number = numberOf(request);
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found', 'No such document');
    const attachment = await complaints.attachment(request.actor, number, id, {
      key: keyOf((request.query as Record<string, unknown>)['key']),
    });
    const bytes = await store.get(attachment.document_key);
    const type = bytes === undefined ? undefined : sniffDocumentType(bytes);
    if (bytes === undefined || type === undefined) throw new AppError('not_found', 'No such document');
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename="${number}-${id}.${type === 'jpeg' ? 'jpg' : type}"`)
      .type(MEDIA_TYPES[type])
      .send(Buffer.from(bytes));
  });
};
