// The applications API (v1): file an application in one call, follow one's own, and for officers the inbox
// and workflow actions. Authentication: the session cookie (with X-CSRF-Token on POSTs) or a Bearer access
// token with the `applications` scope; every POST takes an optional Idempotency-Key (platform/http).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import {
  MAX_DOCUMENT_BYTES,
  MEDIA_TYPES,
  checkUpload,
  sniffDocumentType,
} from '../../platform/storage/content-type.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import { API_SECURITY } from '../../platform/openapi/document.ts';
import type { Services } from '../../services.ts';
import type { ServicePack } from '../services/pack/validate.ts';
import { apiPath, detailOf, feeOf, statusLabel, summaryOf } from './api-views.ts';
import type { ApplicationRow } from './repo.ts';
import {
  ActionBody,
  ActionResultSchema,
  ApplicationCreatedSchema,
  ApplicationDetailSchema,
  ApplicationListSchema,
  ApplicationNumberParams,
  DocumentStoredSchema,
  type FileApplicationInput,
  FileApplicationBody,
  InboxQuery,
} from './schema.ts';

const tags = ['applications'];
const security = API_SECURITY;
const DOCUMENT_FIELD = /^[a-zA-Z][a-zA-Z0-9]{0,60}$/;

export const applicationApiRoutes: FastifyPluginAsync<{ services: Services; store: DocumentStore }> = async (
  app,
  { services, store },
) => {
  const { applications, applicationsApi } = services;
  // Documents arrive as their bytes, typed by Content-Type; what they really are is decided from the bytes.
  app.addContentTypeParser(
    Object.values(MEDIA_TYPES),
    { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );

  async function summaries(request: FastifyRequest, rows: readonly ApplicationRow[]) {
    const packs = new Map<string, Promise<ServicePack>>();
    const packOf = (row: ApplicationRow) => {
      const id = `${row.service_code}@${row.pack_version}`;
      const pack =
        packs.get(id) ?? services.services.packAt(request.actor, row.service_code, row.pack_version);
      packs.set(id, pack);
      return pack;
    };
    const now = Date.now();
    return Promise.all(rows.map(async (row) => summaryOf(row, await packOf(row), now)));
  }

  app.post(
    '/api/v1/documents',
    {
      schema: {
        tags,
        security,
        summary: 'Upload a document for a file field',
        description:
          'The body is the file itself (PDF, JPEG or PNG, at most 5 MB), with its Content-Type. Its real type is ' +
          'decided from its bytes. The returned key is the answer of a file field in POST /api/v1/applications; ' +
          'it is a secret: whoever holds it can attach the document. Citizens only.',
        body: {
          content: Object.fromEntries(
            Object.values(MEDIA_TYPES).map((type) => [type, { schema: { description: 'The bytes' } }]),
          ),
        },
        response: { 201: DocumentStoredSchema },
      },
    },
    async (request, reply) => {
      applicationsApi.assertMayUpload(request.actor);
      if (!Buffer.isBuffer(request.body))
        throw new AppError('bad_request', 'Send the file itself as application/pdf, image/jpeg or image/png');
      const checked = checkUpload({ bytes: request.body, declaredName: '', accept: ['pdf', 'jpeg', 'png'] });
      if (!checked.ok) {
        throw new AppError('validation_failed', 'The document is not accepted', {
          fieldErrors: [{ field: '/', messageKey: `apply.upload.${checked.reason}` }],
        });
      }
      const stored = await store.put(request.body, checked.type);
      return reply.code(201).send(stored);
    },
  );

  app.post(
    '/api/v1/applications',
    {
      schema: {
        tags,
        security,
        summary: 'File an application (created and submitted in one call)',
        description:
          'Citizens only. Every answer is checked as the web form checks it; problems come back together as a ' +
          '422 problem whose `errors` name each field by JSON pointer (`/answers/fullName`). File fields take ' +
          'keys from POST /api/v1/documents: a key that is not a stored document, or of a type the service does ' +
          'not accept for that field, is a field error. An application that is refused leaves nothing behind.',
        body: FileApplicationBody,
        response: { 201: ApplicationCreatedSchema },
      },
    },
    async (request, reply) => {
      const { number } = await applicationsApi.file(request.actor, request.body as FileApplicationInput, {
        language: request.t.locale.code,
        documents: {
          typeOf: async (key) => {
            const bytes = await store.get(key);
            return bytes === undefined ? undefined : sniffDocumentType(bytes);
          },
        },
      });
      const { application } = await applications.get(request.actor, { number });
      return reply
        .code(201)
        .header('location', apiPath(number))
        .send({
          number,
          status: application.state,
          version: application.version,
          fee: feeOf(application),
          promisedAt: application.promised_at?.toISOString() ?? null,
          links: { self: apiPath(number) },
        });
    },
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        security,
        summary: 'My applications',
        description:
          'The caller’s submitted applications, newest first (drafts of the web form are not listed).',
        response: { 200: ApplicationListSchema },
      },
    },
    async (request) => {
      const rows = (await applications.mine(request.actor)).filter((row) => row.number !== null);
      return { items: await summaries(request, rows) };
    },
  );

  app.get(
    '/api/v1/applications/:number',
    {
      schema: {
        tags,
        security,
        summary: 'One application',
        description:
          'For its applicant and the officers of its office (and province-wide auditors). Anyone else gets 404, ' +
          'as for an application that does not exist. `actions` lists what the caller may do now.',
        params: ApplicationNumberParams,
        response: { 200: ApplicationDetailSchema },
      },
    },
    async (request) => {
      const { number } = request.params as { number: string };
      return detailOf(await applications.get(request.actor, { number }));
    },
  );

  app.get(
    '/api/v1/applications/:number/documents/:field',
    {
      schema: {
        tags,
        security,
        summary: 'A document of an application',
        description: 'The stored file as uploaded, for those who may see the application.',
        params: {
          type: 'object',
          properties: {
            number: ApplicationNumberParams.properties.number,
            field: { type: 'string', pattern: DOCUMENT_FIELD.source },
          },
          required: ['number', 'field'],
        },
      },
    },
    async (request, reply) => {
      const { number, field } = request.params as { number: string; field: string };
      const bytes = await store.get(await applications.documentKey(request.actor, number, field));
      const type = bytes === undefined ? undefined : sniffDocumentType(bytes);
      if (bytes === undefined || type === undefined) throw new AppError('not_found', 'No such document');
      return reply
        .header('cache-control', 'private, no-store')
        .type(MEDIA_TYPES[type])
        .send(Buffer.from(bytes));
    },
  );

  app.post(
    '/api/v1/applications/:number/actions',
    {
      schema: {
        tags,
        security,
        summary: 'Take a workflow action',
        description:
          'One of the `actions` of the application, with the `version` the caller saw: if someone acted first ' +
          'the answer is 409 and nothing changes. Remarks are required where the action says so.',
        params: ApplicationNumberParams,
        body: ActionBody,
        response: { 200: ActionResultSchema },
      },
    },
    async (request) => {
      const { number } = request.params as { number: string };
      const body = request.body as { action: string; remarks?: string; version: number };
      await applications.act(request.actor, number, {
        action: body.action,
        remarks: body.remarks ?? '',
        version: body.version,
      });
      const { application, pack } = await applications.get(request.actor, { number });
      return {
        number,
        status: application.state,
        statusLabel: statusLabel(pack, application.state),
        version: application.version,
        links: { self: apiPath(number) },
      };
    },
  );

  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['inbox'],
        security,
        summary: 'The officer’s inbox',
        description:
          'Open applications held by the caller’s working roles within their departments and districts, the ' +
          'nearest deadline first (at most 200). Same filters as the /inbox page.',
        querystring: InboxQuery,
        response: { 200: ApplicationListSchema },
      },
    },
    async (request) => {
      const query = request.query as { q?: string; overdue?: string };
      const rows = await applications.inbox(request.actor, {
        text: query.q ?? '',
        overdueOnly: query.overdue === '1',
      });
      return { items: await summaries(request, rows) };
    },
  );
};
