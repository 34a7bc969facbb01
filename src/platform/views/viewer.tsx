// Who is looking at the page, for the header's sign-in place. `sendPage` provides it from the request,
// so every page shows "Sign in" or the account link and a sign-out button without passing anything.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../i18n/i18n.ts';
import { CSRF_FIELD } from '../http/csrf.ts';

export interface Viewer {
  readonly name: string;
  /** For the sign-out form, which changes state and so carries a CSRF token. */
  readonly csrfToken: string;
}

export const ViewerContext = createContext<Viewer | null>(null);

export function SignInPlace({ t, currentPath }: { t: Translator; currentPath: string }) {
  const viewer = useContext(ViewerContext);
  if (viewer === null) {
    const next = currentPath.startsWith('/sign-in') ? '' : `?next=${encodeURIComponent(currentPath)}`;
    return (
      <a class="header__link" href={`/sign-in${next}`}>
        {t.t('nav.signIn')}
      </a>
    );
  }
  return (
    <div class="header__account">
      <a class="header__link" href="/account">
        {t.t('nav.account')}
        <span class="visually-hidden">: {viewer.name}</span>
      </a>
      <form method="post" action="/sign-out" class="header__sign-out">
        <input type="hidden" name={CSRF_FIELD} value={viewer.csrfToken} />
        <button type="submit" class="header__button">
          {t.t('nav.signOut')}
        </button>
      </form>
    </div>
  );
}
