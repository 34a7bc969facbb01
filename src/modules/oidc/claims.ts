// Which claims each scope releases, and the claims of an account as relying parties receive them.
import type { SupportedScope } from './clients.ts';

/** OpenID Connect Core 5.4, plus `cnic`. `name#ur` is the Urdu name as a language-tagged claim (5.2). */
export const SCOPE_CLAIMS: Readonly<Record<SupportedScope, readonly string[]>> = {
  openid: ['sub'],
  profile: ['name', 'name#ur'],
  phone: ['phone_number', 'phone_number_verified'],
  email: ['email', 'email_verified'],
  cnic: ['cnic'],
  // Releases no claim: it lets the relying party use the applications API for the person.
  applications: [],
};

/** What the accounts module tells us about a person (accountsService.claimsOf). */
export interface AccountClaimsSource {
  readonly userId: string;
  readonly fullName: string;
  readonly fullNameUr: string | null;
  readonly mobile: string | null;
  readonly mobileVerified: boolean;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly cnic: string | null;
}

/** 13 digits as NADRA prints them: 54400-1234567-1. */
export function formatCnic(digits: string): string {
  return /^\d{13}$/.test(digits)
    ? `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}`
    : digits;
}

/**
 * Every claim the account has; oidc-provider then keeps only those the granted scopes allow. Absent values
 * are left out rather than sent as null. `sub` is the account id here; pairwise clients get it transformed.
 */
export function accountClaims(account: AccountClaimsSource): { sub: string; [claim: string]: unknown } {
  const claims: { sub: string; [claim: string]: unknown } = { sub: account.userId, name: account.fullName };
  if (account.fullNameUr !== null && account.fullNameUr !== '') claims['name#ur'] = account.fullNameUr;
  if (account.mobile !== null) {
    claims['phone_number'] = account.mobile;
    claims['phone_number_verified'] = account.mobileVerified;
  }
  if (account.email !== null) {
    claims['email'] = account.email;
    claims['email_verified'] = account.emailVerified;
  }
  if (account.cnic !== null) claims['cnic'] = formatCnic(account.cnic);
  return claims;
}

/** The claims a set of granted scopes releases (for "connected apps"). */
export function claimsForScopes(scopes: readonly string[]): string[] {
  return scopes.flatMap((scope) => (scope in SCOPE_CLAIMS ? SCOPE_CLAIMS[scope as SupportedScope] : []));
}
