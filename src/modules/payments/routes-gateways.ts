// What payment gateways call: status callbacks for online payments, and bill inquiry and payment for bill
// presentment. The body is kept as raw bytes (this plugin's own content parser) because the signature is
// over exactly those bytes; the route authenticates by that signature, so no CSRF token. Answers are JSON.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { classifyError } from '../../platform/http/error-handler.ts';
import type { Services } from '../../services.ts';
import { SignatureError } from './gateways/signature.ts';

/** Gateway messages are small; anything larger is not one of ours. */
const MESSAGE_LIMIT_BYTES = 64 * 1024;
const GATEWAY_ID = /^[a-z][a-z0-9-]{0,30}$/;

function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

function gatewayOf(request: FastifyRequest): string {
  const id = (request.params as { gateway: string }).gateway;
  return GATEWAY_ID.test(id) ? id : '-';
}

export const gatewayRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { payments } = services;
  // Scoped to this plugin: everywhere else keeps the parsed JSON and form bodies.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: MESSAGE_LIMIT_BYTES },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.setErrorHandler((error, request, reply) => {
    const classified = classifyError(error);
    if (classified.status >= 500) request.log.error({ err: error }, 'gateway message failed');
    else request.log.warn({ code: classified.code, gateway: gatewayOf(request) }, 'gateway message refused');
    return reply
      .status(classified.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        status: classified.status,
        code: error instanceof SignatureError ? `signature_${error.problem}` : classified.code,
        ...(classified.detail === undefined ? {} : { detail: classified.detail }),
        requestId: request.id,
      });
  });
  const config = { csrfExempt: true };

  app.post('/payments/callback/:gateway', { config }, async (request) => {
    const result = await payments.handleStatusMessage(gatewayOf(request), rawBody(request), request.headers);
    return { received: true, changed: result.changed, status: result.status };
  });

  app.post('/gateways/:gateway/bill-inquiry', { config }, async (request) => {
    const bill = await payments.billInquiry(gatewayOf(request), rawBody(request), request.headers);
    return {
      psid: bill.psid,
      status: bill.status,
      payable: bill.status === 'unpaid',
      amountPaisa: bill.amountPaisa,
      dueAt: bill.dueAt.toISOString(),
      expiresAt: bill.expiresAt.toISOString(),
      department: bill.department,
    };
  });

  app.post('/gateways/:gateway/bill-payment', { config }, async (request) => {
    const result = await payments.billPaymentNotice(gatewayOf(request), rawBody(request), request.headers);
    return {
      received: true,
      status: result.status,
      paymentId: result.paymentId,
      receiptNumber: result.receiptNumber,
    };
  });
};
