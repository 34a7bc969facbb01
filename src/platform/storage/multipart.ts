// multipart/form-data for forms that carry files. Parts are read by the route (not attached to the body),
// with limits so no request can hold more than ten files of 5 MiB each in memory. Going over a limit is
// the uploader's mistake and becomes `payload_too_large`, never a crash.
//
// CSRF: with attachFieldsToBody off, `request.body._csrf` does not exist when the CSRF hook runs, so a
// multipart form must send its token in the action URL (`?_csrf=...`) or an `x-csrf-token` header.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { MAX_DOCUMENT_BYTES } from './content-type.ts';

export const MULTIPART_LIMITS = {
  fileSize: MAX_DOCUMENT_BYTES,
  files: 10,
  fields: 200,
  parts: 220,
} as const;

export async function registerMultipart(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { ...MULTIPART_LIMITS },
    attachFieldsToBody: false,
    throwFileSizeLimit: true,
  });
}

export interface MultipartFile {
  readonly field: string;
  /** The base name the browser sent: untrusted, for display only; never a path or a storage name. */
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export interface MultipartForm {
  readonly fields: Record<string, string | string[]>;
  readonly files: MultipartFile[];
}

const TOO_LARGE = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
]);
const MALFORMED = new Set([
  'FST_INVALID_MULTIPART_CONTENT_TYPE',
  'FST_PROTO_VIOLATION',
  'FST_INVALID_JSON_FIELD_ERROR',
  'FST_MP_PREMATURE_CLOSE',
]);

function translate(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (TOO_LARGE.has(code))
    return new AppError('payload_too_large', 'The upload is too large', { cause: error });
  if (MALFORMED.has(code)) return new AppError('bad_request', 'The form could not be read', { cause: error });
  return error;
}

function addField(fields: Map<string, string | string[]>, name: string, value: string): void {
  const existing = fields.get(name);
  if (existing === undefined) fields.set(name, value);
  else if (typeof existing === 'string') fields.set(name, [existing, value]);
  else existing.push(value);
}

/**
 * Reads a whole multipart request: every field and every file, in order. A file input left empty (no file
 * chosen: empty name, no bytes) is skipped. Needs `registerMultipart` on the instance.
 */
export async function readMultipartForm(request: FastifyRequest): Promise<MultipartForm> {
  // The plugin already refuses names of Object.prototype properties; a Map keeps it that way regardless.
  const fields = new Map<string, string | string[]>();
  const files: MultipartFile[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // Typed as string, but busboy leaves it undefined for `filename=""` (and keeps only the base name).
        const filename = (part.filename as string | undefined) ?? '';
        if (filename === '' && bytes.length === 0) continue;
        files.push({ field: part.fieldname, filename, bytes });
      } else {
        if (part.valueTruncated || part.fieldnameTruncated) {
          throw new AppError('payload_too_large', `Form field ${part.fieldname} is too long`);
        }
        if (typeof part.value !== 'string') throw new AppError('bad_request', 'Form fields must be text');
        addField(fields, part.fieldname, part.value);
      }
    }
  } catch (error) {
    throw translate(error);
  }
  return { fields: Object.fromEntries(fields), files };
}
