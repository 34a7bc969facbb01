// Filing through the pages: /complaints/new (a signed-in citizen, or a contact-centre agent for a caller)
// and /complaints/overseas (anyone, proved by a code to a foreign mobile). The form is multipart when
// files are attached; uploads are checked by content and stored only once the rest of the form is valid.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, hasRole } from '../../platform/actor.ts';
import { AppError, type FieldError, isAppError } from '../../platform/errors.ts';
import { verifyCsrfToken } from '../../platform/http/csrf.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { DOCUMENT_TYPES, checkUpload } from '../../platform/storage/content-type.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import { readMultipartForm } from '../../platform/storage/multipart.ts';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import type { FilingForm } from './filing-form.ts';
import { MAX_FILES } from './filing-form.ts';
import type { StoredAttachment } from './repo.ts';
import { confirmRoutes } from './routes-confirm.ts';
import { FilePage, type FilePageMode } from './views/file-page.tsx';

const FIELDS = [
  'subType',
  'district',
  'address',
  'latitude',
  'longitude',
  'description',
  'isPublic',
  'contactName',
  'documentKind',
  'documentNumber',
  'mobile',
  'email',
  'locale',
] as const;

export interface ParsedForm {
  readonly values: Record<string, string>;
  readonly files: { readonly filename: string; readonly bytes: Uint8Array }[];
}

/** The form's text fields and its `evidence` files, whether it came as multipart or urlencoded. */
export async function parseForm(
  request: FastifyRequest,
  reply: FastifyReply,
  fileField: string,
): Promise<ParsedForm> {
  const first = (value: unknown) =>
    Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
  if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const parsed = await readMultipartForm(request);
    if (!verifyCsrfToken(request, reply, first(parsed.fields['_csrf'])))
      throw new AppError('csrf_invalid', 'The form has expired');
    const values = Object.fromEntries(
      Object.entries(parsed.fields).map(([name, value]) => [name, first(value)]),
    );
    return { values, files: parsed.files.filter((file) => file.field === fileField) };
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  return {
    values: Object.fromEntries(Object.entries(body).map(([name, value]) => [name, first(value)])),
    files: [],
  };
}

/** Checks uploads by content; the field errors for those that may not be stored. */
export function checkFiles(files: ParsedForm['files'], field: string): FieldError[] {
  if (files.length > MAX_FILES)
    return [{ field, messageKey: 'complaints.error.tooManyFiles', params: { max: MAX_FILES } }];
  for (const file of files) {
    const checked = checkUpload({ bytes: file.bytes, declaredName: file.filename, accept: DOCUMENT_TYPES });
    if (!checked.ok) return [{ field, messageKey: `complaints.upload.${checked.reason}` as MessageKey }];
  }
  return [];
}

export async function storeFiles(
  store: DocumentStore,
  files: ParsedForm['files'],
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    const checked = checkUpload({ bytes: file.bytes, declaredName: file.filename, accept: DOCUMENT_TYPES });
    if (checked.ok) stored.push(await store.put(file.bytes, checked.type));
  }
  return stored;
}

function toFiling(values: Record<string, string>, locale: string): FilingForm {
  const text = (name: string) => values[name] ?? '';
  return {
    subType: text('subType'),
    district: text('district'),
    address: text('address'),
    latitude: text('latitude'),
    longitude: text('longitude'),
    description: text('description'),
    isPublic: values['isPublic'] === 'yes',
    contactName: text('contactName'),
    mobile: text('mobile'),
    email: text('email'),
    documentKind: text('documentKind'),
    documentNumber: text('documentNumber'),
    locale: values['locale'] === 'en' || values['locale'] === 'ur' ? values['locale'] : locale,
  };
}

const webMode = (actor: Actor): FilePageMode =>
  hasRole(actor, 'contact_centre_agent') ? 'contact_centre' : 'citizen';

export const fileRoutes: FastifyPluginAsync<{ services: Services; store: DocumentStore }> = async (
  app,
  { services, store },
) => {
  const { complaints } = services;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    mode: FilePageMode,
    values: Record<string, string>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const districts = (await services.reference.referenceData(request.actor)).districts.map((d) => ({
      code: d.code,
      name: localName(d, request.t.locale.code),
    }));
    return sendPage(
      reply,
      FilePage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        mode,
        tree: complaints.tree,
        districts,
        values: Object.fromEntries(FIELDS.map((name) => [name, values[name] ?? ''])),
        errors: toFormErrors(request.t, errors),
      }),
      status,
    );
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, mode: FilePageMode) {
    complaints.mayFile(request.actor, mode);
    const { values, files } = await parseForm(request, reply, 'evidence');
    const form = toFiling(values, request.t.locale.code);
    const errors = [
      ...(await complaints.checkFiling(request.actor, mode, form)),
      ...checkFiles(files, 'evidence'),
    ];
    if (errors.length > 0) return page(request, reply, mode, values, errors, 400);
    const documents = await storeFiles(store, files);
    try {
      const filed = await complaints.file(request.actor, mode, form, { documents });
      if (filed.kind === 'pending')
        return await reply.redirect(`/complaints/overseas/${filed.id}/confirm`, 303);
      const key = filed.key === null || mode === 'contact_centre' ? '' : `?key=${filed.key}`;
      return await reply.redirect(`/complaints/${filed.number}${key}`, 303);
    } catch (error: unknown) {
      await Promise.all(documents.map((document) => store.delete(document.key)));
      if (!isAppError(error) || error.fieldErrors.length === 0) throw error;
      const status = error.code === 'rate_limited' ? 429 : error.code === 'forbidden' ? 403 : 400;
      return page(request, reply, mode, values, [...error.fieldErrors], status);
    }
  }

  app.get('/complaints/new', async (request, reply) => {
    const mode = webMode(request.actor);
    complaints.mayFile(request.actor, mode);
    return page(request, reply, mode, { isPublic: '' });
  });
  app.post(
    '/complaints/new',
    { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => submit(request, reply, webMode(request.actor)),
  );
  app.get('/complaints/overseas', async (request, reply) => page(request, reply, 'overseas', {}));
  app.post(
    '/complaints/overseas',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => submit(request, reply, 'overseas'),
  );
  await app.register(confirmRoutes, { services });
};
