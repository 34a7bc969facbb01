import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { isAppError } from '../errors.ts';
import { MAX_DOCUMENT_BYTES } from './content-type.ts';
import { MULTIPART_LIMITS, readMultipartForm, registerMultipart } from './multipart.ts';
import { tinyPdf, tinyPng } from './test-fixtures.ts';

/** Serialises a FormData exactly as a browser would send it (undici's own multipart encoder). */
async function encode(form: FormData): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}

const file = (bytes: Uint8Array, type = 'application/octet-stream') => new Blob([bytes.slice()], { type });

describe('readMultipartForm', () => {
  let app: FastifyInstance;
  before(async () => {
    // A bare instance: no @fastify/formbody, no app error handler; the route reports what it caught.
    app = Fastify();
    await registerMultipart(app);
    app.post('/upload', async (request) => {
      try {
        const form = await readMultipartForm(request);
        return {
          fields: form.fields,
          files: form.files.map((f) => ({
            field: f.field,
            filename: f.filename,
            size: f.bytes.length,
            base64: Buffer.from(f.bytes).toString('base64'),
          })),
        };
      } catch (error) {
        return { error: isAppError(error) ? error.code : `untyped: ${String(error)}` };
      }
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
  });

  it('reads fields (repeated ones as lists) and files with their bytes intact', async () => {
    const form = new FormData();
    form.append('_csrf', 'token');
    form.append('name', 'ثناء بلوچ');
    form.append('district', 'quetta');
    form.append('district', 'gwadar');
    form.append('cnic', file(tinyPdf(), 'application/pdf'), 'cnic.pdf');
    form.append('photo', file(tinyPng(), 'image/png'), '../../photo.png');
    form.append('empty', new Blob([]), ''); // a file input left empty by the browser

    const response = await app.inject({ method: 'POST', url: '/upload', ...(await encode(form)) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      fields: { _csrf: 'token', name: 'ثناء بلوچ', district: ['quetta', 'gwadar'] },
      files: [
        {
          field: 'cnic',
          filename: 'cnic.pdf',
          size: tinyPdf().length,
          base64: Buffer.from(tinyPdf()).toString('base64'),
        },
        {
          field: 'photo',
          filename: 'photo.png', // busboy keeps only the base name
          size: tinyPng().length,
          base64: Buffer.from(tinyPng()).toString('base64'),
        },
      ],
    });
  });

  it('accepts a file of exactly 5 MiB', async () => {
    const form = new FormData();
    form.append('doc', file(tinyPdf(MAX_DOCUMENT_BYTES)), 'big.pdf');
    const response = await app.inject({ method: 'POST', url: '/upload', ...(await encode(form)) });
    const body = response.json<{ files: { size: number }[] }>();
    assert.deepEqual(
      body.files.map((f) => f.size),
      [MAX_DOCUMENT_BYTES],
    );
  });

  it('turns a file one byte over 5 MiB into payload_too_large', async () => {
    const form = new FormData();
    form.append('name', 'x');
    form.append('doc', file(tinyPdf(MAX_DOCUMENT_BYTES + 1)), 'big.pdf');
    form.append('after', 'y');
    const response = await app.inject({ method: 'POST', url: '/upload', ...(await encode(form)) });
    assert.deepEqual(response.json(), { error: 'payload_too_large' });
  });

  it('turns too many files into payload_too_large', async () => {
    const form = new FormData();
    for (let i = 0; i <= MULTIPART_LIMITS.files; i += 1) form.append(`f${i}`, file(tinyPng()), `${i}.png`);
    const response = await app.inject({ method: 'POST', url: '/upload', ...(await encode(form)) });
    assert.deepEqual(response.json(), { error: 'payload_too_large' });
  });

  it('refuses a field named like an Object.prototype property as bad_request', async () => {
    const form = new FormData();
    form.append('__proto__', 'x');
    const response = await app.inject({ method: 'POST', url: '/upload', ...(await encode(form)) });
    assert.deepEqual(response.json(), { error: 'bad_request' });
  });

  it('refuses a request that is not multipart as bad_request', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    assert.deepEqual(response.json(), { error: 'bad_request' });
  });
});
