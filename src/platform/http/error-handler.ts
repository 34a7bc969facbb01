// The one place errors become HTTP responses. Under /api/: RFC 9457 problem+json. Elsewhere: an error page
// in the reader's language. Never a stack trace: unexpected errors are logged with the request id, and
// the user sees that id as a reference.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type FieldError, isAppError } from '../errors.ts';
import { type MessageKey, defaultLocale, translatorFor } from '../i18n/i18n.ts';
import { sendPage } from '../views/render.ts';
import { ErrorPage } from '../views/error-page.tsx';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const TITLES: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'The request is not valid',
  unauthenticated: 'Sign-in required',
  forbidden: 'Forbidden',
  csrf_invalid: 'The form has expired or did not come from this site',
  not_found: 'Not found',
  conflict: 'Conflict with the current state',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Request too large',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

interface Classified {
  readonly code: ErrorCode;
  readonly status: number;
  /** Safe to show: our own message, or a framework's description of the client's mistake. */
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
}

/** Sorts any thrown value into one of our codes. Unknown errors are internal, and their text is hidden. */
export function classifyError(error: unknown): Classified {
  if (isAppError(error)) {
    return {
      code: error.code,
      status: STATUS[error.code],
      detail: error.message,
      fieldErrors: error.fieldErrors,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode ?? 500;
  const frameworkCode = fastifyError.code ?? '';
  let code: ErrorCode = 'internal';
  if (frameworkCode.startsWith('FST_CSRF_')) code = 'csrf_invalid';
  else if (frameworkCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) code = 'payload_too_large';
  else if (status === 429) code = 'rate_limited';
  else if (status === 404) code = 'not_found';
  else if (status >= 400 && status < 500) code = 'bad_request';
  if (code === 'internal') return { code, status: 500, detail: undefined, fieldErrors: [] };
  // A framework's own 4xx (405, 415, 400 for malformed JSON...) keeps its precise status.
  return {
    code,
    status: code === 'bad_request' ? status : STATUS[code],
    detail: fastifyError.message,
    fieldErrors: [],
  };
}

/** Field errors of a problem: each with its catalog key and the message in the request's language. */
function problemErrors(request: FastifyRequest, classified: Classified) {
  const t = (request as Partial<FastifyRequest>).t ?? translatorFor(defaultLocale());
  return classified.fieldErrors.map((error) => ({
    ...error,
    detail: t.t(error.messageKey as MessageKey, error.params),
  }));
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

/** Machine-readable addresses outside /api/ (the transparency log, status lists) answer problems too. */
const PROBLEM_PREFIXES = ['/log/', '/credentials/status/'];
const answersProblems = (request: FastifyRequest) =>
  isApiRequest(request) || PROBLEM_PREFIXES.some((prefix) => request.url.startsWith(prefix));

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  publicUrl: string,
): FastifyReply {
  const classified = classifyError(error);
  if (classified.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: classified.code, status: classified.status }, 'request refused');
  }
  if (classified.code === 'rate_limited') {
    const retryAfter = (error as { headers?: Record<string, string | number | undefined> }).headers?.[
      'retry-after'
    ];
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  }
  if (answersProblems(request)) {
    // RFC 6750: a 401 tells the client how to authenticate (a route may have set a more precise challenge).
    if (classified.status === 401 && !reply.hasHeader('www-authenticate'))
      reply.header('www-authenticate', 'Bearer realm="sahulat"');
    return reply
      .status(classified.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: `${publicUrl}/problems/${classified.code.replaceAll('_', '-')}`,
        title: TITLES[classified.code],
        status: classified.status,
        ...(classified.detail === undefined ? {} : { detail: classified.detail }),
        instance: request.url.split('?')[0],
        code: classified.code,
        requestId: request.id,
        ...(classified.fieldErrors.length === 0 ? {} : { errors: problemErrors(request, classified) }),
      });
  }
  // A page that needs a signed-in person sends the browser to sign in, and back here afterwards.
  if (classified.code === 'unauthenticated' && request.method === 'GET') {
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  }
  // `request.t` is missing only if the failure came before the locale hook ran.
  const t = (request as Partial<FastifyRequest>).t ?? translatorFor(defaultLocale());
  return sendPage(
    reply,
    ErrorPage({ t, code: classified.code, reference: request.id, currentPath: request.url }),
    classified.status,
  );
}

export function registerErrorHandling(app: FastifyInstance, publicUrl: string): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error, publicUrl));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, Object.assign(new Error('Not found'), { statusCode: 404 }), publicUrl),
  );
}
