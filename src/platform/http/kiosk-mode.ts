// Kiosk mode: a self-service terminal at a facilitation centre is a browser carrying a long-lived, signed,
// HttpOnly `kiosk` cookie that names its centre and district (set once by an administrator at /kiosk/enrol).
// Every request learns here whether it comes from one (`request.kiosk`); the page shell then shows large
// touch targets and no off-site links, and the identity module keeps sessions on it to 2 idle minutes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cookieOptions } from './cookies.ts';

export const KIOSK_COOKIE = 'kiosk';
/** About the most a browser keeps a cookie (Chrome caps at 400 days); an administrator re-enrols after. */
const KIOSK_COOKIE_SECONDS = 400 * 24 * 60 * 60;

export interface KioskTerminal {
  /** The centre's name as the administrator wrote it, e.g. "Quetta Civil Secretariat facilitation centre". */
  readonly centre: string;
  readonly districtCode: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The self-service terminal this request comes from, or null for an ordinary browser. */
    kiosk: KioskTerminal | null;
  }
}

function parseTerminal(value: string): KioskTerminal | null {
  try {
    const parsed = JSON.parse(value) as { c?: unknown; d?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.d !== 'string') return null;
    if (parsed.c.length === 0 || parsed.c.length > 120 || !/^[A-Z]{3}$/.test(parsed.d)) return null;
    return { centre: parsed.c, districtCode: parsed.d };
  } catch {
    return null;
  }
}

/** Before the session hook, which shortens sessions on kiosks. A forged or stale cookie is ignored. */
export function registerKioskMode(app: FastifyInstance): void {
  app.decorateRequest('kiosk', null);
  app.addHook('onRequest', async (request) => {
    request.kiosk = null;
    const raw = request.cookies[KIOSK_COOKIE];
    if (raw === undefined || raw === '') return;
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid) request.kiosk = parseTerminal(unsigned.value);
  });
}

export function setKioskCookie(request: FastifyRequest, reply: FastifyReply, terminal: KioskTerminal): void {
  const value = JSON.stringify({ c: terminal.centre, d: terminal.districtCode });
  reply.setCookie(KIOSK_COOKIE, value, {
    ...cookieOptions(request),
    signed: true,
    maxAge: KIOSK_COOKIE_SECONDS,
  });
}

export function clearKioskCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(KIOSK_COOKIE, cookieOptions(request));
}
