// Request and response schemas of the service catalogue API (also its OpenAPI description).
import { type Static, Type } from '@sinclair/typebox';

const Bilingual = Type.Object({ en: Type.String(), ur: Type.String() });

export const ServiceSummarySchema = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  name: Bilingual,
  summary: Bilingual,
  department: Type.String(),
  fee: Type.Union([
    Type.Object({ amount: Type.Number(), currency: Type.Literal('PKR') }),
    Type.Object({
      kind: Type.Union([Type.Literal('byOption'), Type.Literal('computed')]),
      currency: Type.Literal('PKR'),
    }),
  ]),
  slaDays: Type.Integer(),
});

export const ServiceListSchema = Type.Object({ items: Type.Array(ServiceSummarySchema) });
export const ServiceQuerySchema = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });
export const ServiceParamsSchema = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,60}$' }) });

export type ServiceSummary = Static<typeof ServiceSummarySchema>;
export type ServiceList = Static<typeof ServiceListSchema>;
