// Chooses the reader's language: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language,
// then English. Every request gets `request.t`, the translator views and error pages use.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type Translator,
  defaultLocale,
  findLocale,
  localeFromAcceptLanguage,
  translatorFor,
} from '../i18n/i18n.ts';
import { cookieOptions } from './cookies.ts';

export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

declare module 'fastify' {
  interface FastifyRequest {
    t: Translator;
  }
}

export function registerLocale(app: FastifyInstance): void {
  app.decorateRequest('t', null as unknown as Translator);
  app.addHook('onRequest', async (request, reply) => {
    const requested = findLocale(queryLang(request));
    if (requested !== undefined && request.cookies[LANG_COOKIE] !== requested.code) {
      reply.setCookie(LANG_COOKIE, requested.code, { ...cookieOptions(request), maxAge: ONE_YEAR_SECONDS });
    }
    const locale =
      requested ??
      findLocale(request.cookies[LANG_COOKIE]) ??
      localeFromAcceptLanguage(request.headers['accept-language']) ??
      defaultLocale();
    request.t = translatorFor(locale);
    reply.header('content-language', locale.code);
    reply.header('vary', 'Accept-Language, Cookie');
  });
}

function queryLang(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const lang = query?.['lang'];
  return typeof lang === 'string' ? lang : undefined;
}
