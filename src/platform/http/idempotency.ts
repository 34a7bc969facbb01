// Idempotency-Key on every POST of the JSON API (draft-ietf-httpapi-idempotency-key-header). The header is
// optional; with it, a client may safely repeat a request whose answer it never got:
//   same key, same request (method, path, body) → the first response again, marked `Idempotent-Replayed: true`;
//   same key, another request → 422; the first request still running → 409 (retry later).
// Keys belong to the caller (`scopeOf`) and live 24 hours. The claim is a row in PostgreSQL, so this holds
// across app instances; a claim left by a crashed instance is taken over after `staleAfterSeconds`
// (the crashed request may have done its work already: a client that must never repeat it should look
// for the result before retrying with the same key).
import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError, conflict, validationFailed } from '../errors.ts';
import type { Jobs } from '../jobs.ts';
import { claimKey, completeKey, deleteExpiredKeys, releaseKey } from './repo-idempotency.ts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const DAY_SECONDS = 24 * 60 * 60;
/** Longer than any request of ours may take (uploads included), short enough for a client's retry loop. */
const STALE_AFTER_SECONDS = 5 * 60;
/** Headers a replay repeats; the others (date, request id, cookies, security headers) are set afresh. */
const KEPT_HEADERS = ['content-type', 'location', 'etag'] as const;
const PRINTABLE = /^[\x20-\x7e]{1,255}$/;

export interface IdempotencyOptions {
  readonly db: Db;
  /** Whose keys these are: a stable id of the caller, or undefined (anonymous: the request goes on as is). */
  readonly scopeOf: (request: FastifyRequest) => string | undefined;
  readonly lifetimeSeconds?: number;
  readonly staleAfterSeconds?: number;
}

/** The key in the header: a Structured Field string (`"…"`) or, as most clients send it, bare. */
export function parseIdempotencyKey(header: string | string[]): string | undefined {
  if (Array.isArray(header)) return undefined;
  let value = header.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    value = value.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return PRINTABLE.test(value) ? value : undefined;
}

/** JSON with object keys sorted, so that the same body sent with its keys in another order is the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  // Parsed JSON holds no undefined below the top; a body-less request has none at all.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** What makes two requests "the same": method, path with query, and body. */
export function requestFingerprint(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url}\n`);
  const body: unknown = request.body;
  if (Buffer.isBuffer(body)) hash.update(body);
  else if (typeof body === 'string') hash.update(body);
  else if (body !== undefined && body !== null) hash.update(canonicalJson(body));
  return hash.digest('base64url');
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions): void {
  const lifetimeSeconds = options.lifetimeSeconds ?? DAY_SECONDS;
  const staleAfterSeconds = options.staleAfterSeconds ?? STALE_AFTER_SECONDS;
  const claims = new WeakMap<FastifyRequest, { scope: string; key: string; claim: string }>();

  const claim: preHandlerAsyncHookHandler = async function claim(
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined) return;
    const key = parseIdempotencyKey(header);
    if (key === undefined)
      throw new AppError('bad_request', 'Idempotency-Key must be one value of 1 to 255 printable characters');
    const scope = options.scopeOf(request);
    if (scope === undefined) return;
    const fingerprint = requestFingerprint(request);
    const result = await claimKey(options.db, {
      scope,
      key,
      fingerprint,
      lifetimeSeconds,
      staleAfterSeconds,
    });
    switch (result.outcome) {
      case 'claimed':
        claims.set(request, { scope, key, claim: result.claim });
        return;
      case 'replay':
        reply.code(result.response.status).headers(result.response.headers).header(REPLAYED_HEADER, 'true');
        return reply.send(result.response.body);
      case 'mismatch':
        throw validationFailed('This Idempotency-Key was already used for a different request', [
          { field: 'header/Idempotency-Key', messageKey: 'api.error.idempotencyKeyReused' },
        ]);
      case 'in_flight':
        reply.header('retry-after', '1');
        throw conflict('A request with this Idempotency-Key is still being processed: retry later');
    }
  };

  const store: onSendAsyncHookHandler = async function store(request, reply, payload) {
    const held = claims.get(request);
    if (held === undefined) return payload;
    claims.delete(request);
    try {
      const replayable = typeof payload === 'string' || Buffer.isBuffer(payload);
      if (reply.statusCode >= 500 || !replayable) {
        // Our failure, not the request's outcome: the client may try again with the same key.
        await releaseKey(options.db, held.scope, held.key, held.claim);
        return payload;
      }
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      await completeKey(options.db, held.scope, held.key, held.claim, {
        status: reply.statusCode,
        headers,
        body: payload.toString(),
      });
    } catch (error: unknown) {
      // The response still goes out; the key stays claimed until it is taken as abandoned.
      request.log.warn({ err: error }, 'could not record the idempotency key’s response');
    }
    return payload;
  };

  // Route-level hooks: the claim runs after every application-wide preHandler (the CSRF check), and the
  // store runs first among the route's onSend hooks, before compression turns the body into a stream.
  app.addHook('onRoute', (route) => {
    const methods = asArray(route.method);
    if (!methods.includes('POST') || !route.url.startsWith('/api/v1/')) return;
    route.preHandler = [...asArray(route.preHandler), claim];
    route.onSend = [store, ...asArray(route.onSend)];
  });
}

export const IDEMPOTENCY_CLEANUP_QUEUE = 'idempotency-key-cleanup';

/** Deletes expired keys, in batches; returns how many went. */
export async function deleteExpiredIdempotencyKeys(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredKeys(db, 5000);
    total += deleted;
    if (deleted < 5000) return total;
  }
}

export async function scheduleIdempotencyCleanup(jobs: Jobs, db: Db): Promise<void> {
  await jobs.boss.createQueue(IDEMPOTENCY_CLEANUP_QUEUE);
  await jobs.boss.schedule(IDEMPOTENCY_CLEANUP_QUEUE, '41 * * * *');
  await jobs.boss.work(IDEMPOTENCY_CLEANUP_QUEUE, async () => {
    await deleteExpiredIdempotencyKeys(db);
  });
}
