// Use cases of myGovIdentity as an OpenID Provider: registering relying parties (administrators and the
// console) and, for each person, the services they let sign them in ("connected apps") with a revoke.
import { type Actor, actorId, actorLabel, hasProvinceRole } from '../../platform/actor.ts';
import { insertAuditEvent } from '../../platform/audit/repo.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { AppError, forbidden, validationFailed } from '../../platform/errors.ts';
import { type AccessTokenOwner, accessTokenOwner } from './access-tokens.ts';
import { claimsForScopes } from './claims.ts';
import { type NewClient, parseScopes, validateNewClient } from './clients.ts';
import { generateClientId, generateClientSecret, hashClientSecret } from './crypto.ts';
import { signingKeys } from './keys.ts';
import { type ClientRecord, findClients, insertClient, listClients } from './repo-clients.ts';
import { grantsOfAccount, revokeGrantEverywhere } from './repo.ts';

export interface RegisteredClient {
  readonly clientId: string;
  /** Shown once; only its hash is kept. */
  readonly clientSecret: string;
}

export type ClientSummary = Omit<ClientRecord, 'clientSecretHash'>;

export interface ConnectedApp {
  readonly clientId: string;
  readonly clientName: string;
  readonly scopes: readonly string[];
  readonly claims: readonly string[];
  readonly grantedAt: Date;
}

function requireAdministrator(actor: Actor, what: string): void {
  if (actor.kind === 'system' || hasProvinceRole(actor, 'platform_admin')) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  throw forbidden(`Only a platform administrator can ${what}`);
}

function requireSelf(actor: Actor, userId: string): void {
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.userId === userId)) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in first');
  throw forbidden('Only the account holder can see or change the services connected to an account');
}

/** Scopes actually granted: those given minus those refused (oidc-provider's Grant payload shape). */
function grantedScopes(payload: Record<string, unknown>): string[] {
  const scopeOf = (container: unknown) => {
    const scope = (container as { openid?: { scope?: unknown } } | undefined)?.openid?.scope;
    return typeof scope === 'string' ? scope.split(' ').filter((s) => s !== '') : [];
  };
  const rejected = new Set(scopeOf(payload['rejected']));
  return scopeOf(payload).filter((scope) => scope === 'openid' || !rejected.has(scope));
}

export function oidcService(db: Db, secrets: { readonly sessionSecret: string }) {
  return {
    /** Who an access token of ours speaks for (the API's Bearer authentication), or undefined. */
    accessTokenOwner: (token: string): Promise<AccessTokenOwner | undefined> => accessTokenOwner(db, token),

    /** A new ID-token signing key; the current one retires (still published for its grace period). */
    rotateSigningKeys(actor: Actor): Promise<{ retiredKid: string | undefined; newKid: string }> {
      return signingKeys(db, secrets.sessionSecret).rotate(actor);
    },

    async createClient(actor: Actor, input: NewClient): Promise<RegisteredClient> {
      requireAdministrator(actor, 'register services');
      const errors = validateNewClient(input);
      if (errors.length > 0) throw validationFailed('The service details are not valid', errors);
      const clientId = generateClientId();
      const clientSecret = generateClientSecret();
      await inTransaction(db, async (trx) => {
        const client = {
          clientId,
          clientSecretHash: hashClientSecret(clientSecret),
          name: input.name.trim(),
          redirectUris: input.redirectUris.map((uri) => uri.trim()).filter((uri) => uri !== ''),
          postLogoutRedirectUris: (input.postLogoutRedirectUris ?? [])
            .map((uri) => uri.trim())
            .filter((uri) => uri !== ''),
          scopes: parseScopes(input.scopes),
          governmentInternal: input.governmentInternal === true,
          createdBy: actorLabel(actor),
        };
        await insertClient(trx, client);
        const { clientSecretHash: _, ...details } = client;
        await insertAuditEvent(trx, {
          actorId: actorId(actor),
          actorLabel: actorLabel(actor),
          action: 'oidc.client_created',
          subjectType: 'oidc_client',
          subjectId: clientId,
          details,
        });
      });
      return { clientId, clientSecret };
    },

    async listClients(actor: Actor): Promise<ClientSummary[]> {
      requireAdministrator(actor, 'see registered services');
      return (await listClients(db)).map(({ clientSecretHash: _, ...summary }) => summary);
    },

    /** The services an account lets sign it in, with what each was allowed to receive. */
    async connectedApps(actor: Actor, userId: string): Promise<ConnectedApp[]> {
      requireSelf(actor, userId);
      const grants = await grantsOfAccount(db, userId);
      const clients = new Map(
        (await findClients(db, [...new Set(grants.map((g) => g.clientId))])).map((c) => [c.clientId, c]),
      );
      const byClient = new Map<string, { scopes: Set<string>; grantedAt: Date }>();
      for (const grant of grants) {
        const issuedAt = typeof grant.payload['iat'] === 'number' ? grant.payload['iat'] : 0;
        const entry = byClient.get(grant.clientId) ?? { scopes: new Set(), grantedAt: new Date(0) };
        for (const scope of grantedScopes(grant.payload)) entry.scopes.add(scope);
        if (issuedAt * 1000 > entry.grantedAt.getTime()) entry.grantedAt = new Date(issuedAt * 1000);
        byClient.set(grant.clientId, entry);
      }
      return [...byClient.entries()]
        .map(([clientId, { scopes, grantedAt }]) => {
          const ordered = ['openid', 'profile', 'phone', 'email', 'cnic', 'applications'].filter((s) =>
            scopes.has(s),
          );
          return {
            clientId,
            clientName: clients.get(clientId)?.name ?? clientId,
            scopes: ordered,
            claims: claimsForScopes(ordered),
            grantedAt,
          };
        })
        .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime());
    },

    /** Withdraws consent: every grant to the service, and every code and token issued under them. */
    async revokeApp(actor: Actor, userId: string, clientId: string): Promise<number> {
      requireSelf(actor, userId);
      return inTransaction(db, async (trx) => {
        const grants = (await grantsOfAccount(trx, userId)).filter((grant) => grant.clientId === clientId);
        for (const grant of grants) await revokeGrantEverywhere(trx, grant.grantId);
        if (grants.length > 0) {
          await insertAuditEvent(trx, {
            actorId: actorId(actor),
            actorLabel: actorLabel(actor),
            action: 'oidc.app_revoked',
            subjectType: 'user_account',
            subjectId: userId,
            details: { clientId, grants: grants.length },
          });
        }
        return grants.length;
      });
    },

    /** Records what a person agreed to share with a service (personal data protection: who got what). */
    async recordConsent(
      actor: Actor,
      consent: { clientId: string; scopes: readonly string[]; cnicShared: boolean | null },
    ): Promise<void> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
      await insertAuditEvent(db, {
        actorId: actor.userId,
        actorLabel: actorLabel(actor),
        action: 'oidc.consent_given',
        subjectType: 'oidc_client',
        subjectId: consent.clientId,
        details: {
          scopes: consent.scopes,
          claims: claimsForScopes(consent.scopes),
          cnicShared: consent.cnicShared,
        },
      });
    },
  };
}

export type OidcService = ReturnType<typeof oidcService>;
