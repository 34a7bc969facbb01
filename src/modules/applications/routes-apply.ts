// Applying through the pages: start a draft from a service's page, fill each step (uploads included),
// review, and send. Works without JavaScript; every step is saved as a draft.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError, isAppError } from '../../platform/errors.ts';
import { verifyCsrfToken } from '../../platform/http/csrf.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import {
  checkUpload,
  DOCUMENT_TYPES,
  MEDIA_TYPES,
  sniffDocumentType,
} from '../../platform/storage/content-type.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import { readMultipartForm } from '../../platform/storage/multipart.ts';
import { sendPage } from '../../platform/views/render.ts';
import { localName } from '../reference/service.ts';
import type { Services } from '../../services.ts';
import type { Answers, RawAnswers } from './form/answers.ts';
import { computeFee } from './form/answers.ts';
import { formErrorsFor } from './form/step-fields.tsx';
import { ReviewPage, StepPage } from './views/apply-pages.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Form = Record<string, string | string[] | undefined>;

export const applyRoutes: FastifyPluginAsync<{ services: Services; store: DocumentStore }> = async (
  app,
  { services, store },
) => {
  const { applications } = services;
  const idOf = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found', 'No such application');
    return id;
  };
  const districtsFor = async (request: FastifyRequest) =>
    (await services.reference.referenceData(request.actor)).districts.map((d) => ({
      code: d.code,
      name: localName(d, request.t.locale.code),
    }));

  async function stepPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    stepId: string,
    extra: { errors?: FieldError[]; raw?: RawAnswers; answers?: Answers } = {},
    status = 200,
  ) {
    const { application, pack } = await applications.get(request.actor, { id });
    const stepIndex = pack.form.steps.findIndex((step) => step.id === stepId);
    if (stepIndex < 0) throw new AppError('not_found', 'No such step');
    return sendPage(
      reply,
      StepPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        pack,
        applicationId: id,
        stepIndex,
        version: application.version,
        answers: extra.answers ?? (application.answers as Answers),
        ...(extra.raw === undefined ? {} : { raw: extra.raw }),
        errors: formErrorsFor(request.t, pack, extra.errors ?? []),
        districts: await districtsFor(request),
      }),
      status,
    );
  }

  // Documents are shown inline to the applicant and the officers of the office, never cached, never sniffed.
  app.get('/applications/:number/documents/:field', async (request, reply) => {
    const { number, field } = request.params as { number: string; field: string };
    if (!/^[A-Z]{3}-[A-Z]{3}-\d{4}-\d{6}$/.test(number) || !/^[a-zA-Z][a-zA-Z0-9]{0,60}$/.test(field)) {
      throw new AppError('not_found', 'No such document');
    }
    const bytes = await store.get(await applications.documentKey(request.actor, number, field));
    const type = bytes === undefined ? undefined : sniffDocumentType(bytes);
    if (bytes === undefined || type === undefined) throw new AppError('not_found', 'No such document');
    return reply
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `inline; filename="${number}-${field}.${type === 'jpeg' ? 'jpg' : type}"`,
      )
      .type(MEDIA_TYPES[type])
      .send(Buffer.from(bytes));
  });

  app.post('/applications/start', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const id = await applications.startDraft(request.actor, {
      serviceCode: form['serviceCode'] ?? '',
      districtCode: form['district'] ?? '',
    });
    const { pack } = await applications.get(request.actor, { id });
    return reply.redirect(`/applications/draft/${id}/${pack.form.steps[0]?.id ?? 'review'}`, 303);
  });

  app.get('/applications/draft/:id/review', async (request, reply) => {
    const id = idOf(request);
    const { application, pack } = await applications.get(request.actor, { id });
    // After a correction the application goes back through its track page's "send back" action.
    if (application.state !== 'draft' && application.number !== null) {
      return reply.redirect(`/applications/${application.number}`, 303);
    }
    return sendPage(
      reply,
      ReviewPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        pack,
        applicationId: id,
        version: application.version,
        errors: [],
        fee: computeFee(pack, application.answers as Answers),
      }),
    );
  });

  app.get('/applications/draft/:id/:step', async (request, reply) =>
    stepPage(request, reply, idOf(request), (request.params as { step: string }).step),
  );

  app.post('/applications/draft/:id/submit', async (request, reply) => {
    const id = idOf(request);
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    try {
      const { number } = await applications.submit(request.actor, id, Number(form['version']));
      // A kiosk, and an operator who filed it at the counter, go straight to the slip to print.
      const { application } = await applications.get(request.actor, { number });
      const filedHere = request.actor.kind === 'user' && application.filed_by === request.actor.userId;
      const slip = request.kiosk !== null || filedHere;
      return await reply.redirect(`/applications/${number}${slip ? '/slip' : ''}`, 303);
    } catch (error: unknown) {
      if (!(isAppError(error) && error.code === 'validation_failed')) throw error;
      const { application, pack } = await applications.get(request.actor, { id });
      return sendPage(
        reply,
        ReviewPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          pack,
          applicationId: id,
          version: application.version,
          errors: formErrorsFor(request.t, pack, error.fieldErrors),
          fee: computeFee(pack, application.answers as Answers),
        }),
        400,
      );
    }
  });

  app.post('/applications/draft/:id/:step', async (request, reply) => {
    const id = idOf(request);
    const stepId = (request.params as { step: string }).step;
    const { pack } = await applications.get(request.actor, { id });
    const step = pack.form.steps.find((candidate) => candidate.id === stepId);
    if (step === undefined) throw new AppError('not_found', 'No such step');
    const raw: RawAnswers = {};
    const uploadErrors: FieldError[] = [];
    let form: Form;
    if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const parsed = await readMultipartForm(request);
      if (!verifyCsrfToken(request, reply, parsed.fields['_csrf']))
        throw new AppError('csrf_invalid', 'The form has expired');
      form = parsed.fields;
      for (const file of parsed.files) {
        const field = step.fields.find(
          (candidate) => candidate.id === file.field && candidate.type === 'file',
        );
        if (field === undefined) continue;
        const checked = checkUpload({
          bytes: file.bytes,
          declaredName: file.filename,
          accept: pack.documents.find((document) => document.field === field.id)?.accept ?? DOCUMENT_TYPES,
        });
        if (!checked.ok) {
          uploadErrors.push({
            field: field.id,
            messageKey: `apply.upload.${checked.reason}` as MessageKey,
          });
          continue;
        }
        raw[field.id] = (await store.put(file.bytes, checked.type)).key;
      }
    } else {
      form = (request.body ?? {}) as Form;
    }
    for (const field of step.fields) {
      if (field.type !== 'file' && form[field.id] !== undefined) raw[field.id] = form[field.id];
      if (field.type === 'slot' && form[`${field.id}-hour`] !== undefined)
        raw[`${field.id}-hour`] = form[`${field.id}-hour`];
    }
    const version = Number(Array.isArray(form['version']) ? form['version'][0] : form['version']);
    const saved = await applications.saveStep(request.actor, id, { stepId, raw, version });
    const errors = [...uploadErrors, ...saved.errors];
    if (errors.length > 0)
      return stepPage(request, reply, id, stepId, { errors, raw, answers: saved.answers }, 400);
    const index = pack.form.steps.findIndex((candidate) => candidate.id === stepId);
    const next = pack.form.steps[index + 1];
    return reply.redirect(`/applications/draft/${id}/${next?.id ?? 'review'}`, 303);
  });
};
