/**
 * Zxid helpers — mirrors org.apache.zookeeper.server.util.ZxidUtils.
 *
 * A zxid is (epoch << 32) | counter. We keep it in a JS number (exact up to 2^53, i.e. epochs
 * below 2^21), which is far beyond anything a simulation reaches, and much faster than bigint.
 */
export type Zxid = number;
export type Sid = number;

const TWO_32 = 0x1_0000_0000;

export function makeZxid(epoch: number, counter: number): Zxid {
  return epoch * TWO_32 + counter;
}

export function getEpochFromZxid(zxid: Zxid): number {
  return Math.floor(zxid / TWO_32);
}

export function getCounterFromZxid(zxid: Zxid): number {
  return zxid % TWO_32;
}

/** ZooKeeper's `Long.toHexString` with a 0x prefix: lower case, no padding; -1 is 0xffffffffffffffff. */
/** the same zxid is printed many times (every server logs, ACKs and applies it): cache the text */
const hexCache = new Map<number, string>();

export function zxidToHex(zxid: Zxid): string {
  let s = hexCache.get(zxid);
  if (s !== undefined) return s;
  s = zxid < 0 ? '0x' + BigInt.asUintN(64, BigInt(zxid)).toString(16) : '0x' + zxid.toString(16);
  if (hexCache.size >= 65536) hexCache.clear();
  hexCache.set(zxid, s);
  return s;
}

/** Parses `0x…` (or plain decimal) back to a zxid. */
export function zxidFromHex(s: string): Zxid {
  // fast path: non-negative zxids below 2^53 (all a simulation makes)
  if (s.length <= 15 && s.startsWith('0x')) return parseInt(s.slice(2), 16);
  const v = BigInt(s);
  return v >= 1n << 63n ? Number(v - (1n << 64n)) : Number(v);
}

/** `e:c` notation used in the reference and the UI. */
export function zxidToEpochCounter(zxid: Zxid): string {
  if (zxid < 0) return String(zxid);
  return `${getEpochFromZxid(zxid)}:${getCounterFromZxid(zxid)}`;
}

/** ZooKeeper's counter rollover limit (ZOOKEEPER-1277). */
export const MAX_COUNTER = 0xffffffff;

/** Ascending zxids as runs of consecutive ones: `0x100000001..0x100000009`, or one zxid alone. */
export function zxidRanges(zs: readonly Zxid[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < zs.length;) {
    let j = i;
    while (j + 1 < zs.length && zs[j + 1] === zs[j] + 1) j++;
    out.push(j === i ? zxidToHex(zs[i]) : `${zxidToHex(zs[i])}..${zxidToHex(zs[j])}`);
    i = j + 1;
  }
  return out;
}

/** The inverse of zxidRanges. */
export function parseZxidRanges(rs: readonly string[]): Zxid[] {
  const out: Zxid[] = [];
  for (const r of rs) {
    const k = r.indexOf('..');
    if (k < 0) {
      out.push(zxidFromHex(r));
      continue;
    }
    const hi = zxidFromHex(r.slice(k + 2));
    for (let z = zxidFromHex(r.slice(0, k)); z <= hi; z++) out.push(z);
  }
  return out;
}
