// The public transparency log: the signed checkpoint, its key, proofs and entries (RFC 9162 style).
// Errors are problem+json (the error handler treats /log/ like /api/).
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { Services } from '../../services.ts';
import {
  ConsistencyProofSchema,
  ConsistencyQuery,
  EntriesQuery,
  EntriesSchema,
  InclusionProofSchema,
  InclusionQuery,
} from './schema.ts';

const tags = ['transparency log'];
const base64 = (hashes: readonly Buffer[]) => hashes.map((hash) => hash.toString('base64'));
/** Checkpoints change at most once a minute; proofs for a fixed size never change. */
const SHORT_CACHE = 'public, max-age=10';
const LONG_CACHE = 'public, max-age=86400, immutable';

export const transparencyLogRoutes: FastifyPluginAsync<{ services: Services }> = async (
  app,
  { services },
) => {
  const log = services.transparencyLog;
  const latestSize = async () => (await log.current()).treeSize;

  app.get(
    '/log/checkpoint',
    { schema: { tags, summary: 'The latest signed checkpoint (C2SP signed note)' } },
    async (_request, reply) => {
      const checkpoint = await log.current();
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', SHORT_CACHE)
        .send(checkpoint.note);
    },
  );

  app.get(
    '/log/key',
    { schema: { tags, summary: 'The checkpoint verifier key (signed-note format)' } },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', SHORT_CACHE)
        .send(`${await log.verifierKey()}\n`),
  );

  app.get<{ Querystring: InclusionQuery }>(
    '/log/proof/inclusion',
    {
      schema: {
        tags,
        summary: 'Inclusion proof',
        querystring: InclusionQuery,
        response: { 200: InclusionProofSchema },
      },
    },
    async (request, reply) => {
      const { index, hash, size } = request.query;
      if ((index === undefined) === (hash === undefined)) {
        throw new AppError('bad_request', 'Give either index or hash');
      }
      const leafIndex =
        index ?? (await log.indexOfLeafHash(Buffer.from((hash ?? '').replaceAll(' ', '+'), 'base64')));
      const proof = await log.inclusionProof(leafIndex, size ?? (await latestSize()));
      if (size !== undefined) reply.header('cache-control', LONG_CACHE);
      return { index: proof.index, size: proof.size, hashes: base64(proof.hashes) };
    },
  );

  app.get<{ Querystring: ConsistencyQuery }>(
    '/log/proof/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProofSchema },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const proof = await log.consistencyProof(from, to ?? (await latestSize()));
      if (to !== undefined) reply.header('cache-control', LONG_CACHE);
      return { from: proof.from, to: proof.to, hashes: base64(proof.hashes) };
    },
  );

  app.get<{ Querystring: EntriesQuery }>(
    '/log/entries',
    {
      schema: {
        tags,
        summary: 'Leaf data, start..end inclusive',
        querystring: EntriesQuery,
        response: { 200: EntriesSchema },
      },
    },
    async (request) => {
      const entries = await log.entries(request.query.start, request.query.end);
      return {
        entries: entries.map((entry) => ({ index: entry.index, data: entry.data.toString('base64') })),
      };
    },
  );
};
