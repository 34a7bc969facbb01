// Open311 GeoReport v2 over complaints. Services are the category tree's sub-types (service_code = the
// sub-type's code, group = its category); each has two attributes: the district (required: it decides the
// office) and whether the report may be shown publicly (default yes, as reports on FixMyStreet are).
// Apps file with an API key an administrator issued; anyone may read public complaints, and an app also
// its own. Errors are AppErrors whose message is the standard's error description.
import { createHash, randomBytes } from 'node:crypto';
import { type Actor, actorLabel, hasProvinceRole, systemActor } from '../../../platform/actor.ts';
import { insertAuditEvent } from '../../../platform/audit/repo.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import { AppError, forbidden, notFound, validationFailed } from '../../../platform/errors.ts';
import { type MessageKey, defaultLocale, findLocale, translatorFor } from '../../../platform/i18n/i18n.ts';
import { referenceService } from '../../reference/service.ts';
import { inLanguage } from '../categories.ts';
import type { ComplaintsContext } from '../context.ts';
import { filingUseCases } from '../filing.ts';
import { publicPhotoPath } from '../media.ts';
import type { ComplaintRow, ComplaintState } from '../repo.ts';
import { OPEN_STATES } from '../repo.ts';
import { firstPublicPhotos } from '../repo-lists.ts';
import { open311Status } from '../workflow.ts';
import {
  type ApiKeyRow,
  findActiveKeyByHash,
  insertApiKey,
  lastOfficialRemarks,
  listApiKeys,
  listRequests,
  listUpdates,
  revokeApiKey,
} from './repo.ts';
import { UPDATE_KINDS, updateStatus } from './updates.ts';

export const MAX_REQUESTS = 200;
const DAY_MS = 24 * 3_600_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The parameter an app sends for each of our form's fields, to name it in an error description. */
const PARAMETER: Readonly<Record<string, string>> = {
  subType: 'service_code',
  district: 'attribute[district]',
  address: 'address_string',
  latitude: 'lat',
  longitude: 'long',
  description: 'description',
  mobile: 'phone',
  email: 'email',
  contactName: 'first_name',
};

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
const bad = (description: string) => new AppError('bad_request', description);

function parseDate(text: string | undefined, name: string): Date | undefined {
  if (text === undefined || text === '') return undefined;
  // W3C date-time (ISO 8601 with a time zone), as the standard asks.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text))
    throw bad(`${name} must be a W3C date-time`);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw bad(`${name} must be a W3C date-time`);
  return date;
}

const list = (text: string | undefined) =>
  text === undefined || text.trim() === ''
    ? undefined
    : text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');

