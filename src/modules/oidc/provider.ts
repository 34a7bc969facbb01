// oidc-provider's configuration: authorization code flow only, PKCE (S256) for every client, exact redirect
// URIs, single-use codes, RP-initiated logout, pairwise subjects unless the client is government-internal.
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../platform/db/database.ts';
import { renderDocument } from '../../platform/views/render.ts';
import { postgresAdapter } from './adapter.ts';
import { type AccountClaimsSource, SCOPE_CLAIMS, accountClaims } from './claims.ts';
import { SUPPORTED_SCOPES, sectorOf } from './clients.ts';
import { clientSecretMatches, cookieKeys, pairwiseSubject } from './crypto.ts';
import type { PrivateJwk } from './keys.ts';
import { sahulatInteractionPolicy } from './policy.ts';
import { requestContextOf } from './request-context.ts';
import { LoggedOutPage, ProviderErrorPage } from './views/provider-pages.tsx';

/** Every endpoint lives under this prefix, except discovery at the site root. */
export const OIDC_PREFIX = '/oidc';
export const INTERACTION_PREFIX = `${OIDC_PREFIX}/interaction`;
/** Where the provider sends a person who must confirm signing out (a Fastify page, see routes-logout.ts). */
export const LOGOUT_PAGE_PATH = `${OIDC_PREFIX}/logout`;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ProviderOptions {
  readonly issuer: string;
  readonly sessionSecret: string;
  readonly trustProxy: boolean;
  readonly db: Db;
  readonly jwks: readonly PrivateJwk[];
  readonly pairwiseSalt: string;
  /** The person's claims, or undefined when the account is unknown or disabled (no tokens then). */
  readonly claimsOf: (accountId: string) => Promise<AccountClaimsSource | undefined>;
}

function sendHtml(ctx: KoaContextWithOIDC, html: string): void {
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = html;
}

export function createProvider(options: ProviderOptions): Provider {
  const configuration: Configuration = {
    adapter: postgresAdapter(options.db),
    async findAccount(_ctx, accountId) {
      const account = await options.claimsOf(accountId);
      if (account === undefined) return undefined;
      return { accountId, claims: () => accountClaims(account) };
    },
    pairwiseIdentifier: (_ctx, accountId, client) =>
      pairwiseSubject(options.pairwiseSalt, sectorOf(client.redirectUris ?? []), accountId),
    subjectTypes: ['public', 'pairwise'],
    scopes: [...SUPPORTED_SCOPES],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // The scopes' claims go into the ID token as well as to userinfo: relying parties asked for that.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    },
    clientBasedCORS: () => false,
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      requestObjectSigningAlgValues: ['ES256'],
      clientAuthSigningAlgValues: ['ES256'],
    },
    jwks: { keys: options.jwks.map((jwk) => ({ ...jwk })) },
    cookies: {
      keys: cookieKeys(options.sessionSecret),
      names: { session: 'oidc_session', interaction: 'oidc_interaction', resume: 'oidc_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: false },
      resourceIndicators: { enabled: false },
      introspection: { enabled: false },
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        // The confirmation needs our CSRF token, so it is a Fastify page (routes-logout.ts).
        logoutSource(ctx) {
          ctx.status = 303;
          ctx.redirect(LOGOUT_PAGE_PATH);
        },
        postLogoutSuccessSource(ctx) {
          const { t, currentPath } = requestContextOf(ctx.req);
          const page = LoggedOutPage({ t, currentPath, clientName: ctx.oidc.client?.clientName });
          sendHtml(ctx, renderDocument(page));
        },
      },
    },
    interactions: {
      url: (_ctx, interaction) => `${INTERACTION_PREFIX}/${interaction.uid}`,
      policy: sahulatInteractionPolicy(),
    },
    renderError(ctx, out) {
      const { t, currentPath } = requestContextOf(ctx.req);
      const page = ProviderErrorPage({
        t,
        currentPath,
        error: out.error,
        description: out.error_description,
      });
      sendHtml(ctx, renderDocument(page));
    },
    routes: {
      authorization: `${OIDC_PREFIX}/auth`,
      end_session: `${OIDC_PREFIX}/session/end`,
      jwks: `${OIDC_PREFIX}/jwks`,
      pushed_authorization_request: `${OIDC_PREFIX}/request`,
      revocation: `${OIDC_PREFIX}/token/revocation`,
      token: `${OIDC_PREFIX}/token`,
      userinfo: `${OIDC_PREFIX}/me`,
      // Switched off above; prefixed anyway so nothing of the provider's can ever sit outside /oidc.
      introspection: `${OIDC_PREFIX}/token/introspection`,
      registration: `${OIDC_PREFIX}/reg`,
      code_verification: `${OIDC_PREFIX}/device`,
      device_authorization: `${OIDC_PREFIX}/device/auth`,
      backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
      challenge: `${OIDC_PREFIX}/challenge`,
      credential: `${OIDC_PREFIX}/credential`,
    },
    ttl: {
      AuthorizationCode: MINUTE,
      AccessToken: 10 * MINUTE,
      IdToken: HOUR,
      RefreshToken: DAY,
      Interaction: 30 * MINUTE,
      // As long as a Sahulat session can live; the provider's session never outlives the person's sign-in.
      Session: 12 * HOUR,
      // Consent is remembered for a year, or until the person revokes it under "connected apps".
      Grant: 365 * DAY,
    },
    discovery: { ui_locales_supported: ['en', 'ur'], claims_locales_supported: ['en', 'ur'] },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy;
  // Client secrets are stored hashed (crypto.ts); oidc-provider exposes this method for that purpose.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(actual: string) {
    return clientSecretMatches(actual, this.clientSecret ?? '');
  };
  return provider;
}
