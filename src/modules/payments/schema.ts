// Request and response schemas of the payments API (/api/v1/bills, /api/v1/payments): Fastify validates with
// them, and the OpenAPI document is generated from them. Money is always an integer number of paisa.
import { type Static, Type } from '@sinclair/typebox';
import { FAILURE_CODES, PAYMENT_STATUSES } from './lifecycle.ts';

const DateTime = Type.String({ format: 'date-time' });
const Paisa = Type.Integer({
  minimum: 1,
  maximum: 1_000_000_000_000,
  description: 'Paisa (1 rupee = 100 paisa)',
});

export const PsidParams = Type.Object({
  psid: Type.String({
    pattern: '^[0-9]{17}$',
    description:
      '17 digits; the last is a Damm check digit over the first 16 (a wrong one is a 400 saying so)',
  }),
});

export const PaymentIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const PublicBillSchema = Type.Object({
  psid: Type.String(),
  status: Type.Union([
    Type.Literal('unpaid'),
    Type.Literal('paid'),
    Type.Literal('cancelled'),
    Type.Literal('expired'),
  ]),
  amountPaisa: Type.Integer(),
  currency: Type.Literal('PKR'),
  dueAt: DateTime,
  expiresAt: DateTime,
  department: Type.Object({
    code: Type.String(),
    name: Type.Object({ en: Type.String(), ur: Type.String() }),
  }),
});

export const StartPaymentBody = Type.Object(
  {
    psid: Type.String({ pattern: '^[0-9]{17}$' }),
    gateway: Type.String({
      pattern: '^[a-z][a-z0-9-]{0,30}$',
      description: 'An online gateway, e.g. sandbox',
    }),
  },
  { additionalProperties: false },
);
export type StartPaymentInput = Static<typeof StartPaymentBody>;

export const PaymentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  psid: Type.String(),
  amountPaisa: Type.Integer(),
  currency: Type.Literal('PKR'),
  status: Type.Union(PAYMENT_STATUSES.map((status) => Type.Literal(status))),
  failureCode: Type.Union([...FAILURE_CODES.map((code) => Type.Literal(code)), Type.Null()]),
  channel: Type.Union([Type.Literal('online'), Type.Literal('presentment'), Type.Literal('counter')]),
  gateway: Type.String(),
  receiptNumber: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
  links: Type.Object({
    self: Type.String(),
    next: Type.Optional(
      Type.String({ description: 'Where to send the payer to pay (a new online payment)' }),
    ),
    receipt: Type.Optional(Type.String()),
  }),
});

export const RefundBody = Type.Object(
  {
    amountPaisa: Paisa,
    expectedAvailablePaisa: Type.Integer({
      minimum: 0,
      description: 'What you believe is still refundable; if it has changed, the refund is refused with 412',
    }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RefundInput = Static<typeof RefundBody>;

export const RefundCreatedSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  paymentId: Type.String({ format: 'uuid' }),
  amountPaisa: Type.Integer(),
  status: Type.Union([Type.Literal('submitted'), Type.Literal('success'), Type.Literal('failed')]),
  availablePaisa: Type.Integer({ description: 'Still refundable after this refund' }),
});
