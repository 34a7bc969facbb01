// GET /dev/outbox, outside production only: where a developer or tester reads the code they were sent
// while no SMS gateway or mail server is configured. In production the route does not exist (404).
import type { FastifyPluginAsync } from 'fastify';
import { systemActor } from '../../platform/actor.ts';
import type { AppConfig } from '../../platform/config.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { DevOutboxPage } from './views/dev-outbox-page.tsx';

const SHOWN = 50;

export const notificationsRoutes: FastifyPluginAsync<{ services: Services; config: AppConfig }> = async (
  app,
  { services, config },
) => {
  if (config.nodeEnv === 'production') return;

  app.get('/dev/outbox', async (request, reply) => {
    // The page itself is the development tool: it reads as the system, never on a production server.
    const messages = await services.notifications.recentMessages(systemActor('development outbox'), SHOWN);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return sendPage(reply, DevOutboxPage({ t: request.t, currentPath: request.url, messages }));
  });
};
