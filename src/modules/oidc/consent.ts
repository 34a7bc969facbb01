// What the consent page asks, and the Grant its answer becomes. The CNIC is released only when the service
// asked for the `cnic` scope AND the person ticked the box; otherwise it is recorded as refused, so the
// provider does not ask again on every sign-in (revoking the connected app clears that).
import type Provider from 'oidc-provider';
import type { ConsentScope } from './views/consent-page.tsx';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;
type Grant = InstanceType<Provider['Grant']>;

const LISTED: readonly ConsentScope[] = ['openid', 'profile', 'phone', 'email', 'applications'];

export interface RequestedScopes {
  /** The scopes to list (never the CNIC), in a fixed order. */
  readonly listed: ConsentScope[];
  readonly cnic: boolean;
}

/** The scopes of the authorization request (the client's allow-list was enforced by the provider). */
export function requestedScopes(details: Interaction): RequestedScopes {
  const raw = details.params['scope'];
  const requested = new Set(typeof raw === 'string' ? raw.split(' ') : []);
  return { listed: LISTED.filter((scope) => requested.has(scope)), cnic: requested.has('cnic') };
}

/** Removes a scope from the grant's refused list (the person now agrees to what they refused before). */
function unreject(grant: Grant, scope: string): void {
  const rejected = (grant as { rejected?: { openid?: { scope?: string } } }).rejected?.openid;
  if (rejected?.scope === undefined) return;
  rejected.scope = rejected.scope
    .split(' ')
    .filter((s) => s !== scope)
    .join(' ');
}

export interface GrantDecision {
  readonly grantId: string;
  readonly consent: { clientId: string; scopes: string[]; cnicShared: boolean | null };
}

export async function decideGrant(
  provider: Provider,
  details: Interaction,
  accountId: string,
  shareCnic: boolean,
): Promise<GrantDecision> {
  const clientId = String(details.params['client_id']);
  const existing = details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId);
  const grant =
    existing !== undefined && existing.accountId === accountId && existing.clientId === clientId
      ? existing
      : new provider.Grant({ accountId, clientId });
  const scopes = requestedScopes(details);
  const allowed: string[] = [...scopes.listed];
  if (scopes.cnic) {
    if (shareCnic) {
      unreject(grant, 'cnic');
      allowed.push('cnic');
    } else {
      grant.rejectOIDCScope('cnic');
    }
  }
  grant.addOIDCScope(allowed.join(' '));
  const grantId = await grant.save();
  return { grantId, consent: { clientId, scopes: allowed, cnicShared: scopes.cnic ? shareCnic : null } };
}
