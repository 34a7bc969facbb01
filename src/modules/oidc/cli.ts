// Console commands of the OpenID Provider, listed in src/cli.ts's COMMANDS table.
import { parseArgs } from 'node:util';
import { systemActor } from '../../platform/actor.ts';
import type { AppConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { validationFailed } from '../../platform/errors.ts';
import { RETIRED_KEY_GRACE_SECONDS } from './keys.ts';
import { KEY_CHECK_INTERVAL_MS } from './runtime.ts';
import { oidcService } from './service.ts';

interface OidcCommand {
  readonly summary: string;
  readonly usage: string;
  run(database: Database, args: string[], config: AppConfig): Promise<string>;
}

export const oidcCommands: Record<string, OidcCommand> = {
  'oidc:client:create': {
    summary: 'Register a service that signs people in with Sahulat; prints its client id and secret (once)',
    usage:
      'oidc:client:create --name "<name>" --redirect-uri <https URI> [--redirect-uri <URI2>] ' +
      '[--post-logout-redirect-uri <URI>] [--scope "openid profile phone email cnic"] [--government-internal]',
    async run(database, args, config) {
      const { values } = parseArgs({
        args,
        options: {
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-redirect-uri': { type: 'string', multiple: true },
          scope: { type: 'string', multiple: true },
          'government-internal': { type: 'boolean' },
        },
        strict: true,
      });
      const redirectUris = values['redirect-uri'] ?? [];
      if (values.name === undefined || redirectUris.length === 0) {
        throw validationFailed('--name and at least one --redirect-uri are required', [
          { field: 'name', messageKey: 'oidc.validation.name' },
        ]);
      }
      const created = await oidcService(database.db, config).createClient(systemActor('cli'), {
        name: values.name,
        redirectUris,
        postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [],
        ...(values.scope === undefined ? {} : { scopes: values.scope }),
        governmentInternal: values['government-internal'] === true,
      });
      // Exactly this shape, so scripts can read it: {"client_id": "…", "client_secret": "…"}
      return `{"client_id": ${JSON.stringify(created.clientId)}, "client_secret": ${JSON.stringify(created.clientSecret)}}`;
    },
  },

  'oidc:keys:rotate': {
    summary: 'Create a new ID-token signing key and retire the current one (still published for 7 days)',
    usage: 'oidc:keys:rotate',
    async run(database, args, config) {
      parseArgs({ args, options: {}, strict: true });
      const { retiredKid, newKid } = await oidcService(database.db, config).rotateSigningKeys(
        systemActor('cli'),
      );
      const days = RETIRED_KEY_GRACE_SECONDS / 86_400;
      return [
        retiredKid === undefined
          ? 'There was no signing key yet.'
          : `Retired signing key ${retiredKid} (published for ${days} more days, so its tokens stay verifiable).`,
        `New signing key ${newKid} signs from now on; running servers switch within ${KEY_CHECK_INTERVAL_MS / 1000} seconds.`,
      ].join('\n');
    },
  },
};
