// What pages do differently on a self-service kiosk (see http/kiosk-mode.ts): `sendPage` provides the
// terminal through this context, and takes every link off the site out of the finished page, so a
// passer-by cannot wander from a government terminal to the open web.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { KioskTerminal } from '../http/kiosk-mode.ts';
import type { Translator } from '../i18n/i18n.ts';
import { ViewerContext } from './viewer.tsx';

export const KioskContext = createContext<KioskTerminal | null>(null);

/** Seconds of inactivity after which a kiosk page signs its user out (the server's limit is the same). */
export const KIOSK_IDLE_SECONDS = 120;
/** When kiosk.js warns that the sign-out is near. */
const KIOSK_WARN_SECONDS = 100;
export const KIOSK_TIMEOUT_PATH = '/kiosk/timeout';
/** kiosk.js asks for this (at most every few seconds) while someone is typing, so the server's clock restarts too. */
export const KIOSK_ALIVE_PATH = '/kiosk/alive';

/** Links that stay on this site: a path ("/x" but not "//host"), a fragment or a query. */
const ON_SITE = /^(?:\/(?![/\\])|#|\?)/;
// An <a> element as preact-render-to-string writes it: attribute values in double quotes (a '>' may occur
// inside them), no nested anchors (HTML forbids them).
const ANCHOR = /<a\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/a>/g;
const HREF = /\shref="([^"]*)"/;

/**
 * The page with every off-site link (http:, mailto:, tel:, //host...) turned into plain text: the words
 * stay, in a span, so sentences still read; only the way out is gone.
 */
export function withoutOffSiteLinks(html: string): string {
  return html.replace(ANCHOR, (anchor, attributes: string, content: string) => {
    const href = HREF.exec(attributes)?.[1];
    if (href === undefined || ON_SITE.test(href.replaceAll('&amp;', '&').trim())) return anchor;
    return `<span class="kiosk-offsite">${content}</span>`;
  });
}

/** The page is on a kiosk and someone is signed in: only then does it sign out on its own. */
function useKioskSession(): boolean {
  const kiosk = useContext(KioskContext);
  const viewer = useContext(ViewerContext);
  return kiosk !== null && viewer !== null;
}

/**
 * In <head>: without JavaScript, a refresh to the sign-out page after two minutes (inside <noscript>, so a
 * browser running the script leaves it to kiosk.js, which restarts the count at every touch and warns).
 */
export function KioskHead({ assetPrefix }: { assetPrefix: string }) {
  if (!useKioskSession()) return null;
  return (
    <>
      <noscript>
        <meta http-equiv="refresh" content={`${KIOSK_IDLE_SECONDS};url=${KIOSK_TIMEOUT_PATH}`} />
      </noscript>
      <script src={`${assetPrefix}/js/kiosk.js`} defer />
    </>
  );
}

/** At the top of <body>: the warning kiosk.js shows 20 seconds before signing out. */
export function KioskWarning({ t }: { t: Translator }) {
  if (!useKioskSession()) return null;
  return (
    <div
      class="kiosk-warning"
      id="kiosk-warning"
      role="alert"
      hidden
      data-idle-seconds={String(KIOSK_IDLE_SECONDS)}
      data-warn-seconds={String(KIOSK_WARN_SECONDS)}
      data-timeout-path={KIOSK_TIMEOUT_PATH}
      data-alive-path={KIOSK_ALIVE_PATH}
    >
      <p>{t.t('kiosk.idleWarning')}</p>
    </div>
  );
}

/** In the footer: which centre's terminal this is. */
export function KioskFooter({ t }: { t: Translator }) {
  const kiosk = useContext(KioskContext);
  if (kiosk === null) return null;
  return <p>{t.t('kiosk.terminalOf', { centre: kiosk.centre })}</p>;
}
