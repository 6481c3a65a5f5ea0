/**
 * The checksums ZooKeeper keeps on disk, over a canonical serialization of what is stored:
 *  - every txn log entry: `FileTxnLog.append` writes an Adler32 of the serialized TxnHeader + Txn
 *    (`txnEntryCRC`) before the bytes; `FileTxnIterator.next` recomputes it and throws
 *    `IOException("CRC check failed")` when it differs;
 *  - every snapshot: `SnapStream` seals the file with the Adler32 of its content and
 *    `FileSnap.deserialize` rejects a snapshot whose seal does not match ("CRC corruption").
 * Our "bytes" are the UTF-8 of a key-sorted JSON of the record, so the checksum does not depend on
 * the order in which a reader (a structured clone, a schema) rebuilt the object's keys.
 */
import type { TxnRecord } from '../txn';
import { isSealed } from '../Sealed';
import type { SnapshotFile } from './FileTxnSnapLog';

/** java.util.zip.Adler32 over the UTF-8 bytes of `s` (RFC 1950). */
export function adler32(s: string): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // the modulo is deferred as zlib does: at most 5552 bytes between reductions keeps b < 2^32;
  // a code point is at most 4 bytes, so reducing every 1024 code units is safe
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      a += c;
      b += a;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c < 0x800) {
        a += 0xc0 | (c >> 6);
        b += a;
        a += 0x80 | (c & 0x3f);
        b += a;
      } else if (c < 0x10000) {
        a += 0xe0 | (c >> 12);
        b += a;
        a += 0x80 | ((c >> 6) & 0x3f);
        b += a;
        a += 0x80 | (c & 0x3f);
        b += a;
      } else {
        a += 0xf0 | (c >> 18);
        b += a;
        a += 0x80 | ((c >> 12) & 0x3f);
        b += a;
        a += 0x80 | ((c >> 6) & 0x3f);
        b += a;
        a += 0x80 | (c & 0x3f);
        b += a;
      }
    }
    if (++n === 1024) {
      a %= MOD;
      b %= MOD;
      n = 0;
    }
  }
  a %= MOD;
  b %= MOD;
  return ((b << 16) | a) >>> 0;
}

/** JSON with object keys sorted; `undefined` members left out (the record's serialization). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonical(value[i]);
    return out + ']';
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonical(v);
    first = false;
  }
  return out + '}';
}

/**
 * The checksums of sealed records (never changed once made: zk/Sealed), made once — the same
 * record is logged by every server of the ensemble, and the checksum was 15 % of the core's time.
 */
const sealedChecksums = new WeakMap<TxnRecord, number>();

/** FileTxnLog.append's `txnEntryCRC`: Adler32 of the serialized header and body. */
export function txnChecksum(rec: TxnRecord): number {
  let crc = sealedChecksums.get(rec);
  if (crc === undefined) {
    crc = adler32(canonical({ hdr: rec.hdr, txn: rec.txn }));
    if (isSealed(rec)) sealedChecksums.set(rec, crc);
  }
  return crc;
}

/** SnapStream's seal: Adler32 of the snapshot's content (tree, sessions, its zxid). */
export function snapshotChecksum(snap: SnapshotFile): number {
  return adler32(canonical({ zxid: snap.zxid, tree: snap.tree, sessions: snap.sessions }));
}
