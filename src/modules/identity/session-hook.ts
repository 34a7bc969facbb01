// Turns the session cookie into `request.actor` (and `request.session`) on every request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieOptions } from '../../platform/http/cookies.ts';
import {
  ABSOLUTE_LIFETIME_SECONDS,
  KIOSK_IDLE_TIMEOUT_SECONDS,
  type ResolvedSession,
  SESSION_COOKIE,
  type SessionsService,
} from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session behind the cookie, or null (signed out, expired, revoked, disabled account). */
    session: ResolvedSession | null;
  }
}

export function registerSessionHook(app: FastifyInstance, sessions: SessionsService): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request, reply) => {
    request.session = null;
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const resolved = await sessions.resolve(token);
    if (resolved === undefined) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request)); // expired or revoked: forget it
      return;
    }
    // On a self-service kiosk every session, however it began (sign-in, sign-up), ends after two idle
    // minutes: the next person at the terminal must not find the last one still signed in.
    if (request.kiosk !== null && resolved.session.idleTimeoutSeconds > KIOSK_IDLE_TIMEOUT_SECONDS) {
      await sessions.limitIdle(resolved.session.id, KIOSK_IDLE_TIMEOUT_SECONDS);
      const session = { ...resolved.session, idleTimeoutSeconds: KIOSK_IDLE_TIMEOUT_SECONDS };
      request.session = { ...resolved, session };
    } else {
      request.session = resolved;
    }
    request.actor = resolved.actor;
  });
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request), maxAge: ABSOLUTE_LIFETIME_SECONDS });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

export function clientInfo(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** A same-site path to return to after signing in; anything else (other sites, `//host`) becomes `fallback`. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}
