// myGovIdentity as an OpenID Provider, mounted in Fastify. oidc-provider (a Koa application) answers its
// own endpoints through @fastify/middie: discovery at the site root, everything else under /oidc. Our
// pages (login hand-over, consent, sign-out confirmation, the administrators' client list) are Fastify routes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyMiddie from '@fastify/middie';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { systemActor } from '../../platform/actor.ts';
import type { AppConfig } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { isAppError, notFound } from '../../platform/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../../platform/http/security-headers.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { Services } from '../../services.ts';
import type { AccountClaimsSource } from './claims.ts';
import { scheduleCleanup } from './cleanup.ts';
import { OIDC_PREFIX } from './provider.ts';
import { rememberRequest } from './request-context.ts';
import { adminRoutes } from './routes-admin.ts';
import { interactionRoutes } from './routes-interaction.ts';
import { logoutRoutes } from './routes-logout.ts';
import { type OidcRuntime, createOidcRuntime } from './runtime.ts';

export interface OidcRoutesOptions {
  readonly services: Services;
  readonly config: AppConfig;
  readonly db: Db;
  /** Present in the server (not in most tests): schedules the hourly clean-up of expired artefacts. */
  readonly jobs?: Jobs;
}

const OIDC_ACTOR = systemActor('oidc-provider');

/** The provider's endpoints: middie hands the raw request to oidc-provider, which writes the response. */
async function providerEndpoints(scope: FastifyInstance, runtime: OidcRuntime, hsts: boolean): Promise<void> {
  scope.addHook('onRequest', async (request, reply) => {
    rememberRequest(request);
    // Fastify's onSend hooks never see these responses: give them the site's security headers here.
    reply.raw.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.raw.setHeader('x-content-type-options', 'nosniff');
    reply.raw.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    reply.raw.setHeader('x-frame-options', 'DENY');
    reply.raw.setHeader('x-request-id', request.id);
    if (hsts && request.protocol === 'https') {
      reply.raw.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });
  await scope.register(fastifyMiddie);
  scope.use((req: IncomingMessage, res: ServerResponse) => {
    runtime.handle(req, res);
  });
  // Routes exist so Fastify runs this scope's hooks for these paths; the provider answers before them.
  const unreachable = async () => {
    throw notFound('This address');
  };
  scope.all('/.well-known/openid-configuration', unreachable);
  scope.all(`${OIDC_PREFIX}/*`, unreachable);
}

export const oidcRoutes: FastifyPluginAsync<OidcRoutesOptions> = async (app, options) => {
  const { services, config, db } = options;
  const runtime = await createOidcRuntime({
    issuer: config.publicUrl,
    sessionSecret: config.sessionSecret,
    trustProxy: config.trustProxy,
    db,
    claimsOf: async (accountId): Promise<AccountClaimsSource | undefined> => {
      try {
        return await services.accounts.claimsOf(OIDC_ACTOR, accountId);
      } catch (error: unknown) {
        if (isAppError(error) && error.code === 'not_found') return undefined;
        throw error;
      }
    },
    logger: {
      warn: (details, message) => {
        app.log.warn(details, message);
      },
    },
  });
  const hsts = config.trustProxy || config.publicUrl.startsWith('https:');
  await app.register(async (scope) => providerEndpoints(scope, runtime, hsts));
  await app.register(interactionRoutes, { runtime, services });
  await app.register(logoutRoutes, { runtime, services });
  await app.register(adminRoutes, { services });
  if (options.jobs !== undefined) await scheduleCleanup(options.jobs, db);
};
