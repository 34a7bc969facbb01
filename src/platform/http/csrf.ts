// CSRF protection for every state-changing request outside /api/ (the JSON API authenticates with
// bearer tokens, which a cross-site form cannot send). Forms carry `_csrf` from `reply.generateCsrf()`;
// the secret lives in a signed, HttpOnly, SameSite=Lax cookie.
import fastifyCsrf from '@fastify/csrf-protection';
import { Tokens } from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
    const page = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');
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
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/') || multipart) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}

const tokens = new Tokens({});

/** Checks a CSRF token against the secret cookie, as the global hook does, for routes that parse the form. */
export function verifyCsrfToken(request: FastifyRequest, reply: FastifyReply, token: unknown): boolean {
  const secret = reply.unsignCookie(request.cookies[CSRF_COOKIE] ?? '').value;
  return typeof token === 'string' && typeof secret === 'string' && tokens.verify(secret, token);
}
