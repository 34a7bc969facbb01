// Relying-party registration rules, and how a registered client looks to oidc-provider.
import type { AdapterPayload } from 'oidc-provider';
import type { FieldError } from '../../platform/errors.ts';
import type { ClientRecord } from './repo-clients.ts';

/** `applications`: the relying party may read and send the person's applications through /api/v1. */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'phone', 'email', 'cnic', 'applications'] as const;
export type SupportedScope = (typeof SUPPORTED_SCOPES)[number];
export const DEFAULT_CLIENT_SCOPES: readonly SupportedScope[] = ['openid', 'profile'];

const MAX_NAME_LENGTH = 100;
const MAX_URIS = 10;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface NewClient {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  /** Absent: `openid profile`. */
  readonly scopes?: readonly string[];
  /** Government systems that may link records across departments get the account id as `sub`. */
  readonly governmentInternal?: boolean;
}

export const isSupportedScope = (scope: string): scope is SupportedScope =>
  (SUPPORTED_SCOPES as readonly string[]).includes(scope);

/** https, or http on this machine only (development relying parties); no fragment, no credentials. */
function acceptableUri(raw: string): URL | undefined {
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.hash !== '' || raw.includes('#') || url.username !== '' || url.password !== '') return undefined;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  return undefined;
}

export function parseScopes(scopes: readonly string[] | undefined): string[] {
  if (scopes === undefined) return [...DEFAULT_CLIENT_SCOPES];
  const split = scopes.flatMap((scope) => scope.split(/\s+/)).filter((scope) => scope !== '');
  return [...new Set(split)];
}

export function validateNewClient(input: NewClient): FieldError[] {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    errors.push({ field: 'name', messageKey: 'oidc.validation.name', params: { max: MAX_NAME_LENGTH } });
  }
  const redirects = input.redirectUris.map((uri) => uri.trim()).filter((uri) => uri !== '');
  const parsed = redirects.map(acceptableUri);
  if (redirects.length === 0 || redirects.length > MAX_URIS || parsed.some((url) => url === undefined)) {
    errors.push({
      field: 'redirectUris',
      messageKey: 'oidc.validation.redirectUri',
      params: { max: MAX_URIS },
    });
  } else if (input.governmentInternal !== true && new Set(parsed.map((url) => url?.host)).size > 1) {
    // The pairwise sector is the redirect URIs' host; several hosts would need a sector_identifier_uri.
    errors.push({ field: 'redirectUris', messageKey: 'oidc.validation.redirectHosts' });
  }
  const logouts = (input.postLogoutRedirectUris ?? []).map((uri) => uri.trim()).filter((uri) => uri !== '');
  if (logouts.length > MAX_URIS || logouts.some((uri) => acceptableUri(uri) === undefined)) {
    errors.push({
      field: 'postLogoutRedirectUris',
      messageKey: 'oidc.validation.postLogoutUri',
      params: { max: MAX_URIS },
    });
  }
  const scopes = parseScopes(input.scopes);
  if (!scopes.includes('openid') || !scopes.every(isSupportedScope)) {
    errors.push({
      field: 'scopes',
      messageKey: 'oidc.validation.scopes',
      params: { scopes: SUPPORTED_SCOPES.join(' ') },
    });
  }
  return errors;
}

/**
 * The client as oidc-provider reads it. `client_secret` holds the secret's hash: the provider compares
 * through our `compareClientSecret` (provider.ts), and every feature that would use the secret as a key is off.
 */
export function clientMetadata(client: ClientRecord): AdapterPayload {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecretHash,
    client_name: client.name,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    scope: client.scopes.join(' '),
    subject_type: client.governmentInternal ? 'public' : 'pairwise',
    application_type: 'web',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
  };
}

/** The sector of a pairwise client: the host of its redirect URIs (all share one, see validateNewClient). */
export function sectorOf(redirectUris: readonly string[]): string {
  const first = redirectUris[0];
  if (first === undefined) throw new Error('A client without redirect URIs has no sector');
  return new URL(first).host;
}
