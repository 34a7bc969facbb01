// Rate limits per client address (in memory, per instance). Generous across the site, since a facilitation
// centre puts many citizens behind one address; sign-in, sign-up and code-sending routes set tighter limits
// of their own in their route config. With several instances the effective limit is per instance.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export async function registerRateLimits(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(fastifyRateLimit, {
    max: perMinute,
    timeWindow: '1 minute',
    // The OIDC token endpoint is called by department back-ends, many citizens behind one address; it
    // authenticates the client and spends single-use codes, so it is not a guessing target.
    allowList: (request) =>
      request.url.startsWith('/assets/') || ['/healthz', '/readyz', '/oidc/token'].includes(request.url),
  });
}
