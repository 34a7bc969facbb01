// oidc-provider runs on Koa and sees only Node's raw request. What Fastify learned about the request (the
// signed-in person, the reader's language) is handed across here, keyed by that raw request object.
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, type Actor } from '../../platform/actor.ts';
import { type Translator, defaultLocale, translatorFor } from '../../platform/i18n/i18n.ts';

export interface ProviderRequestContext {
  readonly actor: Actor;
  /** When the Sahulat session behind `actor` began (its sign-in), for the ID token's auth_time. */
  readonly signedInAt: Date | undefined;
  readonly t: Translator;
  readonly currentPath: string;
}

const contexts = new WeakMap<IncomingMessage, ProviderRequestContext>();

export function rememberRequest(request: FastifyRequest): void {
  contexts.set(request.raw, {
    actor: request.actor,
    signedInAt: request.session?.session.createdAt,
    t: request.t,
    currentPath: request.url,
  });
}

export function requestContextOf(raw: IncomingMessage): ProviderRequestContext {
  return (
    contexts.get(raw) ?? {
      actor: ANONYMOUS,
      signedInAt: undefined,
      t: translatorFor(defaultLocale()),
      currentPath: raw.url ?? '/',
    }
  );
}
