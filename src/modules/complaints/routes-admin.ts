// /admin/open311/keys: platform administrators issue and revoke Open311 API keys (the service checks who).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { KEYS_PATH, KeyIssuedPage, KeysPage } from './views/keys-page.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const adminKeyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { open311 } = services.complaints;
  const text = (request: FastifyRequest, name: string) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' ? value : '';
  };

  app.get(KEYS_PATH, async (request, reply) => {
    if (request.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
    const keys = await open311.listKeys(request.actor);
    return sendPage(
      reply,
      KeysPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        keys,
        values: { appName: '', contactEmail: '' },
        errors: [],
      }),
    );
  });

  app.post(KEYS_PATH, async (request, reply) => {
    if (request.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
    const values = { appName: text(request, 'appName'), contactEmail: text(request, 'contactEmail') };
    try {
      const issued = await open311.issueKey(request.actor, values);
      // The key is on this page only: never cached, never shown again.
      reply.header('cache-control', 'no-store');
      return await sendPage(
        reply,
        KeyIssuedPage({
          t: request.t,
          currentPath: request.url,
          appName: values.appName.trim(),
          apiKey: issued.key,
        }),
      );
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const keys = await open311.listKeys(request.actor);
      return sendPage(
        reply,
        KeysPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          keys,
          values,
          errors: toFormErrors(request.t, problem.fieldErrors),
        }),
        400,
      );
    }
  });

  app.post(`${KEYS_PATH}/:id/revoke`, async (request, reply) => {
    const id = (request.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('not_found', 'No such key');
    if (request.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
    await open311.revokeKey(request.actor, id);
    return reply.redirect(KEYS_PATH, 303);
  });
};
