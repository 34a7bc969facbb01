// /f/<token>: the feedback survey, without signing in. The token is the only credential, so the page is
// never cached and the answers travel only in the POST body.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import type { Services } from '../../services.ts';
import type { SurveyForm } from './service.ts';
import { SurveyPage, type SurveyPageProps } from './views/survey-page.tsx';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

function formOf(body: unknown): SurveyForm {
  const raw = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof raw[name] === 'string' ? raw[name] : undefined);
  const form: Record<string, string> = {};
  for (const name of ['satisfied', 'delayed', 'bribeAsked', 'comment']) {
    const value = text(name);
    if (value !== undefined) form[name] = value;
  }
  return form;
}

export const feedbackSurveyRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const feedback = services.feedback;

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    props: Pick<SurveyPageProps, 'state' | 'form' | 'errors'>,
    status = 200,
  ) {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const token = (request.params as { token: string }).token;
    return sendPage(
      reply,
      SurveyPage({ t: request.t, currentPath: `/f/${token}`, csrfToken: reply.generateCsrf(), ...props }),
      status,
    );
  }

  app.get<{ Params: { token: string } }>('/f/:token', async (request, reply) => {
    const token = request.params.token;
    const { state } = TOKEN.test(token) ? await feedback.survey(token) : { state: 'unknown' as const };
    return render(request, reply, { state }, state === 'unknown' ? 404 : state === 'open' ? 200 : 410);
  });

  app.post<{ Params: { token: string } }>('/f/:token', async (request, reply) => {
    const token = request.params.token;
    if (!TOKEN.test(token)) return render(request, reply, { state: 'unknown' }, 404);
    const form = formOf(request.body);
    try {
      await feedback.answer(token, form);
      return await render(request, reply, { state: 'thanks' });
    } catch (error: unknown) {
      if (!isAppError(error)) throw error;
      if (error.fieldErrors.length > 0) {
        return render(
          request,
          reply,
          { state: 'open', form, errors: toFormErrors(request.t, error.fieldErrors) },
          400,
        );
      }
      const { state } = await feedback.survey(token);
      if (state === 'open') throw error;
      return render(request, reply, { state }, state === 'unknown' ? 404 : 410);
    }
  });
};
