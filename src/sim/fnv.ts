/**
 * FNV-1a 32-bit of a string as 8 hex digits: the one hash of the product (trace fingerprints in
 * run.ts, stored-record fingerprints in runtime/fingerprint.ts). Models nothing in ZooKeeper.
 * `fnv1aUpdate` folds more text into a running hash (TraceLog hashes a trace as it goes):
 * fnvHex(fnv1aUpdate(fnv1aUpdate(FNV_OFFSET, a), b)) === fnv1a(a + b).
 */
export const FNV_OFFSET = 0x811c9dc5;

export function fnv1aUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export function fnvHex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function fnv1a(s: string): string {
  return fnvHex(fnv1aUpdate(FNV_OFFSET, s));
}
