// Request and response schemas of the applications API (/api/v1/applications, /api/v1/inbox,
// /api/v1/documents): Fastify validates with them, and the OpenAPI document is generated from them.
import { type Static, Type } from '@sinclair/typebox';

const Bilingual = Type.Object({ en: Type.String(), ur: Type.String() });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ApplicationNumberParams = Type.Object({
  number: Type.String({
    pattern: '^[A-Z]{3}-[A-Z]{3}-\\d{4}-\\d{6}$',
    description: 'e.g. DOM-QTA-2026-000123',
  }),
});

const Answer = Type.Union([
  Type.String({ maxLength: 5000 }),
  Type.Number(),
  Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
  Type.Null(),
]);

export const FileApplicationBody = Type.Object(
  {
    serviceCode: Type.String({
      pattern: '^[a-z][a-z0-9-]{1,60}$',
      description: 'A code from /api/v1/services',
    }),
    districtCode: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{3}$',
        description:
          'The district whose office handles it. May be left out when the form asks for the district (its answer decides).',
      }),
    ),
    answers: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,60}$' }), Answer, {
      description:
        'Answers by field id of the service pack (GET /api/v1/services/{code}): text, numbers, option values, ' +
        'dates as YYYY-MM-DD, a slot as YYYY-MM-DDTHH:00, several option values as an array. A file field takes ' +
        'the `key` that POST /api/v1/documents returned.',
    }),
  },
  { additionalProperties: false },
);
export type FileApplicationInput = Static<typeof FileApplicationBody>;

const Fee = Type.Union([Type.Object({ amount: Type.Number(), currency: Type.Literal('PKR') }), Type.Null()]);

const Links = Type.Object({ self: Type.String() });

export const ApplicationCreatedSchema = Type.Object({
  number: Type.String(),
  status: Type.String({ description: 'The workflow state it entered' }),
  version: Type.Integer(),
  fee: Fee,
  promisedAt: Nullable(DateTime),
  links: Links,
});

export const ApplicationSummarySchema = Type.Object({
  number: Type.String(),
  serviceCode: Type.String(),
  serviceName: Bilingual,
  status: Type.String(),
  statusLabel: Bilingual,
  district: Type.String(),
  submittedAt: Nullable(DateTime),
  promisedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  overdue: Type.Boolean(),
  links: Links,
});
export const ApplicationListSchema = Type.Object({ items: Type.Array(ApplicationSummarySchema) });

export const InboxQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Application number, CNIC or (part of) a name' }),
  ),
  overdue: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: overdue only' }),
  ),
});

export const ApplicationDetailSchema = Type.Object({
  number: Type.String(),
  serviceCode: Type.String(),
  packVersion: Type.Integer(),
  serviceName: Bilingual,
  status: Type.String(),
  statusLabel: Bilingual,
  outcome: Type.Union([Type.String(), Type.Null()]),
  district: Type.String(),
  department: Type.String(),
  holder: Type.Union([
    Type.Object({
      role: Type.String(),
      office: Bilingual,
      department: Type.String(),
      district: Type.String(),
    }),
    Type.Null(),
  ]),
  fee: Fee,
  submittedAt: Nullable(DateTime),
  promisedAt: Nullable(DateTime),
  dueAt: Nullable(DateTime),
  decidedAt: Nullable(DateTime),
  version: Type.Integer({ description: 'Send it back with an action: a stale version is a 409' }),
  answers: Type.Record(Type.String(), Answer, { description: 'File fields are listed under documents' }),
  documents: Type.Array(Type.Object({ field: Type.String(), href: Type.String() })),
  events: Type.Array(
    Type.Object({
      at: DateTime,
      kind: Type.String(),
      action: Type.Union([Type.String(), Type.Null()]),
      fromState: Type.Union([Type.String(), Type.Null()]),
      toState: Type.Union([Type.String(), Type.Null()]),
      remarks: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  actions: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Bilingual,
      to: Type.String(),
      remarks: Type.Union([Type.Literal('required'), Type.Literal('optional'), Type.Literal('none')]),
    }),
    { description: 'What the caller may do now (POST …/actions)' },
  ),
  links: Type.Object({ self: Type.String(), actions: Type.String(), page: Type.String() }),
});
export type ApplicationDetail = Static<typeof ApplicationDetailSchema>;

export const ActionBody = Type.Object(
  {
    action: Type.String({ minLength: 1, maxLength: 60 }),
    remarks: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.Integer({ minimum: 1, description: 'The version the caller saw' }),
  },
  { additionalProperties: false },
);

export const ActionResultSchema = Type.Object({
  number: Type.String(),
  status: Type.String(),
  statusLabel: Bilingual,
  version: Type.Integer(),
  links: Links,
});

export const DocumentStoredSchema = Type.Object({
  key: Type.String({ description: 'Give it as the answer of a file field' }),
  type: Type.Union([Type.Literal('pdf'), Type.Literal('jpeg'), Type.Literal('png')]),
  size: Type.Integer(),
  sha256: Type.String(),
});
