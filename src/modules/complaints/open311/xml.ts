// GeoReport v2's XML (mandatory in the standard): the same values as the JSON, as elements. An array is
// a wrapper element holding one element per item, named by the wrapper (services → service, values →
// value...); null becomes an empty element. Text is escaped; nothing is ever written as raw markup.
export type XmlValue =
  string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [name: string]: XmlValue };

/** The element name of each item of an array element, by the array's own name. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  service_request_updates: 'request_update',
  endpoints: 'endpoint',
  formats: 'format',
};

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; markup characters are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function element(name: string, value: XmlValue, indent: string): string {
  if (!NAME.test(name)) throw new Error(`Not an XML element name: ${name}`);
  if (value === null || value === undefined) return `${indent}<${name}></${name}>\n`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name];
    if (item === undefined) throw new Error(`No item element name for the array ${name}`);
    const inner = (value as readonly XmlValue[]).map((entry) => element(item, entry, `${indent}  `)).join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, XmlValue>)
      .map(([child, entry]) => element(child, entry, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** A whole document whose root element is `root`. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`;
}