export function open311UseCases(context: ComplaintsContext) {
  const { db, tree } = context;
  const filing = filingUseCases(context);
  const reference = referenceService(db);

  async function names(locale: string) {
    const data = await reference.referenceData(systemActor('open311'));
    const department = new Map(data.departments.map((d) => [d.code, locale === 'ur' ? d.nameUr : d.nameEn]));
    return { data, department: (code: string) => department.get(code) ?? code };
  }

  async function authenticate(apiKey: string | undefined): Promise<ApiKeyRow | undefined> {
    if (apiKey === undefined || apiKey === '') return undefined;
    const key = await findActiveKeyByHash(db, hashKey(apiKey));
    if (key === undefined) throw forbidden('Invalid api_key');
    return key;
  }

  async function asRequests(rows: readonly ComplaintRow[], locale: string) {
    const { department } = await names(locale);
    const ids = rows.map((row) => row.id);
    const notes = await lastOfficialRemarks(db, ids);
    // A photo only of a public complaint (even to the app that filed a private one), stripped when served.
    const photos = await firstPublicPhotos(db, ids);
    return rows.map((row) => {
      const photo = photos.get(row.id);
      const subType = tree.subTypes.get(row.sub_type_code)?.subType;
      const closed = open311Status(row.state) === 'closed';
      return {
        service_request_id: row.number ?? '',
        status: open311Status(row.state),
        status_notes: closed ? (notes.get(row.id) ?? null) : null,
        service_name: subType === undefined ? null : inLanguage(subType.name, locale),
        service_code: row.sub_type_code,
        description: row.description,
        agency_responsible: department(row.department_code),
        service_notice: null,
        requested_datetime: (row.filed_at ?? row.created_at).toISOString(),
        updated_datetime: row.updated_at.toISOString(),
        expected_datetime: row.due_at?.toISOString() ?? null,
        address: row.address,
        address_id: null,
        zipcode: null,
        lat: row.latitude,
        long: row.longitude,
        media_url:
          photo === undefined || row.number === null
            ? null
            : `${context.options.publicUrl}${publicPhotoPath(row.number, photo)}`,
      };
    });
  }

  return {
    services(locale: string) {
      return tree.categories.flatMap((category) =>
        category.subTypes.map((subType) => ({
          service_code: subType.code,
          service_name: inLanguage(subType.name, locale),
          description: subType.description === undefined ? null : inLanguage(subType.description, locale),
          metadata: true,
          type: 'realtime' as const,
          keywords: subType.keywords === undefined ? null : subType.keywords.join(', '),
          group: inLanguage(category.name, locale),
        })),
      );
    },

    async serviceDefinition(code: string, locale: string) {
      if (!tree.subTypes.has(code)) throw notFound(`Service ${code}`);
      const t = translatorFor(findLocale(locale) ?? defaultLocale());
      const { data } = await names(locale);
      const text = (key: MessageKey) => t.t(key);
      return {
        service_code: code,
        attributes: [
          {
            variable: true,
            code: 'district',
            datatype: 'singlevaluelist' as const,
            required: true,
            datatype_description: null,
            order: 1,
            description: text('open311.attribute.district'),
            values: data.districts.map((district) => ({
              key: district.code,
              name: locale === 'ur' ? district.nameUr : district.nameEn,
            })),
          },
          {
            variable: true,
            code: 'public',
            datatype: 'singlevaluelist' as const,
            required: false,
            datatype_description: null,
            order: 2,
            description: text('open311.attribute.public'),
            values: [
              { key: 'yes', name: text('open311.attribute.yes') },
              { key: 'no', name: text('open311.attribute.no') },
            ],
          },
        ],
      };
    },

    async requests(query: Record<string, string | undefined>, locale: string, now: Date = new Date()) {
      const key = await authenticate(query['api_key']);
      const numbers = list(query['service_request_id']);
      const base = { limit: MAX_REQUESTS, ...(key === undefined ? {} : { apiKeyId: key.id }) };
      // The standard: with service_request_id given, every other parameter is ignored.
      if (numbers !== undefined) return asRequests(await listRequests(db, { ...base, numbers }), locale);
      const statuses = list(query['status']);
      if (statuses?.some((status) => status !== 'open' && status !== 'closed'))
        throw bad('status must be open or closed');
      const open = statuses?.includes('open') ?? true;
      const closed = statuses?.includes('closed') ?? true;
      const states = (
        [
          'submitted',
          'assigned',
          'reassignment_requested',
          'reopened',
          'resolved',
          'rejected',
          'closed',
        ] as ComplaintState[]
      ).filter((state) => (OPEN_STATES.includes(state) ? open : closed));
      const to = parseDate(query['end_date'], 'end_date') ?? now;
      const from = parseDate(query['start_date'], 'start_date') ?? new Date(to.getTime() - 90 * DAY_MS);
      if (from > to) throw bad('start_date must be before end_date');
      const serviceCodes = list(query['service_code']);
      return asRequests(
        await listRequests(db, {
          ...base,
          states,
          from,
          to,
          ...(serviceCodes === undefined ? {} : { serviceCodes }),
        }),
        locale,
      );
    },

    async request(number: string, query: Record<string, string | undefined>, locale: string) {
      const key = await authenticate(query['api_key']);
      const rows = await listRequests(db, {
        numbers: [number],
        limit: 1,
        ...(key === undefined ? {} : { apiKeyId: key.id }),
      });
      if (rows.length === 0) throw notFound(`Service request ${number}`);
      return asRequests(rows, locale);
    },

    /** POST requests: files a complaint for the app whose api_key it is. */
    async createRequest(body: Record<string, string | undefined>, now: Date = new Date()) {
      if ((body['api_key'] ?? '') === '') throw forbidden('api_key is required');
      const key = await authenticate(body['api_key']);
      if (key === undefined) throw forbidden('Invalid api_key');
      const code = body['service_code'] ?? '';
      if (!tree.subTypes.has(code))
        throw bad(`service_code ${code === '' ? 'is required' : `${code} is not a known service`}`);
      const lat = body['lat'] ?? '';
      const long = body['long'] ?? '';
      if ((body['address_string'] ?? '') === '' && (lat === '' || long === ''))
        throw bad('A location is required: lat and long, or address_string');
      const publicValue = body['attribute[public]'] ?? 'yes';
      if (publicValue !== 'yes' && publicValue !== 'no') throw bad('attribute[public] must be yes or no');
      const name = [body['first_name'] ?? '', body['last_name'] ?? '']
        .map((part) => part.trim())
        .filter(Boolean)
        .join(' ');
      const email = body['email'] ?? '';
      if (email !== '' && !EMAIL.test(email)) throw bad('email is not a valid e-mail address');
      const app = systemActor(`open311:${key.app_name}`);
      try {
        const filed = await filing.file(
          app,
          'open311',
          {
            subType: code,
            district: body['attribute[district]'] ?? '',
            address: body['address_string'] ?? '',
            latitude: lat,
            longitude: long,
            description: body['description'] ?? '',
            isPublic: publicValue === 'yes',
            contactName: name,
            mobile: body['phone'] ?? '',
            email,
            locale: body['locale'] === 'ur' ? 'ur' : 'en',
          },
          {
            apiKeyId: key.id,
            attributes: Object.fromEntries(
              Object.entries(body).filter(
                ([name, value]) => /^attribute\[[a-z_]+\]$/.test(name) && typeof value === 'string',
              ) as [string, string][],
            ),
          },
          now,
        );
        if (filed.kind !== 'filed') throw new Error('An Open311 request is never pending');
        return [{ service_request_id: filed.number, service_notice: null, account_id: null }];
      } catch (error: unknown) {
        if (!(error instanceof AppError) || error.fieldErrors.length === 0) throw error;
        const english = translatorFor(defaultLocale());
        const description = error.fieldErrors
          .map(
            (problem) =>
              `${PARAMETER[problem.field] ?? problem.field}: ${english.t(problem.messageKey as MessageKey, problem.params)}`,
          )
          .join('; ');
        throw error.code === 'rate_limited' ? new AppError('rate_limited', description) : bad(description);
      }
    },

    /** mySociety's servicerequestupdates: status changes of visible complaints in a time window. */
    async updates(query: Record<string, string | undefined>, now: Date = new Date()) {
      const key = await authenticate(query['api_key']);
      const to = parseDate(query['end_date'], 'end_date') ?? now;
      const from = parseDate(query['start_date'], 'start_date') ?? new Date(to.getTime() - DAY_MS);
      if (from > to) throw bad('start_date must be before end_date');
      const rows = await listUpdates(db, {
        from,
        to,
        kinds: UPDATE_KINDS,
        limit: 1000,
        ...(key === undefined ? {} : { apiKeyId: key.id }),
      });
      return rows.map((row) => ({
        update_id: String(row.id),
        service_request_id: row.number ?? '',
        status: updateStatus(row.kind),
        updated_datetime: row.occurred_at.toISOString(),
        // Only the office's own words on a resolution or a rejection: never comments, never dismissal reasons.
        description: row.kind === 'resolve' || row.kind === 'reject' ? (row.remarks ?? '') : '',
        media_url: '',
        external_status_code: row.to_state ?? row.state,
      }));
    },

    async issueKey(
      actor: Actor,
      input: { appName: string; contactEmail: string },
    ): Promise<{ id: string; key: string }> {
      requireAdministrator(actor);
      const appName = input.appName.trim();
      const contactEmail = input.contactEmail.trim().toLowerCase();
      const errors = [
        ...(appName === '' || appName.length > 100
          ? [{ field: 'appName', messageKey: 'open311.error.appName' }]
          : []),
        ...(EMAIL.test(contactEmail) && contactEmail.length <= 254
          ? []
          : [{ field: 'contactEmail', messageKey: 'open311.error.contactEmail' }]),
      ];
      if (errors.length > 0) throw validationFailed('The key cannot be issued as given', errors);
      const key = `o311_${randomBytes(24).toString('base64url')}`;
      const id = await inTransaction(db, async (trx) => {
        const created = await insertApiKey(trx, {
          appName,
          contactEmail,
          keyHash: hashKey(key),
          keyPrefix: key.slice(0, 9),
          createdBy: actorLabel(actor),
        });
        await insertAuditEvent(trx, {
          actorId: actor.kind === 'user' ? actor.userId : null,
          actorLabel: actorLabel(actor),
          action: 'open311.key_issued',
          subjectType: 'open311_api_key',
          subjectId: created,
          details: { appName },
        });
        return created;
      });
      return { id, key };
    },

    async listKeys(actor: Actor): Promise<ApiKeyRow[]> {
      requireAdministrator(actor);
      return listApiKeys(db);
    },

    async revokeKey(actor: Actor, id: string, now: Date = new Date()): Promise<void> {
      requireAdministrator(actor);
      await inTransaction(db, async (trx) => {
        if (!(await revokeApiKey(trx, id, now))) throw notFound('API key');
        await insertAuditEvent(trx, {
          actorId: actor.kind === 'user' ? actor.userId : null,
          actorLabel: actorLabel(actor),
          action: 'open311.key_revoked',
          subjectType: 'open311_api_key',
          subjectId: id,
        });
      });
    },
  };
}

function requireAdministrator(actor: Actor): void {
  if (!hasProvinceRole(actor, 'platform_admin'))
    throw forbidden('Only a platform administrator manages Open311 keys');
}
