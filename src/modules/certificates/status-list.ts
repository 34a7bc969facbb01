// W3C Bitstring Status List v1.0: each department's certificates have a slot (a random index, so a list
// says nothing about issue order) in a pair of lists, one for revocation and one for suspension. A list is
// published as a credential whose `encodedList` is the GZIP-compressed bitstring, multibase base64url
// ("u" prefix, no padding); index 0 is the left-most (most significant) bit of the first byte.
import { gunzipSync, gzipSync } from 'node:zlib';

export type StatusPurpose = 'revocation' | 'suspension';
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];
/** The specification's minimum, for herd privacy: 16 KiB of bits before compression. */
export const STATUS_LIST_LENGTH = 131_072;

/** The public name of one list: `<list id>-<purpose>`, as in /credentials/status/revenue-1-revocation. */
export const listName = (listId: string, purpose: StatusPurpose) => `${listId}-${purpose}`;

export function parseListName(name: string): { listId: string; purpose: StatusPurpose } | undefined {
  const match = /^([a-z][a-z0-9-]*)-(revocation|suspension)$/.exec(name);
  return match === null ? undefined : { listId: match[1] as string, purpose: match[2] as StatusPurpose };
}

export function encodeBitstring(length: number, setBits: readonly number[]): string {
  const bytes = Buffer.alloc(length / 8);
  for (const index of setBits) {
    bytes[index >> 3] = (bytes[index >> 3] as number) | (0x80 >> (index & 7));
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The bitstring of an `encodedList`; throws when it is not one. */
export function decodeBitstring(encoded: string): Buffer {
  if (!encoded.startsWith('u')) throw new Error('encodedList is not multibase base64url');
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

export function bitAt(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3];
  if (byte === undefined) throw new Error(`Index ${index} is beyond the list`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}
