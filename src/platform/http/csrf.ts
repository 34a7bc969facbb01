// CSRF protection for every state-changing request. Forms carry `_csrf` from `reply.generateCsrf()`; the
// secret lives in a signed, HttpOnly, SameSite=Lax cookie. Under /api/ a request that authenticates with
// a Bearer token needs no token (a cross-site form cannot send that header); one that rides on the session
// cookie must send the token in an `X-CSRF-Token` header (from `GET /api/v1/csrf-token` or any page's form).
import fastifyCsrf from '@fastify/csrf-protection';
import { Tokens } from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates its caller otherwise (a payment gateway's signature): no CSRF token. */
    csrfExempt?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = 'csrf';
const COOKIE_OPTIONS = { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' } as const;

export async function registerCsrf(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: COOKIE_OPTIONS,
  });
  // One secret per browser, settled before any handler runs: a page that renders two forms (its own and the
  // header's sign-out) on a browser's first visit would otherwise mint two secrets, and one form would fail.
  app.addHook('onRequest', async (request, reply) => {
    // Open311 (/open311/) is an API authenticated by its api_key parameter; its POSTs are csrfExempt routes.
    const page = !['/api/', '/assets/', '/open311/'].some((prefix) => request.url.startsWith(prefix));
    const existing = request.cookies[CSRF_COOKIE];
    if (!page || (existing !== undefined && reply.unsignCookie(existing).valid)) return;
    const secret = tokens.secretSync();
    reply.setCookie(CSRF_COOKIE, secret, COOKIE_OPTIONS);
    request.cookies[CSRF_COOKIE] = reply.signCookie(secret);
  });
  app.addHook('preHandler', (request, reply, done) => {
    // Multipart forms (uploads) are read by their route, which checks the token from the parsed fields
    // with `verifyCsrfToken` before acting on anything.
    const multipart = (request.headers['content-type'] ?? '').startsWith('multipart/form-data');
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrfExempt === true) {
      done();
      return;
    }
    if (request.url.startsWith('/api/')) {
      done(apiCsrfFailure(request, reply));
      return;
    }
    if (multipart) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}

const tokens = new Tokens({});
export const API_CSRF_HEADER = 'x-csrf-token';

/** The API's rule: nothing to check for Bearer or anonymous callers; the header's token for a session. */
function apiCsrfFailure(request: FastifyRequest, reply: FastifyReply): AppError | undefined {
  const bearer = /^bearer\s/i.test(request.headers.authorization ?? '');
  if (bearer || request.actor.kind !== 'user') return undefined;
  return verifyCsrfToken(request, reply, request.headers[API_CSRF_HEADER])
    ? undefined
    : new AppError('csrf_invalid', 'Send the CSRF token in the X-CSRF-Token header');
}

/** Checks a CSRF token against the secret cookie, as the global hook does, for routes that parse the form. */
export function verifyCsrfToken(request: FastifyRequest, reply: FastifyReply, token: unknown): boolean {
  const secret = reply.unsignCookie(request.cookies[CSRF_COOKIE] ?? '').value;
  return typeof token === 'string' && typeof secret === 'string' && tokens.verify(secret, token);
}
