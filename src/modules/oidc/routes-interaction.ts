// The provider's interactions. Login is the identity module's: a person not signed in to Sahulat goes to
// /sign-in and comes back here; a signed-in one is handed to the provider at once. Consent is our page.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { AppError, notFound } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { decideGrant, requestedScopes } from './consent.ts';
import { INTERACTION_PREFIX } from './provider.ts';
import type { OidcRuntime } from './runtime.ts';
import { ConsentPage } from './views/consent-page.tsx';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;
type Params = { Params: { uid: string } };

const UID = /^[A-Za-z0-9_-]{10,64}$/;

export const interactionRoutes: FastifyPluginAsync<{ runtime: OidcRuntime; services: Services }> = async (
  app,
  { runtime, services },
) => {
  /** The interaction behind the browser's cookie; it must be the one in the address. */
  async function interactionOf(request: FastifyRequest<Params>, reply: FastifyReply): Promise<Interaction> {
    if (!UID.test(request.params.uid)) throw notFound('This sign-in request');
    const details = await runtime.current().interactionDetails(request.raw, reply.raw);
    if (details.uid !== request.params.uid) throw notFound('This sign-in request');
    return details;
  }

  const signInFirst = (reply: FastifyReply, uid: string) =>
    reply.redirect(`/sign-in?next=${encodeURIComponent(`${INTERACTION_PREFIX}/${uid}`)}`, 303);

  /** Tells the provider who is signed in; it then continues (or restarts, if the person changed). */
  async function finishLogin(request: FastifyRequest<Params>, reply: FastifyReply): Promise<FastifyReply> {
    const { actor } = request;
    if (actor.kind !== 'user') return signInFirst(reply, request.params.uid);
    const signedInAt = request.session?.session.createdAt ?? new Date();
    const returnTo = await runtime
      .current()
      .interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId: actor.userId, ts: Math.floor(signedInAt.getTime() / 1000) } },
        { mergeWithLastSubmission: false },
      );
    return reply.redirect(returnTo, 303);
  }

  app.get<Params>(`${INTERACTION_PREFIX}/:uid`, async (request, reply) => {
    const details = await interactionOf(request, reply);
    reply.header('cache-control', 'no-store');
    const { actor } = request;
    if (
      details.prompt.name === 'login' ||
      actor.kind !== 'user' ||
      details.session?.accountId !== actor.userId
    ) {
      return finishLogin(request, reply);
    }
    if (details.prompt.name !== 'consent') throw new AppError('bad_request', 'Unknown interaction');
    const clientId = String(details.params['client_id']);
    const client = await runtime.current().Client.find(clientId);
    if (client === undefined) throw notFound('This service');
    const scopes = requestedScopes(details);
    return sendPage(
      reply,
      ConsentPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        uid: details.uid,
        clientName: client.clientName ?? clientId,
        personName: actor.label,
        scopes: scopes.listed,
        asksForCnic: scopes.cnic,
      }),
    );
  });

  app.post<Params>(`${INTERACTION_PREFIX}/:uid/confirm`, async (request, reply) => {
    const details = await interactionOf(request, reply);
    const { actor } = request;
    if (
      details.prompt.name !== 'consent' ||
      actor.kind !== 'user' ||
      details.session?.accountId !== actor.userId
    ) {
      return finishLogin(request, reply);
    }
    const form = (request.body ?? {}) as Record<string, unknown>;
    const provider = runtime.current();
    const decision = await decideGrant(provider, details, actor.userId, form['shareCnic'] === 'yes');
    await services.oidc.recordConsent(actor, decision.consent);
    const returnTo = await provider.interactionResult(
      request.raw,
      reply.raw,
      { consent: { grantId: decision.grantId } },
      { mergeWithLastSubmission: true },
    );
    return reply.redirect(returnTo, 303);
  });

  app.post<Params>(`${INTERACTION_PREFIX}/:uid/deny`, async (request, reply) => {
    await interactionOf(request, reply);
    const returnTo = await runtime
      .current()
      .interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The person declined to share their details' },
        { mergeWithLastSubmission: false },
      );
    return reply.redirect(returnTo, 303);
  });
};
