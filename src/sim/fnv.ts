/**
 * FNV-1a 32-bit of a string as 8 hex digits: the one hash of the product (trace fingerprints in
 * run.ts, stored-record fingerprints in runtime/fingerprint.ts). Models nothing in ZooKeeper.
 */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
