// Renders a Preact element tree to a complete HTML document. Text is escaped by preact-render-to-string;
// nothing in our views uses dangerouslySetInnerHTML.
import type { FastifyReply } from 'fastify';
import { type VNode, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { KioskTerminal } from '../http/kiosk-mode.ts';
import { KioskContext, withoutOffSiteLinks } from './kiosk.tsx';
import { type Viewer, ViewerContext } from './viewer.tsx';

export function renderDocument(
  page: VNode,
  viewer: Viewer | null = null,
  kiosk: KioskTerminal | null = null,
): string {
  const tree = h(KioskContext.Provider, { value: kiosk }, h(ViewerContext.Provider, { value: viewer }, page));
  const html = `<!doctype html>${renderToString(tree)}`;
  return kiosk === null ? html : withoutOffSiteLinks(html);
}

/** Sends a page; the header shows the signed-in person (from `request.actor`) or a sign-in link. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  const { actor, kiosk = null } = reply.request as Partial<Pick<FastifyReply['request'], 'actor' | 'kiosk'>>;
  const viewer: Viewer | null =
    actor?.kind === 'user' ? { name: actor.label, csrfToken: reply.generateCsrf() } : null;
  // Pages for a signed-in person must not be kept by shared caches or the browser's back-forward cache.
  if (viewer !== null) reply.header('cache-control', 'no-store');
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderDocument(page, viewer, kiosk));
}
