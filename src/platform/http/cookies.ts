// Secure cookie defaults: HttpOnly, SameSite=Lax, path /, and Secure whenever the request came over TLS
// (directly, or through a proxy we trust to say so: TRUST_PROXY).
import type { FastifyRequest } from 'fastify';

export interface CookieDefaults {
  readonly httpOnly: true;
  readonly sameSite: 'lax';
  readonly path: '/';
  readonly secure: boolean;
}

export function cookieOptions(request: FastifyRequest): CookieDefaults {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' };
}
