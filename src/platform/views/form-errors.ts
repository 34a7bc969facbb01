// Field errors from services carry catalog keys; pages show them in the reader's language.
import type { FieldError } from '../errors.ts';
import { type AppError, isAppError } from '../errors.ts';
import type { MessageKey, Translator } from '../i18n/i18n.ts';
import type { FormError } from './components.tsx';

export function toFormErrors(t: Translator, errors: readonly FieldError[]): FormError[] {
  return errors.map((error) => ({
    field: error.field,
    message: t.t(error.messageKey as MessageKey, error.params),
  }));
}

/** The field errors of a validation or rate-limit error a form can show; other errors are not ours to show. */
export function formErrorsOf(error: unknown): AppError | undefined {
  return isAppError(error) && error.fieldErrors.length > 0 ? error : undefined;
}
