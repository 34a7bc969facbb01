// Renders a Preact element tree to a complete HTML document. Text is escaped by preact-render-to-string;
// nothing in our views uses dangerouslySetInnerHTML.
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderDocument(page));
}
