// Drives server-rendered pages through `app.inject()` the way a browser without JavaScript would: it keeps
// cookies, and fills the CSRF token from the last page it fetched into the forms it posts.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class FormClient {
  readonly cookies = new Map<string, string>();
  lastBody = '';
  readonly #app: FastifyInstance;
  readonly #remoteAddress: string;

  constructor(app: FastifyInstance, options: { remoteAddress?: string } = {}) {
    this.#app = app;
    this.#remoteAddress = options.remoteAddress ?? '127.0.0.1';
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.#app.inject({
      method: 'GET',
      url,
      headers,
      cookies: Object.fromEntries(this.cookies),
      remoteAddress: this.#remoteAddress,
    });
    this.#remember(response);
    return response;
  }

  /** Posts a form; `_csrf` comes from the last page fetched unless given. */
  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({ _csrf: this.csrfToken(), ...fields }).toString();
    const response = await this.#app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload,
      cookies: Object.fromEntries(this.cookies),
      remoteAddress: this.#remoteAddress,
    });
    this.#remember(response);
    return response;
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastBody);
    return match?.[1] ?? '';
  }

  #remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if ((response.headers['content-type'] ?? '').includes('text/html')) this.lastBody = response.body;
  }
}
