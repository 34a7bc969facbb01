// The payments API (v1): a bill's public view by PSID, starting an online payment, reading a payment, and
// refunds. POSTs take an optional Idempotency-Key (platform/http/idempotency.ts, applied to every POST under
// /api/v1/); refunds also state the amount they expect to be refundable (412 when it changed, 409 while
// another refund of the payment is under way).
import type { FastifyPluginAsync } from 'fastify';
import { API_SECURITY } from '../../platform/openapi/document.ts';
import type { Services } from '../../services.ts';
import type { PaymentRow } from './repo.ts';
import {
  PaymentIdParams,
  PaymentSchema,
  PsidParams,
  PublicBillSchema,
  RefundBody,
  RefundCreatedSchema,
  type RefundInput,
  StartPaymentBody,
  type StartPaymentInput,
} from './schema.ts';

const tags = ['payments'];
const paymentPath = (id: string) => `/api/v1/payments/${id}`;

function paymentJson(payment: PaymentRow, psid: string, extra: { next?: string } = {}) {
  return {
    id: payment.id,
    psid,
    amountPaisa: payment.amount_paisa,
    currency: 'PKR' as const,
    status: payment.status,
    failureCode: payment.failure_code,
    channel: payment.channel,
    gateway: payment.gateway,
    receiptNumber: payment.receipt_number,
    createdAt: payment.created_at.toISOString(),
    finishedAt: payment.finished_at?.toISOString() ?? null,
    links: {
      self: paymentPath(payment.id),
      ...extra,
      ...(payment.receipt_number === null ? {} : { receipt: `/payments/receipts/${payment.receipt_number}` }),
    },
  };
}

export const paymentApiRoutes: FastifyPluginAsync<{ services: Services; publicUrl: string }> = async (
  app,
  { services, publicUrl },
) => {
  const { payments } = services;

  app.get(
    '/api/v1/bills/:psid',
    {
      schema: {
        tags,
        security: [],
        summary: 'What is owed on a PSID',
        description:
          'Public, as at a bank: the amount, status, due date and department, and nothing about the payer. ' +
          'A PSID whose check digit is wrong is a 400 that says so (a digit was mistyped).',
        params: PsidParams,
        response: { 200: PublicBillSchema },
      },
    },
    async (request) => {
      const bill = await payments.bills.publicBill((request.params as { psid: string }).psid);
      return {
        psid: bill.psid,
        status: bill.status,
        amountPaisa: bill.amountPaisa,
        currency: 'PKR' as const,
        dueAt: bill.dueAt.toISOString(),
        expiresAt: bill.expiresAt.toISOString(),
        department: {
          code: bill.department.code,
          name: { en: bill.department.nameEn, ur: bill.department.nameUr },
        },
      };
    },
  );

  app.post(
    '/api/v1/payments',
    {
      schema: {
        tags,
        security: API_SECURITY,
        summary: 'Start paying a bill online',
        description:
          'The payer only. Opens a checkout at the gateway; send the payer to `links.next`. The payment moves on ' +
          'as the gateway reports (GET it to follow); the bill is paid when it reaches `success`.',
        body: StartPaymentBody,
        response: { 201: PaymentSchema },
      },
    },
    async (request, reply) => {
      const input = request.body as StartPaymentInput;
      const started = await payments.startOnlinePayment(request.actor, input.psid, input.gateway);
      const { payment, bill } = await payments.payment(request.actor, started.paymentId);
      const next = started.redirectUrl.startsWith('/')
        ? `${publicUrl}${started.redirectUrl}`
        : started.redirectUrl;
      return reply
        .code(201)
        .header('location', paymentPath(payment.id))
        .send(paymentJson(payment, bill.psid, { next }));
    },
  );

  app.get(
    '/api/v1/payments/:id',
    {
      schema: {
        tags,
        security: API_SECURITY,
        summary: 'A payment and its status',
        description: 'For the payer and the officers of the bill’s department; 404 to anyone else.',
        params: PaymentIdParams,
        response: { 200: PaymentSchema },
      },
    },
    async (request) => {
      const { payment, bill } = await payments.payment(request.actor, (request.params as { id: string }).id);
      return paymentJson(payment, bill.psid);
    },
  );

  app.post(
    '/api/v1/payments/:id/refunds',
    {
      schema: {
        tags,
        security: API_SECURITY,
        summary: 'Refund part or all of a payment',
        description:
          'A finance officer of the bill’s department. The sum of refunds never exceeds what was paid. ' +
          '412 when `expectedAvailablePaisa` is no longer what is refundable; 409 while another refund of the ' +
          'same payment is under way.',
        params: PaymentIdParams,
        body: RefundBody,
        response: { 201: RefundCreatedSchema },
      },
    },
    async (request, reply) => {
      const input = request.body as RefundInput;
      const { refund, availablePaisa } = await payments.refunds.refund(
        request.actor,
        (request.params as { id: string }).id,
        {
          amountPaisa: input.amountPaisa,
          expectedAvailablePaisa: input.expectedAvailablePaisa,
          reason: input.reason,
        },
      );
      return reply.code(201).send({
        id: refund.id,
        paymentId: refund.payment_id,
        amountPaisa: refund.amount_paisa,
        status: refund.status,
        availablePaisa,
      });
    },
  );
};
