// CSRF protection for every state-changing request outside /api/ (the JSON API authenticates with
// bearer tokens, which a cross-site form cannot send). Forms carry `_csrf` from `reply.generateCsrf()`;
// the secret lives in a signed, HttpOnly, SameSite=Lax cookie.
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';

export async function registerCsrf(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
}
