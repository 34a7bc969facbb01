// Small authorisation guards shared by the identity use cases.
import type { Actor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';

export type { Actor };

/** The signed-in user's id, or an `unauthenticated` error for anyone else. */
export function forbiddenUnlessUser(actor: Actor): string {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in first');
  return actor.userId;
}
