// /complaints/public/{number}/photos/{id}.jpg|png: a photo filed with a public complaint, for anyone (it is
// Open311's media_url). Sent only as publishableImage leaves it: without EXIF, XMP, comments, thumbnails or
// anything after the picture. Other sites may show it (CORS and a cross-origin resource policy).
import type { FastifyPluginAsync, onSendHookHandler } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { MEDIA_TYPES } from '../../platform/storage/content-type.ts';
import type { DocumentStore } from '../../platform/storage/document-store.ts';
import type { Services } from '../../services.ts';
import { publishableImage } from './media.ts';

const FILE = /^([1-9]\d{0,15})\.(jpg|png)$/;

/** Runs after the app's security headers (route hooks come last), so that the picture may be embedded. */
const embeddable: onSendHookHandler = (_request, reply, payload, done) => {
  reply.header('cross-origin-resource-policy', 'cross-origin');
  done(null, payload);
};

export const mediaRoutes: FastifyPluginAsync<{ services: Services; store: DocumentStore }> = async (
  app,
  { services, store },
) => {
  app.get('/complaints/public/:number/photos/:file', { onSend: embeddable }, async (request, reply) => {
    const { number, file } = request.params as { number: string; file: string };
    const match = FILE.exec(file);
    if (match === null) throw new AppError('not_found', 'No such photo');
    const photo = await services.complaints.publicPhoto(request.actor, number, Number(match[1]));
    if ((photo.mediaType === 'png' ? 'png' : 'jpg') !== match[2])
      throw new AppError('not_found', 'No such photo');
    const bytes = await store.get(photo.documentKey);
    const published = bytes === undefined ? undefined : publishableImage(bytes, photo.mediaType);
    if (published === undefined) throw new AppError('not_found', 'No such photo');
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('content-disposition', `inline; filename="${number}-${file}"`)
      .type(MEDIA_TYPES[photo.mediaType])
      .send(Buffer.from(published));
  });
};
