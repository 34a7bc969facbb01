// Helpers for the webhooks tests: a subscriber (a real HTTP server on 127.0.0.1) that records what it is sent
// and answers with the status codes it is told to, a clock to move forward, and a dispatcher on it.
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../platform/db/database.ts';
import { createLogger } from '../../platform/logger.ts';
import { TEST_SESSION_SECRET } from '../../test-support/app.ts';
import { type DispatcherOptions, webhookDispatcher } from './delivery.ts';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface Subscriber {
  url(path: string): string;
  readonly received: Received[];
  /** Status codes to answer at a path, in order; 200 once they run out. */
  answer(path: string, ...statuses: number[]): void;
  at(path: string): Received[];
  close(): Promise<void>;
}

export async function startSubscriber(): Promise<Subscriber> {
  const received: Received[] = [];
  const answers = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const status = answers.get(path)?.shift() ?? 200;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    answer(path, ...statuses) {
      answers.set(path, statuses);
    },
    at: (path) => received.filter((entry) => entry.path === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

export const silentLogger = createLogger('silent');

export function manualClock(start = Date.now()) {
  let time = start;
  return {
    now: () => new Date(time),
    advance(ms: number) {
      time += ms;
    },
  };
}

export function testDispatcher(db: Db, options: Partial<DispatcherOptions> = {}) {
  return webhookDispatcher(db, { sessionSecret: TEST_SESSION_SECRET, logger: silentLogger, ...options });
}
