// The page shell every server-rendered page sits in: document head, skip link, header band with the
// language switch, <main> and footer. No inline script or style anywhere (CSP: default-src 'self').
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { LOCALES, type Locale, type Translator } from '../i18n/i18n.ts';
import { KioskContext, KioskFooter, KioskHead, KioskWarning } from './kiosk.tsx';
import { SignInPlace } from './viewer.tsx';

/** Where public/ is served (see @fastify/static `prefix`). */
export const ASSET_PREFIX = '/assets';
export const STYLESHEET_HREF = `${ASSET_PREFIX}/css/app.css`;
export const FAVICON_HREF = `${ASSET_PREFIX}/images/favicon.svg`;
/** The Urdu body font; preloaded on pages in these languages only (English pages never need it). */
export const URDU_FONT_HREF = `${ASSET_PREFIX}/fonts/noto-naskh-arabic-400.woff2`;
const URDU_FONT_LOCALES: ReadonlySet<string> = new Set(['ur']);

export interface LayoutProps {
  t: Translator;
  title: string;
  /** path + query of the current page, used to build the language links */
  currentPath: string;
  /** the sign-in place in the header; empty until identity lands */
  headerActions?: ComponentChildren;
  /** `<meta name="description">`; the site tagline when absent */
  description?: string;
  /** A form on the page has errors: the document title starts with "Error:", so screen readers say so first. */
  hasErrors?: boolean;
  children: ComponentChildren;
}

/**
 * The current page's path and query with `lang` set to `code`; every other query parameter is kept.
 * Only the path and query are used, so a crafted `//host/...` path can never become an off-site link.
 */
export function languageHref(currentPath: string, code: string): string {
  let url: URL;
  try {
    url = new URL(currentPath, 'http://localhost');
  } catch {
    url = new URL('/', 'http://localhost');
  }
  url.searchParams.set('lang', code);
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}`;
}

function LanguageSwitch({ t, currentPath }: { t: Translator; currentPath: string }) {
  const others = LOCALES.filter((locale: Locale) => locale.code !== t.locale.code);
  if (others.length === 0) return null;
  return (
    <nav class="language-switch" aria-label={t.t('nav.language')}>
      <ul>
        {others.map((locale) => (
          <li key={locale.code}>
            <a
              href={languageHref(currentPath, locale.code)}
              lang={locale.code}
              hreflang={locale.code}
              dir={locale.dir}
            >
              {locale.nativeName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout(props: LayoutProps) {
  const { t, title, currentPath, headerActions, description, children } = props;
  const siteName = t.t('site.name');
  const hasActions = headerActions !== undefined && headerActions !== null && headerActions !== false;
  const kiosk = useContext(KioskContext) !== null;
  return (
    <html lang={t.locale.code} dir={t.locale.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {t.t('layout.documentTitle', {
            title: props.hasErrors === true ? `${t.t('errorMessage.prefix')} ${title}` : title,
            siteName,
          })}
        </title>
        <meta name="description" content={description ?? t.t('site.tagline')} />
        {URDU_FONT_LOCALES.has(t.locale.code) && (
          <link rel="preload" href={URDU_FONT_HREF} as="font" type="font/woff2" crossorigin="anonymous" />
        )}
        <link rel="stylesheet" href={STYLESHEET_HREF} />
        {/* Declared, so browsers do not ask for /favicon.ico. */}
        <link rel="icon" href={FAVICON_HREF} type="image/svg+xml" />
        <KioskHead assetPrefix={ASSET_PREFIX} />
      </head>
      <body class={kiosk ? 'kiosk' : undefined}>
        <a class="skip-link" href="#main-content">
          {t.t('nav.skipToContent')}
        </a>
        <KioskWarning t={t} />
        <header class="header">
          <div class="width-container header__inner">
            <div class="header__brand">
              <a class="header__name" href="/">
                {siteName}
              </a>
              <span class="header__government">{t.t('site.government')}</span>
            </div>
            <LanguageSwitch t={t} currentPath={currentPath} />
            <div class="header__actions">
              {hasActions ? headerActions : <SignInPlace t={t} currentPath={currentPath} />}
            </div>
          </div>
        </header>
        <div class="width-container">
          <main class="main" id="main-content" tabindex={-1}>
            {children}
          </main>
        </div>
        <footer class="footer">
          <div class="width-container">
            <p>{t.t('footer.about')}</p>
            <p>{t.t('footer.copyright', { year: String(new Date().getFullYear()) })}</p>
            <KioskFooter t={t} />
          </div>
        </footer>
      </body>
    </html>
  );
}
