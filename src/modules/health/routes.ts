// Liveness and readiness for load balancers and orchestrators.
import type { FastifyPluginAsync } from 'fastify';
import { type Db, ping } from '../../platform/db/database.ts';
import { pendingMigrations } from '../../platform/db/migrations.ts';

export const healthRoutes: FastifyPluginAsync<{ db: Db; knownMigrations: readonly string[] }> = async (
  app,
  opts,
) => {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
    try {
      await ping(opts.db);
      const pending = await pendingMigrations(opts.db, opts.knownMigrations);
      if (pending.length > 0) {
        return await reply
          .status(503)
          .send({ status: 'not_ready', database: 'ok', pendingMigrations: pending });
      }
      return { status: 'ready', database: 'ok', migrations: 'current' };
    } catch (error: unknown) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'not_ready', database: 'unreachable' });
    }
  });
};
