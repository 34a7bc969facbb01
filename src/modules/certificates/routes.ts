// Certificates on the web: public keys (JWKS), status lists and credentials for verifiers; short links
// from QR codes; and the approvers' page to suspend, reinstate or revoke.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrorsOf, toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { STATUS_LIST_TTL_SECONDS } from './service.ts';
import { CertificatePage, certificatePath } from './views/certificate-page.tsx';

const VC_JWT = 'application/vc+jwt';
const KEYS_CACHE = 'public, max-age=300';

export const certificateRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const certificates = services.certificates;

  // Every department's keys, current and retired. The OpenID Provider's own keys are at /oidc/jwks.
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', KEYS_CACHE);
    return certificates.jwks();
  });

  app.get<{ Params: { department: string } }>('/issuers/:department/jwks.json', async (request, reply) => {
    const jwks = await certificates.jwks(request.params.department);
    if (jwks.keys.length === 0) throw new AppError('not_found', 'This department has issued no certificates');
    reply.header('cache-control', KEYS_CACHE);
    return jwks;
  });

  app.get<{ Params: { list: string } }>('/credentials/status/:list', async (request, reply) => {
    const credential = await certificates.statusListCredential(request.params.list);
    return reply
      .type(VC_JWT)
      .header('cache-control', `public, max-age=${STATUS_LIST_TTL_SECONDS}`)
      .send(credential);
  });

  // The signed credential itself, for a verifier holding only the short link; never cached (it may be revoked
  // and re-fetched, and it carries personal facts).
  app.get<{ Params: { code: string } }>('/credentials/:code', async (request, reply) =>
    reply
      .type(VC_JWT)
      .header('cache-control', 'no-store')
      .send(await certificates.credential(request.params.code)),
  );

  // What a QR code too small for the credential carries: opens the verification page.
  app.get<{ Params: { code: string } }>('/c/:code', async (request, reply) =>
    reply.redirect(`/verify?c=${encodeURIComponent(request.params.code)}`, 303),
  );

  const page = async (
    request: FastifyRequest<{ Params: { code: string } }>,
    reply: FastifyReply,
    values = { action: '', reason: '' },
    problem?: AppError,
  ) => {
    const view = await certificates.forOfficer(request.actor, request.params.code);
    return sendPage(
      reply,
      CertificatePage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        ...view,
        values,
        errors: problem === undefined ? [] : toFormErrors(request.t, problem.fieldErrors),
      }),
      problem === undefined ? 200 : 422,
    );
  };

  app.get<{ Params: { code: string } }>('/certificates/:code', async (request, reply) =>
    page(request, reply),
  );

  app.post<{ Params: { code: string } }>('/certificates/:code/status', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      action: typeof form['action'] === 'string' ? form['action'] : '',
      reason: typeof form['reason'] === 'string' ? form['reason'] : '',
    };
    try {
      await certificates.changeStatus(request.actor, request.params.code, values);
      return await reply.redirect(certificatePath(request.params.code), 303);
    } catch (error: unknown) {
      const problem = formErrorsOf(error);
      if (problem === undefined) throw error;
      return page(request, reply, values, problem);
    }
  });
};
