// Every request carries the acting party. The identity module's session hook replaces the anonymous
// default with the signed-in user; services receive it explicitly as their first argument.
import type { FastifyInstance } from 'fastify';
import { ANONYMOUS, type Actor } from '../actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export function registerRequestActor(app: FastifyInstance): void {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
  });
}
