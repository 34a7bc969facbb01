// The baseline for scripts/bench/http.ts: a bare Fastify "hello world" on the same Node and machine.
import Fastify from 'fastify';
import { processEnvironment } from '../../src/platform/config.ts';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) =>
  reply.type('text/html; charset=utf-8').send('<!doctype html><p>hello</p>'),
);
app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(processEnvironment()['PORT'] ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
