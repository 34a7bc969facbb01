// A browser without JavaScript, over real HTTP (fetch): it keeps the session and CSRF cookies, reads the
// CSRF token and the row version from each page it opens, and posts forms as the page declares them
// (multipart for the filing and field officer's forms, urlencoded otherwise). Redirects are not followed:
// the 303 after a form is the answer, and its Location says where the complaint is.
export interface Exchange {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
  /** From sending the request to the last byte of the answer. */
  readonly ms: number;
}

export class Browser {
  readonly #address: string;
  readonly #cookies = new Map<string, string>();

  constructor(address: string, sessionToken: string) {
    this.#address = address;
    this.#cookies.set('sid', sessionToken);
  }

  get(path: string): Promise<Exchange> {
    return this.#send(path, { method: 'GET' });
  }

  /** Posts `fields` (the token given is sent as `_csrf`) urlencoded, or as multipart/form-data. */
  post(
    path: string,
    csrfToken: string,
    fields: Record<string, string>,
    as: 'urlencoded' | 'multipart' = 'urlencoded',
  ): Promise<Exchange> {
    const all = { _csrf: csrfToken, ...fields };
    if (as === 'urlencoded') {
      return this.#send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(all).toString(),
      });
    }
    const body = new FormData();
    for (const [name, value] of Object.entries(all)) body.append(name, value);
    return this.#send(path, { method: 'POST', body });
  }

  async #send(path: string, init: RequestInit): Promise<Exchange> {
    const started = performance.now();
    const response = await fetch(`${this.#address}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: this.#cookieHeader() },
    });
    const body = await response.text();
    const ms = performance.now() - started;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair === undefined || at < 1) continue;
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(cookie)) this.#cookies.delete(pair.slice(0, at));
      else this.#cookies.set(pair.slice(0, at), value);
    }
    return { status: response.status, location: response.headers.get('location'), body, ms };
  }

  #cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The CSRF token of the page's first form. */
export const csrfTokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];

/** The complaint's version in the page's action forms. */
export const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1];
