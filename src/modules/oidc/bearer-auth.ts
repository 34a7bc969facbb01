// `Authorization: Bearer <access token>` on the JSON API (/api/…): a token our OpenID Provider issued with
// the `applications` scope makes the request act as the token's account, instead of (never besides) the
// session cookie. A token that is unknown, expired, revoked or of a disabled account is a 401 with
// `WWW-Authenticate: Bearer error="invalid_token"`; one without the scope a 403 "insufficient_scope" (RFC 6750).
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { isApiRequest } from '../../platform/http/error-handler.ts';
import type { Services } from '../../services.ts';
import { API_SCOPE } from './access-tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The relying party whose access token authenticated this API request; null for sessions. */
    bearerClientId: string | null;
  }
}

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export function registerBearerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest('bearerClientId', null);
  app.addHook('onRequest', async (request, reply) => {
    request.bearerClientId = null;
    const header = request.headers.authorization;
    if (header === undefined || !isApiRequest(request) || !/^bearer\s/i.test(header)) return;
    const invalid = (message: string) => {
      reply.header('www-authenticate', `Bearer realm="sahulat", error="invalid_token"`);
      return new AppError('unauthenticated', message);
    };
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) throw invalid('The Authorization header is not a Bearer token');
    const owner = await services.oidc.accessTokenOwner(token);
    if (owner === undefined) throw invalid('The access token is invalid, expired or revoked');
    if (!owner.scopes.includes(API_SCOPE)) {
      reply.header(
        'www-authenticate',
        `Bearer realm="sahulat", error="insufficient_scope", scope="${API_SCOPE}"`,
      );
      throw new AppError('forbidden', `The access token was not granted the "${API_SCOPE}" scope`);
    }
    const actor = await services.identity.sessions.actorOfAccount(owner.accountId);
    if (actor === undefined) throw invalid('The account behind the access token is not active');
    request.actor = actor;
    request.session = null; // the cookie, if any, plays no part in this request
    request.bearerClientId = owner.clientId;
  });
}
