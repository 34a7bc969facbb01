// Type declarations for the two untyped font packages used by scripts/build-fonts.ts (dev-time only).
declare module 'subset-font' {
  export interface SubsetFontOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2';
    /** Four-character OpenType feature tags to keep; all others are dropped. */
    keepFeatures?: readonly string[];
    /** Extra `name` table IDs to keep (harfbuzz keeps 0–6 by default). */
    preserveNameIds?: readonly number[];
    noHinting?: boolean;
    dropTables?: readonly string[];
  }
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: SubsetFontOptions,
  ): Promise<Buffer>;
}

declare module 'fontverter' {
  export type FontFormat = 'sfnt' | 'truetype' | 'woff' | 'woff2';
  export function convert(font: Uint8Array, toFormat: FontFormat, fromFormat?: FontFormat): Promise<Buffer>;
  export function detectFormat(font: Uint8Array): FontFormat;
  const fontverter: { convert: typeof convert; detectFormat: typeof detectFormat };
  export default fontverter;
}
