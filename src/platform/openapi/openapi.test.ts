// The OpenAPI document describes every /api/v1 route the app serves and nothing else, as 3.1.0, with the
// platform's problem answers, security schemes and POST headers; /api/docs shows it without any script.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../../test-support/app.ts';
import { anchorOf } from './docs-page.tsx';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

type Json = Record<string, unknown>;

/** Every route of the app as `METHOD /path/{param}`, read from Fastify's own route tree. */
function servedRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = `${depth === 0 ? '' : (stack[depth - 1] ?? '')}${match[2] ?? ''}`;
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(', ')) {
      if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 and describes exactly the /api/v1 routes', async () => {
    const response = await t.app.inject('/api/v1/openapi.json');
    assert.equal(response.statusCode, 200);
    const document = response.json<Json>();
    assert.equal(document['openapi'], '3.1.0');
    const paths = document['paths'] as Record<string, Json>;
    const described = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = servedRoutes(t.app.printRoutes({ commonPrefix: false })).filter((route) =>
      route.split(' ')[1]?.startsWith('/api/v1/'),
    );
    assert.ok(served.length >= 12, `found the API's routes: ${served.join(', ')}`);
    assert.deepEqual(described.sort(), served.sort());
    for (const route of ['POST /api/v1/applications', 'GET /api/v1/inbox', 'POST /api/v1/documents']) {
      assert.ok(described.includes(route), route);
    }
  });

  it('gives every operation a summary, tags, problem answers; POSTs the Idempotency-Key header', async () => {
    const document = (await t.app.inject('/api/v1/openapi.json')).json<Json>();
    const components = document['components'] as Record<string, Json>;
    assert.deepEqual(Object.keys(components['securitySchemes'] ?? {}).sort(), ['bearer', 'session']);
    assert.ok(components['schemas']?.['Problem'] !== undefined);
    for (const [path, item] of Object.entries(document['paths'] as Record<string, Record<string, Json>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method} ${path}`;
        assert.equal(typeof operation['summary'], 'string', where);
        assert.ok(Array.isArray(operation['tags']) && operation['tags'].length > 0, where);
        const responses = operation['responses'] as Record<string, Json>;
        assert.ok(
          Object.keys(responses).some((status) => status.startsWith('2')),
          where,
        );
        assert.equal(responses['401']?.['$ref'], '#/components/responses/Problem401', where);
        if (method === 'post') {
          const parameters = (operation['parameters'] ?? []) as Json[];
          assert.ok(
            parameters.some((p) => p['$ref'] === '#/components/parameters/IdempotencyKey'),
            where,
          );
          assert.ok(responses['409'] !== undefined && responses['422'] !== undefined, where);
        }
      }
    }
    const problem = (components['responses'] as Record<string, Json>)['Problem422'] as Json;
    assert.ok((problem['content'] as Json)['application/problem+json'] !== undefined);
    const file = (document['paths'] as Record<string, Record<string, Json>>)['/api/v1/applications']?.[
      'post'
    ];
    const body = ((file?.['requestBody'] as Json)['content'] as Record<string, Json>)['application/json'];
    const schema = body?.['schema'] as Json;
    assert.deepEqual((schema['required'] as string[]).sort(), ['answers', 'serviceCode']);
  });

  it('is readable at /api/docs without any script, with the chrome in Urdu on request', async () => {
    const document = (await t.app.inject('/api/v1/openapi.json')).json<Json>();
    const page = await t.app.inject('/api/docs');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.doesNotMatch(page.body, /<script/i);
    for (const [path, item] of Object.entries(document['paths'] as Record<string, Json>)) {
      for (const method of Object.keys(item)) {
        assert.ok(page.body.includes(`id="${anchorOf(method.toUpperCase(), path)}"`), `${method} ${path}`);
      }
    }
    assert.match(page.body, /Idempotency-Key/);
    const urdu = await t.app.inject('/api/docs?lang=ur');
    assert.match(urdu.body, /<html lang="ur" dir="rtl">/);
    assert.match(urdu.body, /جواب میں کیا آتا ہے/);
  });
});
