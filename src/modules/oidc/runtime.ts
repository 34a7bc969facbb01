// The running provider. oidc-provider fixes its keys when it is built, so when the published key set
// changes (`oidc:keys:rotate` on any machine, or a retired key leaving its grace period) a new provider is
// built from the database. Everything else it needs lives in PostgreSQL, so the swap loses nothing, and
// every instance of the application converges within one check interval.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { Db } from '../../platform/db/database.ts';
import type { AccountClaimsSource } from './claims.ts';
import { type KeyLogger, signingKeys } from './keys.ts';
import { createProvider } from './provider.ts';
import { findSetting } from './repo.ts';

export const KEY_CHECK_INTERVAL_MS = 60_000;

export interface OidcRuntimeOptions {
  readonly issuer: string;
  readonly sessionSecret: string;
  readonly trustProxy: boolean;
  readonly db: Db;
  readonly claimsOf: (accountId: string) => Promise<AccountClaimsSource | undefined>;
  readonly logger: KeyLogger;
  readonly keyCheckIntervalMs?: number;
}

export interface OidcRuntime {
  /** The provider to serve this request with (checks the key set now and then, without waiting for it). */
  current(): Provider;
  /** Rebuilds the provider now if the key set changed; returns whether it did. */
  refresh(): Promise<boolean>;
  /** A Node request handler for the provider's endpoints. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export async function createOidcRuntime(options: OidcRuntimeOptions): Promise<OidcRuntime> {
  const keys = signingKeys(options.db, options.sessionSecret, options.logger);
  await keys.ensureActiveKey();
  const pairwiseSalt = await findSetting(options.db, 'pairwise_salt');
  if (pairwiseSalt === undefined) throw new Error('The pairwise salt is missing: run the migrations');
  const interval = options.keyCheckIntervalMs ?? KEY_CHECK_INTERVAL_MS;

  async function build(): Promise<{ provider: Provider; fingerprint: string; handler: Handler }> {
    const loaded = await keys.load();
    if (!loaded.jwks.some((jwk) => jwk.key_ops === undefined)) {
      options.logger.warn({}, 'no usable OpenID signing key: ID tokens cannot be signed');
    }
    const provider = createProvider({
      issuer: options.issuer,
      sessionSecret: options.sessionSecret,
      trustProxy: options.trustProxy,
      db: options.db,
      jwks: loaded.jwks,
      pairwiseSalt: pairwiseSalt ?? '',
      claimsOf: options.claimsOf,
    });
    return { provider, fingerprint: loaded.fingerprint, handler: provider.callback() };
  }

  let state = await build();
  let checkedAt = Date.now();
  let checking = false;

  async function refresh(): Promise<boolean> {
    const fingerprint = await keys.fingerprint();
    if (fingerprint === state.fingerprint) return false;
    state = await build();
    return true;
  }

  function current(): Provider {
    if (!checking && Date.now() - checkedAt >= interval) {
      checking = true;
      checkedAt = Date.now();
      refresh()
        .catch((error: unknown) => {
          options.logger.warn({ err: error }, 'could not check the OpenID signing keys');
        })
        .finally(() => {
          checking = false;
        });
    }
    return state.provider;
  }

  return {
    current,
    refresh,
    handle(req, res) {
      current();
      void state.handler(req, res);
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
