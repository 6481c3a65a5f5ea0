/**
 * Fingerprints of plain data (durable images, server views) that do not depend on key order, so
 * that the page's mirror of a server's storage and what a worker read back from IndexedDB can be
 * compared cheaply across the worker boundary. Models nothing in ZooKeeper.
 */

/** JSON with object keys sorted (arrays keep their order); `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

/** FNV-1a 32-bit of a string, as 8 hex digits (the same function as run.ts's traceHash). */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function fingerprint(value: unknown): string {
  const s = canonicalJson(value);
  return `${fnv1a(s)}:${s.length}`;
}
