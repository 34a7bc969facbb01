// The administrators' page for relying parties. Authorisation is the service's (platform administrators
// only); the route only sends people who are not signed in to the sign-in page first.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import {
  ADMIN_CLIENTS_PATH,
  AdminClientsPage,
  ClientCreatedPage,
  type ClientFormValues,
  EMPTY_FORM,
} from './views/admin-clients-page.tsx';

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

function formValues(body: unknown): ClientFormValues {
  const form = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  const scopes = form['scopes'];
  return {
    name: text('name'),
    redirectUris: text('redirectUris'),
    postLogoutRedirectUris: text('postLogoutRedirectUris'),
    scopes: (Array.isArray(scopes) ? scopes : [scopes]).filter((s): s is string => typeof s === 'string'),
    governmentInternal: form['governmentInternal'] === 'yes',
  };
}

export const adminRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const signInFirst = (request: FastifyRequest, reply: FastifyReply) =>
    request.actor.kind === 'anonymous'
      ? reply.redirect(`/sign-in?next=${encodeURIComponent(ADMIN_CLIENTS_PATH)}`, 303)
      : undefined;

  app.get(ADMIN_CLIENTS_PATH, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const clients = await services.oidc.listClients(request.actor);
    return sendPage(
      reply,
      AdminClientsPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        clients,
        values: EMPTY_FORM,
        errors: [],
      }),
    );
  });

  app.post(ADMIN_CLIENTS_PATH, async (request, reply) => {
    const redirect = signInFirst(request, reply);
    if (redirect !== undefined) return redirect;
    const values = formValues(request.body);
    try {
      const created = await services.oidc.createClient(request.actor, {
        name: values.name,
        redirectUris: lines(values.redirectUris),
        postLogoutRedirectUris: lines(values.postLogoutRedirectUris),
        scopes: values.scopes,
        governmentInternal: values.governmentInternal,
      });
      // The secret is on this page only: never cached, never shown again.
      reply.header('cache-control', 'no-store');
      return await sendPage(
        reply,
        ClientCreatedPage({ t: request.t, currentPath: request.url, name: values.name.trim(), ...created }),
      );
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      const clients = await services.oidc.listClients(request.actor);
      return sendPage(
        reply,
        AdminClientsPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          clients,
          values,
          errors: toFormErrors(request.t, problem.fieldErrors),
        }),
        422,
      );
    }
  });
};
