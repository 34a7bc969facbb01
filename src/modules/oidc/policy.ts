// When the provider must stop and ask the person something. oidc-provider's standard login and consent
// prompts, plus one rule: the provider's own session only counts while the same person is signed in to
// Sahulat. Signing out of Sahulat (or signing in as someone else) therefore also ends single sign-on.
import { interactionPolicy } from 'oidc-provider';
import { requestContextOf } from './request-context.ts';

const { Check, base } = interactionPolicy;

export function sahulatInteractionPolicy(): interactionPolicy.DefaultPolicy {
  const policy = base();
  const login = policy.get('login');
  if (login === undefined) throw new Error('oidc-provider has no login prompt');
  login.checks.add(
    new Check(
      'sahulat_session',
      'End-User is not signed in to Sahulat as this account',
      'login_required',
      (ctx) => {
        const { actor } = requestContextOf(ctx.req);
        if (actor.kind !== 'user') return Check.REQUEST_PROMPT;
        return ctx.oidc.session?.accountId === actor.userId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      },
    ),
    0,
  );
  return policy;
}
