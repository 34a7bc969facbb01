// JSON pointers (RFC 6901), the paths that pack problems are reported at.

/** Appends segments to a pointer, escaping ~ and / in each. */
export function pointer(base: string, ...segments: (string | number)[]): string {
  return (
    base + segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
  );
}

/** The value at a pointer, or undefined. */
export function valueAt(json: unknown, at: string): unknown {
  if (at === '') return json;
  let current: unknown = json;
  for (const raw of at.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
