// The API's own description: the OpenAPI document (/api/v1/openapi.json), the page for people (/api/docs),
// and the CSRF token a cookie-authenticated API client sends with its POSTs.
import type { FastifyPluginAsync } from 'fastify';
import { sendPage } from '../views/render.ts';
import { ApiDocsPage } from './docs-page.tsx';

export const apiDocsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/v1/openapi.json',
    {
      schema: {
        tags: ['meta'],
        summary: 'This description (OpenAPI 3.1)',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );

  app.get(
    '/api/v1/csrf-token',
    {
      schema: {
        tags: ['meta'],
        summary: 'The CSRF token for cookie-authenticated POSTs',
        description: 'Send it as X-CSRF-Token. It also sets the secret cookie it is checked against.',
        response: {
          200: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { token: reply.generateCsrf() };
    },
  );

  app.get('/api/docs', async (request, reply) =>
    sendPage(
      reply,
      ApiDocsPage({
        t: request.t,
        currentPath: request.url,
        document: app.swagger() as unknown as Record<string, unknown>,
      }),
    ),
  );
};
