// Request and response schemas of the public log endpoints (validation and the OpenAPI description).
import { type Static, Type } from '@sinclair/typebox';

const Count = (description: string, minimum = 0) =>
  Type.Integer({ minimum, maximum: 2 ** 53 - 1, description });
// A '+' sent unencoded arrives as a space; base64url is accepted too.
const Base64Hash = Type.String({ description: 'SHA-256, base64', pattern: '^[A-Za-z0-9+/_ -]{43}=?$' });

export const InclusionQuery = Type.Object(
  {
    index: Type.Optional(Count('The leaf index')),
    hash: Type.Optional(Base64Hash),
    size: Type.Optional(Count('The tree size (default: the latest checkpoint)', 1)),
  },
  { additionalProperties: false },
);
export type InclusionQuery = Static<typeof InclusionQuery>;

export const InclusionProofSchema = Type.Object({
  index: Type.Integer(),
  size: Type.Integer(),
  hashes: Type.Array(Type.String({ description: 'base64' })),
});

export const ConsistencyQuery = Type.Object(
  {
    from: Count('The older tree size', 1),
    to: Type.Optional(Count('The newer tree size (default: the latest checkpoint)', 1)),
  },
  { additionalProperties: false },
);
export type ConsistencyQuery = Static<typeof ConsistencyQuery>;

export const ConsistencyProofSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  hashes: Type.Array(Type.String({ description: 'base64' })),
});

export const EntriesQuery = Type.Object(
  { start: Count('First index'), end: Count('Last index (inclusive; at most 1000 entries a page)') },
  { additionalProperties: false },
);
export type EntriesQuery = Static<typeof EntriesQuery>;

export const EntriesSchema = Type.Object({
  entries: Type.Array(
    Type.Object({
      index: Type.Integer(),
      data: Type.String({
        description: 'The leaf data (canonical JSON), base64: leaf hash = SHA-256(0x00 ‖ data)',
      }),
    }),
  ),
});
