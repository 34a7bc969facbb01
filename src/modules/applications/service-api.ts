// The applications API's own use cases. Filing in one call: the answers of every step are checked as the
// web form checks them, file fields must name documents uploaded before (POST /api/v1/documents), and the
// draft is created and submitted in one transaction, so a refused application leaves nothing behind.
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import {
  AppError,
  type FieldError,
  conflict,
  forbidden,
  isAppError,
  validationFailed,
} from '../../platform/errors.ts';
import { type DocumentType, DOCUMENT_TYPES } from '../../platform/storage/content-type.ts';
import { isDocumentKey } from '../../platform/storage/document-store.ts';
import { referenceService } from '../reference/service.ts';
import type { ServicePack } from '../services/pack/validate.ts';
import { servicesService } from '../services/service.ts';
import { type Answers, type RawAnswers, validateStep, visibleFields } from './form/answers.ts';
import { updateIfVersion } from './repo.ts';
import type { FileApplicationInput } from './schema.ts';
import { applicationsService } from './service.ts';

/** What the caller's document store says about a key: the document's real type, or undefined if none. */
export interface DocumentLookup {
  typeOf(key: string): Promise<DocumentType | undefined>;
}

const pointer = (field: string) => (field.startsWith('/') ? field : `/answers/${field}`);

/** The label of the field in the reader's language, as the web form's messages name it. */
function withLabels(pack: ServicePack, errors: readonly FieldError[], language: string): FieldError[] {
  const fields = new Map(pack.form.steps.flatMap((step) => step.fields.map((field) => [field.id, field])));
  return errors.map((error) => {
    const field = fields.get(error.field);
    const label = field === undefined ? error.field : language === 'ur' ? field.label.ur : field.label.en;
    const name = /^\p{Lu}\p{Ll}/u.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
    return { ...error, field: pointer(error.field), params: { ...error.params, label, name } };
  });
}

function toRaw(answers: FileApplicationInput['answers']): RawAnswers {
  const raw: RawAnswers = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === null) continue;
    raw[id] = typeof value === 'number' ? String(value) : value;
  }
  return raw;
}

/** Every step in order, as submission checks them: the typed answers and every problem. */
function checkAnswers(pack: ServicePack, raw: RawAnswers, context: { today: Date; districts: string[] }) {
  let answers: Answers = {};
  const errors: FieldError[] = [];
  for (const step of pack.form.steps) {
    const result = validateStep(pack, step.id, raw, { ...context, previous: answers });
    answers = result.answers;
    errors.push(...result.errors);
  }
  const known = new Set(pack.form.steps.flatMap((step) => step.fields.map((field) => field.id)));
  for (const id of Object.keys(raw)) {
    if (!known.has(id)) errors.push({ field: id, messageKey: 'api.error.unknownField' });
  }
  return { answers, errors };
}

/** File answers must be documents in the store, of a type the pack accepts for that field. */
async function checkDocuments(pack: ServicePack, answers: Answers, documents: DocumentLookup) {
  const errors: FieldError[] = [];
  for (const field of visibleFields(pack, answers).filter((candidate) => candidate.type === 'file')) {
    const key = answers[field.id];
    if (typeof key !== 'string') continue;
    const type = isDocumentKey(key) ? await documents.typeOf(key) : undefined;
    const accept = pack.documents.find((document) => document.field === field.id)?.accept ?? DOCUMENT_TYPES;
    if (type === undefined) errors.push({ field: field.id, messageKey: 'api.error.documentUnknown' });
    else if (!accept.includes(type))
      errors.push({ field: field.id, messageKey: 'apply.upload.type_not_allowed' });
  }
  return errors;
}

export function applicationsApi(db: Db, options: { publicUrl: string; sessionSecret: string }) {
  const reference = referenceService(db); // once, so its cache serves every call
  const services = servicesService(db);

  async function packFor(actor: Actor, serviceCode: string): Promise<ServicePack> {
    try {
      return (await services.service(actor, serviceCode)).pack;
    } catch (error: unknown) {
      if (isAppError(error) && error.code === 'not_found') {
        throw validationFailed('There is no such service', [
          { field: '/serviceCode', messageKey: 'api.error.unknownService' },
        ]);
      }
      throw error;
    }
  }

  return {
    /** Only citizens apply, so only they upload documents for applications. */
    assertMayUpload(actor: Actor): void {
      if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
      if (actor.kind !== 'user' || actor.accountKind !== 'citizen')
        throw forbidden('Sign in with a citizen account to upload documents');
    },

    /** Creates and submits a whole application; field errors name JSON pointers into the request. */
    async file(
      actor: Actor,
      input: FileApplicationInput,
      context: { documents: DocumentLookup; language: string },
    ): Promise<{ number: string }> {
      if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
      if (actor.kind !== 'user' || actor.accountKind !== 'citizen')
        throw forbidden('Sign in with a citizen account to apply');
      const pack = await packFor(actor, input.serviceCode);
      const districts = (await reference.referenceData(actor)).districts.map((d) => d.code);
      const { answers, errors } = checkAnswers(pack, toRaw(input.answers), { today: new Date(), districts });
      errors.push(...(await checkDocuments(pack, answers, context.documents)));
      const fromForm = typeof answers['district'] === 'string' ? answers['district'] : undefined;
      const district = input.districtCode ?? fromForm;
      if (district === undefined || !districts.includes(district)) {
        errors.push({ field: '/districtCode', messageKey: 'applications.districtRequired' });
      }
      if (errors.length > 0 || district === undefined)
        throw validationFailed('The application is not complete', withLabels(pack, errors, context.language));
      try {
        return await inTransaction(db, async (trx) => {
          const core = applicationsService(trx, options);
          const id = await core.startDraft(actor, { serviceCode: pack.code, districtCode: district });
          const { application } = await core.get(actor, { id });
          if (!(await updateIfVersion(trx, id, application.version, { answers })))
            throw conflict('The application was changed while it was being filed');
          return core.submit(actor, id, application.version + 1);
        });
      } catch (error: unknown) {
        // A refusal at submission (an hour booked meanwhile) names the field like the checks above.
        if (isAppError(error) && error.code === 'validation_failed')
          throw validationFailed(error.message, withLabels(pack, error.fieldErrors, context.language));
        throw error;
      }
    },
  };
}

export type ApplicationsApi = ReturnType<typeof applicationsApi>;
