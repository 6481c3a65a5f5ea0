/**
 * Fingerprints of plain data (durable images, server views) that do not depend on key order, so
 * that the page's mirror of a server's storage and what a worker read back from IndexedDB can be
 * compared cheaply across the worker boundary. Models nothing in ZooKeeper.
 */
import { fnv1a } from '../sim/fnv';

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

export function fingerprint(value: unknown): string {
  const s = canonicalJson(value);
  return `${fnv1a(s)}:${s.length}`;
}
